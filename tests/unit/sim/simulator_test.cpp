#include "src/runtime/sim/simulator.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>

#include "dissectors/net/ethernet.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/udp.h"
#include "tests/unit/sim/sim_endpoints.h"

using namespace ts;
using namespace ts::sim;
using namespace ts::sim::test;
using namespace std::chrono_literals;

namespace {

SimOptions options(std::uint64_t seed, TapPosition tap = TapPosition::sender) {
  SimOptions o;
  o.seed = seed;
  o.tap = tap;
  return o;
}

// A pinger (10.0.0.1) and an echoer (10.0.0.2, UDP 7 or GRE) on one link.
struct PingWorld {
  Simulator sim;
  Pinger* pinger = nullptr;
  Echoer* echo = nullptr;
  NodeId p = 0, e = 0;
  PingWorld(SimOptions o, const LinkImpairment& there, const LinkImpairment& back, int count, Duration interval = 1s,
            engine::ChannelKind kind = engine::ChannelKind::udp)
      : sim(o) {
    auto pg = std::make_unique<Pinger>(sim.start(), kind == engine::ChannelKind::gre ? "10.0.0.2" : "echo:7", count,
                                       interval, kind);
    auto ec = std::make_unique<Echoer>();
    pinger = pg.get();
    echo = ec.get();
    p = sim.add_node("pinger", std::move(pg));
    e = sim.add_node("echo", std::move(ec));
    sim.listen(e, kind, 7);
    sim.connect(p, e, there, back);
  }
};

LinkImpairment delay(Duration d, Duration jitter = 0ns) {
  LinkImpairment i;
  i.delay = d;
  i.jitter = jitter;
  return i;
}

std::size_t count_trace(const Simulator& sim, std::string_view prefix) {
  return static_cast<std::size_t>(std::count_if(sim.trace().begin(), sim.trace().end(),
                                                [&](const TraceRecord& r) { return r.text.rfind(prefix, 0) == 0; }));
}

}  // namespace

TEST_CASE("ping over a clean link: replies after two delays, deadlines at the times asked") {
  PingWorld w(options(1), delay(10ms), delay(10ms), 5);
  const RunResult r = w.sim.run_until_idle(1min);
  CHECK(r.stop == RunStop::idle);
  REQUIRE(w.pinger->replies.size() == 5);
  CHECK(w.pinger->replies.front() == "ping 0");
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(w.pinger->reply_times[i] - w.pinger->send_times[i] == 20ms);
    CHECK(w.pinger->asked[i] == w.sim.start() + (i + 1) * 1s);
  }
  CHECK(w.pinger->deadline_calls == w.pinger->asked);
  const Instant t1 = w.sim.start() + 1s;
  const auto& tr = w.sim.trace();
  CHECK(std::find(tr.begin(), tr.end(), TraceRecord{t1, w.p, TraceKind::state, "pinger: idle -> running"}) != tr.end());
  CHECK(std::find(tr.begin(), tr.end(), TraceRecord{t1, w.p, TraceKind::channel, "opened 1"}) != tr.end());
  CHECK(std::find(tr.begin(), tr.end(), TraceRecord{t1 + 10ms, w.e, TraceKind::channel, "opened 2147483648"}) !=
        tr.end());
  CHECK(std::find(tr.begin(), tr.end(), TraceRecord{t1 + 10ms, w.e, TraceKind::state, "echo: idle -> active"}) !=
        tr.end());
  CHECK(w.sim.tap().frames().size() == 10);
  CHECK(w.sim.address(w.p).ip.to_string() == "10.0.0.1");
  CHECK(net::mac_to_string(w.sim.address(w.e).mac) == "02:00:5e:00:00:02");
}

TEST_CASE("same seed, same pcap bytes and trace; another seed differs") {
  LinkImpairment imp = delay(5ms, 3ms);
  imp.loss = 0.1;
  imp.duplicate = 0.05;
  imp.reorder = 0.1;
  auto run = [&](std::uint64_t seed) {
    PingWorld w(options(seed), imp, imp, 200, 2ms);
    w.sim.run_until_idle(1min);
    return std::make_pair(w.sim.tap().bytes(), w.sim.trace());
  };
  const auto a = run(42), b = run(42), c = run(43);
  CHECK(a.first == b.first);
  CHECK(a.second == b.second);
  CHECK(a.first != c.first);
}

TEST_CASE("loss and duplication counts stay within bounds for a seed") {
  LinkImpairment there = delay(1ms), back = delay(1ms);
  there.loss = 0.2;
  back.duplicate = 0.1;
  PingWorld w(options(7), there, back, 2000, 10ms);
  w.sim.run_until_idle(1h);
  const LinkStats& out = w.sim.stats(w.p, w.e);
  const LinkStats& in = w.sim.stats(w.e, w.p);
  CHECK(out.sent == 2000);
  CHECK(out.lost >= 330);  // 400 expected, sigma 18
  CHECK(out.lost <= 470);
  CHECK(out.delivered == out.sent - out.lost);
  CHECK(w.echo->received.size() == out.delivered);
  CHECK(in.sent == out.delivered);
  CHECK(in.lost == 0);
  CHECK(in.duplicated >= in.sent / 10 - 50);  // 160 expected, sigma 12
  CHECK(in.duplicated <= in.sent / 10 + 50);
  CHECK(w.pinger->replies.size() == in.sent + in.duplicated);
  CHECK(count_trace(w.sim, "lost: ") == out.lost);
  CHECK(w.sim.tap().frames().size() == out.sent + in.sent);  // sender-side tap
}

TEST_CASE("jitter keeps each delay within [delay, delay + jitter]") {
  PingWorld w(options(3), delay(10ms, 4ms), delay(10ms, 4ms), 100, 100ms);
  w.sim.run_until_idle(1min);
  REQUIRE(w.pinger->replies.size() == 100);
  std::set<Duration> rtts;
  for (std::size_t i = 0; i < 100; ++i) {
    const Duration rtt = w.pinger->reply_times[i] - w.pinger->send_times[i];
    CHECK(rtt >= 20ms);
    CHECK(rtt <= 28ms);
    rtts.insert(rtt);
  }
  CHECK(rtts.size() > 50);
}

TEST_CASE("rate limiting spaces frames; reordered datagrams are overtaken") {
  Simulator sim(options(11));
  auto burst = std::make_unique<Burst>(sim.start(), "sink:9", 50);
  auto sink = std::make_unique<Sink>();
  Sink* s = sink.get();
  const NodeId b = sim.add_node("burst", std::move(burst));
  const NodeId k = sim.add_node("sink", std::move(sink));
  sim.listen(k, engine::ChannelKind::udp, 9);
  LinkImpairment imp = delay(1ms);
  imp.rate_bps = 1000000;  // a 50-byte frame takes 400 us
  SECTION("in order without reordering") {
    sim.connect(b, k, imp);
    sim.run_until_idle(1min);
    REQUIRE(s->order.size() == 50);
    for (std::size_t i = 0; i < 50; ++i) {
      CHECK(s->order[i] == static_cast<int>(i));
      CHECK(s->times[i] == sim.start() + 1s + 1ms + (i + 1) * 400us);
    }
  }
  SECTION("reordered") {
    imp.reorder = 0.2;
    imp.reorder_delay = 2ms;
    sim.connect(b, k, imp);
    sim.run_until_idle(1min);
    REQUIRE(s->order.size() == 50);
    std::vector<int> sorted = s->order;
    std::sort(sorted.begin(), sorted.end());
    std::vector<int> iota(50);
    std::iota(iota.begin(), iota.end(), 0);
    CHECK(sorted == iota);
    CHECK(s->order != iota);
    const auto reordered = sim.stats(b, k).reordered;
    CHECK(reordered >= 3);  // 10 expected
    CHECK(reordered <= 20);
    CHECK(std::is_sorted(s->times.begin(), s->times.end()));
  }
}

TEST_CASE("drop_next drops exactly the next matching datagrams") {
  PingWorld w(options(1), delay(1ms), delay(1ms), 5);
  w.sim.drop_next(w.p, w.e, DropRule{2, engine::ChannelKind::udp, {}});
  w.sim.drop_next(w.e, w.p, DropRule{1, std::nullopt, [](ByteView b) { return as_chars(b) == "ping 3"; }});
  w.sim.run_until_idle(1min);
  CHECK(w.echo->received == std::vector<std::string>{"ping 2", "ping 3", "ping 4"});
  CHECK(w.pinger->replies == std::vector<std::string>{"ping 2", "ping 4"});
  CHECK(w.sim.stats(w.p, w.e).dropped_by_rule == 2);
  CHECK(w.sim.stats(w.e, w.p).dropped_by_rule == 1);
  CHECK(count_trace(w.sim, "dropped by rule: udp 10.0.0.1:49152 > 10.0.0.2:7 len 6") == 2);
}

TEST_CASE("runs are bounded by events and by time") {
  SECTION("an endpoint that always wants to run stops at max_events") {
    Simulator sim(options(1));
    auto sp = std::make_unique<Spinner>(sim.start());
    Spinner* spin = sp.get();
    sim.add_node("spin", std::move(sp));
    RunResult r = sim.run_until_idle(1s, 1000);
    CHECK(r.stop == RunStop::event_limit);
    CHECK(r.events == 1000);
    CHECK(spin->calls == 1000);
    r = sim.run_until(sim.start() + 5s, 10);
    CHECK(r.stop == RunStop::event_limit);
    CHECK(sim.now() == sim.start());
  }
  SECTION("a periodic endpoint stops at the time limit") {
    PingWorld w(options(1), delay(1ms), delay(1ms), 1000000);
    const RunResult r = w.sim.run_until(w.sim.start() + 10s);
    CHECK(r.stop == RunStop::time_limit);
    CHECK(w.sim.now() == w.sim.start() + 10s);
    CHECK(w.pinger->deadline_calls.size() == 10);
    CHECK(w.pinger->replies.size() == 9);  // the tenth reply is still on the link
    CHECK(w.sim.run_until_idle(500ms).stop == RunStop::time_limit);
    CHECK(w.sim.now() == w.sim.start() + 10500ms);
    CHECK(w.pinger->replies.size() == 10);
  }
}

TEST_CASE("commands are delivered at their time") {
  Simulator sim(options(1));
  auto ec = std::make_unique<Echoer>();
  auto tc = std::make_unique<TcpClient>("nobody:80", std::vector<std::string>{"x"});
  TcpClient* client = tc.get();
  const NodeId c = sim.add_node("client", std::move(tc));
  sim.add_node("nobody", std::move(ec));
  sim.schedule_command(c, sim.start() + 3s, engine::Command{"go", {}});
  sim.run_until(sim.start() + 2s);
  CHECK(client->closed.empty());
  sim.run_until_idle(1min);
  // No link between the two: the open fails at once.
  CHECK(client->closed == std::vector<std::string>{"no route to host"});
  CHECK(sim.trace().back() == TraceRecord{sim.start() + 3s, c, TraceKind::channel, "closed 5: no route to host"});
}

TEST_CASE("GRE datagrams travel as IP protocol 47 to a GRE listener") {
  PingWorld w(options(1), delay(2ms), delay(2ms), 3, 1s, engine::ChannelKind::gre);
  w.sim.run_until_idle(1min);
  CHECK(w.pinger->replies.size() == 3);
  REQUIRE(w.sim.tap().frames().size() == 6);
  for (const auto& f : w.sim.tap().frames()) {
    const auto eth = net::decode_ethernet(f.data);
    const auto ip = net::decode_ipv4(eth.value.payload);
    CHECK(ip.value.protocol == net::ip_proto::kGre);
    CHECK(ip.value.checksum_ok);
  }
}

TEST_CASE("tap position: the sender sees lost packets, the receiver sees duplicates") {
  LinkImpairment imp = delay(1ms);
  imp.loss = 0.3;
  imp.duplicate = 0.3;
  for (const TapPosition pos : {TapPosition::sender, TapPosition::receiver}) {
    PingWorld w(options(5, pos), imp, imp, 100, 10ms);
    w.sim.run_until_idle(1min);
    const LinkStats& a = w.sim.stats(w.p, w.e);
    const LinkStats& b = w.sim.stats(w.e, w.p);
    const std::size_t frames = w.sim.tap().frames().size();
    if (pos == TapPosition::sender)
      CHECK(frames == a.sent + b.sent);
    else
      CHECK(frames == a.delivered + b.delivered);
    const auto& fr = w.sim.tap().frames();
    CHECK(std::is_sorted(fr.begin(), fr.end(), [](const TapFrame& x, const TapFrame& y) { return x.time < y.time; }));
  }
}

namespace {
constexpr DiagnosticDef kTestDef{"sim.test.rule", DiagKind::violation, Severity::error, "RFC 0 §0", "a test rule"};

// At start + 2 s: reports a peer violation and one of its own (by_us), and changes state.
class Accuser : public engine::Endpoint {
 public:
  explicit Accuser(Instant start) : at_(start + 2s) {}
  engine::Actions handle(Instant, const engine::Input&) override { return {}; }
  engine::Actions on_deadline(Instant) override {
    engine::Actions out;
    append_action(out, engine::Violation{&kTestDef, "peer did it", false});
    append_action(out, engine::Violation{&kTestDef, "on purpose", true});
    append_action(out, engine::StateChange{"call 1", "idle", "wait-reply"});
    at_.reset();
    return out;
  }
  std::optional<Instant> next_deadline() const override { return at_; }

 private:
  std::optional<Instant> at_;
};
}  // namespace

TEST_CASE("violations and state changes are traced with time and node") {
  Simulator sim(options(1));
  sim.add_node("other", std::make_unique<Echoer>());
  const NodeId a = sim.add_node("accuser", std::make_unique<Accuser>(sim.start()));
  CHECK(sim.run_until_idle(1min).stop == RunStop::idle);
  const Instant t = sim.start() + 2s;
  CHECK(sim.trace() == std::vector<TraceRecord>{
                           {t, a, TraceKind::violation, "sim.test.rule: peer did it"},
                           {t, a, TraceKind::violation, "sim.test.rule: on purpose (by us)"},
                           {t, a, TraceKind::state, "call 1: idle -> wait-reply"},
                       });
  CHECK(sim.name(a) == "accuser");
  CHECK(sim.address(a).ip.to_string() == "10.0.0.2");
}

TEST_CASE("UDP source ports: ephemeral, or the well-known port when the node listens on it") {
  const auto first_udp_ports = [](const Simulator& sim) {
    const auto eth = net::decode_ethernet(sim.tap().frames().at(0).data);
    const auto ip = net::decode_ipv4(eth.value.payload);
    const auto udp = net::decode_udp(ip.value.payload);
    return std::make_pair(udp.value.src_port, udp.value.dst_port);
  };
  SECTION("ephemeral") {
    PingWorld w(options(1), delay(1ms), delay(1ms), 2);
    w.sim.run_until_idle(1min);
    CHECK(first_udp_ports(w.sim) == std::make_pair<std::uint16_t, std::uint16_t>(49152, 7));
  }
  SECTION("like L2TP's 1701 <-> 1701") {
    PingWorld w(options(1), delay(1ms), delay(1ms), 2);
    w.sim.listen(w.p, engine::ChannelKind::udp, 7);
    w.sim.run_until_idle(1min);
    CHECK(first_udp_ports(w.sim) == std::make_pair<std::uint16_t, std::uint16_t>(7, 7));
    // The replies reach the pinger's own channel, not a newly accepted one.
    CHECK(w.pinger->replies.size() == 2);
    CHECK(count_trace(w.sim, "opened 2147483648") == 1);  // the echoer's only
  }
}
