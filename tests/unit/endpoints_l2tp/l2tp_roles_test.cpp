// The L2TP LAC and LNS against each other in simulation (RFC 2661): establishment, calls
// both ways, data, Hello, teardown, loss, and the error paths. Assertions are on final
// states, the trace (timeline) and what went on the wire.
#include <catch2/catch.hpp>

#include <algorithm>

#include "dissectors/l2tp/message.h"
#include "dissectors/net/ethernet.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/udp.h"
#include "tests/tools/capture_frames.h"
#include "tests/unit/endpoints_l2tp/l2tp_world.h"

using namespace ts;
using namespace ts::test;
using namespace std::chrono_literals;
using ts::endpoints::l2tp::TunnelEnd;
using ts::sim::TraceKind;

namespace {

// The L2TP messages the tap recorded from `node_ip` (last octet), decoded without a secret.
struct WireMessage {
  double t = 0;
  int from = 0;  // last octet of the source address
  ts::l2tp::Message msg;
  Bytes udp;
};

std::vector<WireMessage> wire(const L2tpWorld& w) {
  std::vector<WireMessage> out;
  for (const auto& f : w.sim.tap().frames()) {
    // Ethernet (14) + IPv4 (20) + UDP (8).
    if (f.data.size() < 42 || f.data[23] != 17) continue;
    WireMessage m;
    m.t = w.seconds_since_start(f.time);
    m.from = f.data[29];
    m.udp.assign(f.data.begin() + 42, f.data.end());
    out.push_back(std::move(m));
  }
  for (auto& m : out) m.msg = ts::l2tp::decode(m.udp).value;
  return out;
}

int count_type(const std::vector<WireMessage>& ws, std::uint16_t type, int from = 0) {
  return static_cast<int>(std::count_if(ws.begin(), ws.end(), [&](const WireMessage& m) {
    return m.msg.is_control() && m.msg.message_type == type && (from == 0 || m.from == from);
  }));
}

std::size_t established_calls(const endpoints::l2tp::L2tpEndpoint& e) {
  std::size_t n = 0;
  for (const auto& [id, t] : e.tunnels())
    for (const auto& [sid, s] : t->sessions()) n += s.established() ? 1 : 0;
  return n;
}

constexpr std::uint16_t kSccrq = 1, kSccrp = 2, kScccn = 3, kStopccn = 4, kHello = 6, kOcrq = 7,
                        kOcrp = 8, kOccn = 9, kIcrq = 10, kIcrp = 11, kIccn = 12, kCdn = 14, kSli = 16;

}  // namespace

TEST_CASE("LAC to LNS: tunnel, three incoming calls, data both ways, hangup and StopCCN") {
  auto lac = lac_config();
  lac.stop_when_idle = true;
  L2tpWorld w(lac, lns_config());
  for (int i = 0; i < 3; ++i)
    w.command(w.a, 1s, "call", {{"peer", "lns"}, {"called", "555" + std::to_string(i)}});
  w.command(w.a, 5s, "hangup");
  w.sim.run_until(w.sim.start() + 4s);

  REQUIRE(w.lac->tunnels().size() == 1);
  REQUIRE(w.lns->tunnels().size() == 1);
  CHECK(w.lac->tunnels().begin()->second->established());
  CHECK(established_calls(*w.lac) == 3);
  CHECK(established_calls(*w.lns) == 3);
  REQUIRE(w.lac_links.links.size() == 3);
  REQUIRE(w.lns_links.links.size() == 3);
  for (const auto& l : w.lac_links.links) CHECK(l->received.size() == 3);
  for (const auto& l : w.lns_links.links) CHECK(l->received.size() == 3);

  w.sim.run_until_idle(2min);
  // The LAC originated the tunnel and stops it after the last call (stop_when_idle).
  REQUIRE(w.lac->finished_tunnels().size() == 1);
  REQUIRE(w.lns->finished_tunnels().size() == 1);
  CHECK(w.lac->finished_tunnels()[0].end == TunnelEnd::stop_sent);
  CHECK(w.lns->finished_tunnels()[0].end == TunnelEnd::stop_received);
  CHECK(w.lac->finished_tunnels()[0].calls_established == 3);
  CHECK(w.lines(TraceKind::violation).empty());
  for (const auto& l : w.lns_links.links) CHECK(l->was_down);

  const auto ws = wire(w);
  CHECK(count_type(ws, kSccrq, 1) == 1);
  CHECK(count_type(ws, kSccrp, 2) == 1);
  CHECK(count_type(ws, kScccn, 1) == 1);
  CHECK(count_type(ws, kIcrq, 1) == 3);
  CHECK(count_type(ws, kIcrp, 2) == 3);
  CHECK(count_type(ws, kIccn, 1) == 3);
  CHECK(count_type(ws, kCdn, 1) == 3);
  CHECK(count_type(ws, kStopccn, 1) == 1);
  CHECK(count_type(ws, kSli, 2) == 3);  // the test link reports its ACCMs at once
  // The state changes are on the timeline.
  CHECK(w.has_line(TraceKind::state, "wait-ctl-reply -> established", w.a));
  CHECK(w.has_line(TraceKind::state, "wait-ctl-conn -> established", w.b));
  CHECK(w.has_line(TraceKind::state, "wait-reply -> established", w.a));
  CHECK(w.has_line(TraceKind::state, "wait-connect -> established", w.b));

  // The analyzer reads the simulated wire without a single diagnostic.
  const auto analysis = ts::testing::analyze(w.sim.tap());
  CHECK(ts::testing::diagnostic_lines(analysis) == std::vector<std::string>{});
}

TEST_CASE("LNS-initiated outgoing calls: OCRQ, OCRP, OCCN after the dial delay") {
  auto lac = lac_config();
  lac.dial_delay = 700ms;
  L2tpWorld w(lac, lns_config());
  w.command(w.b, 1s, "call", {{"peer", "lac"}, {"called", "0800123"}});
  w.command(w.b, 1s, "call", {{"peer", "lac"}, {"called", "0800124"}});
  w.sim.run_until(w.sim.start() + 5s);
  CHECK(established_calls(*w.lac) == 2);
  CHECK(established_calls(*w.lns) == 2);
  const auto ws = wire(w);
  CHECK(count_type(ws, kSccrq, 2) == 1);  // the LNS originated the tunnel
  CHECK(count_type(ws, kOcrq, 2) == 2);
  CHECK(count_type(ws, kOcrp, 1) == 2);
  CHECK(count_type(ws, kOccn, 1) == 2);
  // OCCN follows OCRP by the dial delay (§7.5.1 wait-cs-answer).
  double ocrp = -1, occn = -1;
  for (const auto& m : ws) {
    if (m.msg.message_type == kOcrp && ocrp < 0) ocrp = m.t;
    if (m.msg.message_type == kOccn && occn < 0) occn = m.t;
  }
  CHECK(occn - ocrp == Approx(0.7).margin(0.002));
  for (const auto& [id, t] : w.lac->tunnels())
    for (const auto& [sid, s] : t->sessions()) CHECK((s.info().called_number == "0800123" || s.info().called_number == "0800124"));
  CHECK(w.lines(TraceKind::violation).empty());
  w.command(w.b, 6s, "stop");
  w.sim.run_until_idle(2min);
  CHECK(w.lns->finished_tunnels().at(0).end == TunnelEnd::stop_sent);
  CHECK(w.lac->finished_tunnels().at(0).end == TunnelEnd::stop_received);
}

TEST_CASE("tunnel authentication and hidden AVPs with the shared secret") {
  auto lac = lac_config();
  auto lns = lns_config();
  lac.secret = lns.secret = "s3cret";
  lac.hide_avps = lns.hide_avps = true;
  L2tpWorld w(lac, lns);
  w.command(w.a, 1s, "call", {{"peer", "lns"}, {"calling", "4711"}});
  w.sim.run_until(w.sim.start() + 3s);
  CHECK(established_calls(*w.lns) == 1);
  CHECK(w.lines(TraceKind::violation).empty());
  for (const auto& [id, t] : w.lns->tunnels())
    for (const auto& [sid, s] : t->sessions()) CHECK(s.info().calling_number == "4711");
  const auto ws = wire(w);
  int hidden = 0;
  bool challenge_in_sccrq = false, response_in_scccn = false;
  for (const auto& m : ws) {
    for (const auto& a : m.msg.avps) hidden += a.hidden ? 1 : 0;
    if (m.msg.message_type == kSccrq) challenge_in_sccrq = m.msg.find(11) != nullptr;
    if (m.msg.message_type == kScccn) response_in_scccn = m.msg.find(13) != nullptr;
  }
  CHECK(hidden > 5);
  CHECK(challenge_in_sccrq);
  CHECK(response_in_scccn);
  // With the secret the analyzer unhides everything and verifies both responses.
  ts::observe::AnalyzerOptions o;
  o.l2tp_secrets = {"s3cret"};
  CHECK(ts::testing::diagnostic_lines(ts::testing::analyze(w.sim.tap(), o)) == std::vector<std::string>{});
}

TEST_CASE("wrong tunnel secret: the challenger refuses with StopCCN result 4") {
  auto lac = lac_config();
  auto lns = lns_config();
  lac.secret = "right";
  lns.secret = "wrong";
  L2tpWorld w(lac, lns);
  w.command(w.a, 1s, "open", {{"peer", "lns"}});
  w.sim.run_until_idle(2min);
  REQUIRE(w.lac->finished_tunnels().size() == 1);
  REQUIRE(w.lns->finished_tunnels().size() == 1);
  CHECK_FALSE(w.lac->finished_tunnels()[0].was_established);
  CHECK(w.lac->finished_tunnels()[0].end == TunnelEnd::stop_sent);
  CHECK(w.lac->finished_tunnels()[0].stop_result->result == 4);
  CHECK(w.has_line(TraceKind::violation, "l2tp.peer.tunnel_auth_failed", w.a));
  CHECK(w.lns->finished_tunnels()[0].end == TunnelEnd::stop_received);
}

TEST_CASE("an LNS that never answers: SCCRQ retransmitted at 1, 3, 7, 15, 23 s, tunnel dead at 31 s") {
  sim::LinkImpairment deaf;
  L2tpWorld w(lac_config(), lns_config());
  w.sim.set_impairment(w.b, w.a, sim::LinkImpairment{1ms, {}, 1.0});  // nothing comes back
  w.command(w.a, 0s, "open", {{"peer", "lns"}});
  w.sim.run_until_idle(5min);
  std::vector<double> sccrq_times;
  for (const auto& m : wire(w))
    if (m.from == 1 && m.msg.message_type == kSccrq) sccrq_times.push_back(m.t);
  REQUIRE(sccrq_times.size() == 6);
  const double expected[] = {0, 1, 3, 7, 15, 23};
  for (std::size_t i = 0; i < 6; ++i) CHECK(sccrq_times[i] == Approx(expected[i]).margin(1e-6));
  REQUIRE(w.lac->finished_tunnels().size() == 1);
  CHECK(w.lac->finished_tunnels()[0].end == TunnelEnd::dead);
  bool dead_at_31 = false;
  for (const auto& r : w.sim.trace())
    if (r.node == w.a && r.text.find("l2tp.peer.tunnel_dead") != std::string::npos)
      dead_at_31 = std::abs(w.seconds_since_start(r.time) - 31.0) < 1e-6;
  CHECK(dead_at_31);
}

TEST_CASE("configured back-off: 0.5 s initial, 8 s cap, 3 retries") {
  auto lac = lac_config();
  lac.channel.initial_timeout = 500ms;
  lac.channel.max_retransmissions = 3;
  L2tpWorld w(lac, lns_config());
  w.sim.set_impairment(w.b, w.a, sim::LinkImpairment{1ms, {}, 1.0});
  w.command(w.a, 0s, "open", {{"peer", "lns"}});
  w.sim.run_until_idle(5min);
  std::vector<double> t;
  for (const auto& m : wire(w))
    if (m.from == 1 && m.msg.message_type == kSccrq) t.push_back(m.t);
  REQUIRE(t.size() == 4);
  CHECK(t[1] == Approx(0.5));
  CHECK(t[2] == Approx(1.5));
  CHECK(t[3] == Approx(3.5));
}

TEST_CASE("20% loss both ways: the tunnel and three calls still establish, with retransmissions") {
  for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
    CAPTURE(seed);
    sim::LinkImpairment lossy;
    lossy.loss = 0.2;
    lossy.delay = 20ms;
    L2tpWorld w(lac_config(), lns_config(), lossy, seed);
    for (int i = 0; i < 3; ++i) w.command(w.a, 1s, "call", {{"peer", "lns"}});
    w.sim.run_until(w.sim.start() + 90s);
    CHECK(established_calls(*w.lac) == 3);
    CHECK(established_calls(*w.lns) == 3);
    std::uint64_t retransmitted = 0;
    for (const auto& [id, t] : w.lac->tunnels()) retransmitted += t->channel().counters().retransmitted;
    for (const auto& [id, t] : w.lns->tunnels()) retransmitted += t->channel().counters().retransmitted;
    CHECK(retransmitted > 0);
    CHECK(w.lines(TraceKind::violation).empty());
  }
}

TEST_CASE("Hello after the configured silence; a peer that goes away kills the tunnel") {
  auto lac = lac_config();
  lac.hello_interval = 10s;
  auto lns = lns_config();
  lns.hello_interval = 0s;  // only the LAC sends Hello
  L2tpWorld w(lac, lns);
  w.command(w.a, 0s, "open", {{"peer", "lns"}});
  w.sim.run_until(w.sim.start() + 35s);
  const auto ws = wire(w);
  std::vector<double> hellos;
  for (const auto& m : ws)
    if (m.msg.message_type == kHello) hellos.push_back(m.t);
  // The last message from the LNS is its ZLB ACK of the SCCCN, 0.5 s (its ack delay) after
  // establishment: Hellos at ~10.5, ~20.5, ~30.5 s, each acknowledged by a ZLB 0.5 s later.
  REQUIRE(hellos.size() == 3);
  CHECK(hellos[0] == Approx(10.504).margin(0.002));
  CHECK(hellos[1] - hellos[0] == Approx(10.5).margin(0.002));
  CHECK(w.lac->tunnels().size() == 1);
  // The LNS vanishes: the next Hello is never acknowledged.
  w.sim.set_impairment(w.b, w.a, sim::LinkImpairment{1ms, {}, 1.0});
  w.sim.run_until_idle(5min);
  REQUIRE(w.lac->finished_tunnels().size() == 1);
  CHECK(w.lac->finished_tunnels()[0].end == TunnelEnd::dead);
  CHECK(w.has_line(TraceKind::violation, "l2tp.peer.tunnel_dead", w.a));
}

TEST_CASE("refused calls: CDN with the configured result, seen as a refusal by the caller") {
  auto lns = lns_config();
  lns.max_sessions = 1;
  L2tpWorld w(lac_config(), lns);
  w.command(w.a, 1s, "call", {{"peer", "lns"}});
  w.command(w.a, 2s, "call", {{"peer", "lns"}});
  w.sim.run_until(w.sim.start() + 5s);
  CHECK(established_calls(*w.lac) == 1);
  CHECK(established_calls(*w.lns) == 1);
  const auto ws = wire(w);
  bool refused = false;
  for (const auto& m : ws) {
    if (m.msg.message_type != kCdn || m.from != 2) continue;
    const auto* rc = m.msg.find(1);
    REQUIRE(rc != nullptr);
    const auto r = ts::l2tp::parse_result_code(rc->value());
    refused = r && r->result == 2 && r->error == 4;
  }
  CHECK(refused);
  CHECK(w.has_line(TraceKind::violation, "l2tp.peer.call_refused", w.a));
}

TEST_CASE("data sequencing: Sequencing Required from the LAC, and an LAC mirroring the LNS") {
  SECTION("required") {
    auto lac = lac_config();
    lac.sequencing = endpoints::l2tp::DataSequencing::required;
    L2tpWorld w(lac, lns_config());
    w.command(w.a, 1s, "call", {{"peer", "lns"}});
    w.sim.run_until(w.sim.start() + 3s);
    int data = 0, sequenced = 0;
    for (const auto& m : wire(w)) {
      if (m.msg.is_control()) continue;
      ++data;
      sequenced += m.msg.header.sequence_present ? 1 : 0;
    }
    CHECK(data == 6);
    CHECK(sequenced == 6);
    for (const auto& [id, t] : w.lns->tunnels())
      for (const auto& [sid, s] : t->sessions()) CHECK(s.info().sequencing_required);
  }
  SECTION("LNS on: the LAC follows") {
    auto lns = lns_config();
    lns.sequencing = endpoints::l2tp::DataSequencing::on;
    L2tpWorld w(lac_config(), lns, {}, 1, TestLinkPlan{4, 100ms, 0});
    w.command(w.a, 1s, "call", {{"peer", "lns"}});
    w.sim.run_until(w.sim.start() + 3s);
    int lac_sequenced = 0, lns_sequenced = 0;
    for (const auto& m : wire(w)) {
      if (m.msg.is_control() || !m.msg.header.sequence_present) continue;
      (m.from == 1 ? lac_sequenced : lns_sequenced) += 1;
    }
    CHECK(lns_sequenced == 4);
    CHECK(lac_sequenced >= 1);  // from its first frame after the LNS's first
  }
}

TEST_CASE("tie-breaker: simultaneous SCCRQs leave one tunnel; without it, two") {
  SECTION("with tie breakers") {
    auto lac = lac_config();
    auto lns = lns_config();
    lac.tie_breaker = lns.tie_breaker = true;
    L2tpWorld w(lac, lns);
    w.command(w.a, 1s, "open", {{"peer", "lns"}});
    w.command(w.b, 1s, "open", {{"peer", "lac"}});
    w.sim.run_until(w.sim.start() + 5s);
    CHECK(w.lac->tie_breaks_won() + w.lac->tie_breaks_lost() == 1);
    CHECK(w.lns->tie_breaks_won() + w.lns->tie_breaks_lost() == 1);
    CHECK(w.lac->tie_breaks_won() != w.lns->tie_breaks_won());
    CHECK(w.lac->tunnels().size() == 1);
    CHECK(w.lns->tunnels().size() == 1);
    CHECK(w.lac->tunnels().begin()->second->established());
    CHECK(w.lines(TraceKind::violation).empty());
  }
  SECTION("without") {
    L2tpWorld w(lac_config(), lns_config());
    w.command(w.a, 1s, "open", {{"peer", "lns"}});
    w.command(w.b, 1s, "open", {{"peer", "lac"}});
    w.sim.run_until(w.sim.start() + 5s);
    CHECK(w.lac->tunnels().size() == 2);
    CHECK(w.lns->tunnels().size() == 2);
  }
}

TEST_CASE("same seed, same bytes") {
  auto run = [](std::uint64_t seed) {
    sim::LinkImpairment lossy;
    lossy.loss = 0.1;
    L2tpWorld w(lac_config(), lns_config(), lossy, seed);
    w.command(w.a, 1s, "call", {{"peer", "lns"}});
    w.command(w.a, 4s, "stop");
    w.sim.run_until_idle(2min);
    return w.sim.tap().bytes();
  };
  CHECK(run(7) == run(7));
  CHECK(run(7) != run(8));
}

TEST_CASE("graceful hangup: the link closes first, the CDN follows once it has finished") {
  L2tpWorld w(lac_config(), lns_config(), {}, 1, TestLinkPlan{2, 100ms, 0});
  w.command(w.a, 1s, "call", {{"peer", "lns"}});
  w.command(w.a, 3s, "hangup", {{"graceful", "1"}});
  w.sim.run_until(w.sim.start() + 4s);
  // The test link finishes as soon as it is asked to close, so the CDN goes out at once.
  CHECK(established_calls(*w.lac) == 0);
  CHECK(established_calls(*w.lns) == 0);
  CHECK(count_type(wire(w), kCdn, 1) == 1);
  CHECK(w.lines(TraceKind::violation).empty());
}

TEST_CASE("proxy LCP and proxy authentication AVPs go in ICCN and are recorded by the LNS") {
  auto lac = lac_config();
  lac.proxy.initial_received_lcp_confreq = Bytes{0x05, 0x06, 0x11, 0x22, 0x33, 0x44};
  lac.proxy.last_sent_lcp_confreq = Bytes{0x03, 0x05, 0xc2, 0x23, 0x05};
  lac.proxy.last_received_lcp_confreq = Bytes{0x05, 0x06, 0x11, 0x22, 0x33, 0x44};
  lac.proxy.authen_type = 2;  // CHAP
  lac.proxy.authen_name = "alice";
  lac.proxy.authen_challenge = Bytes(16, 0xab);
  lac.proxy.authen_id = 7;
  lac.proxy.authen_response = Bytes(16, 0xcd);
  L2tpWorld w(lac, lns_config());
  w.command(w.a, 1s, "call", {{"peer", "lns"}});
  w.sim.run_until(w.sim.start() + 3s);
  REQUIRE(established_calls(*w.lns) == 1);
  for (const auto& [id, t] : w.lns->tunnels())
    for (const auto& [sid, s] : t->sessions()) {
      CHECK(s.info().proxy_lcp);
      CHECK(s.info().proxy_authen_type == 2);
      CHECK(s.info().proxy_authen_name == "alice");
    }
  // The analyzer finds every AVP the CHAP proxy type requires (RFC 2661 §4.4.5).
  CHECK(ts::testing::diagnostic_lines(ts::testing::analyze(w.sim.tap())) == std::vector<std::string>{});
}
