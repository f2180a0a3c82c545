// ReliableChannel (RFC 2661 §5.8, Appendix A): two channels back to back over the
// deterministic test link of channel_pair.h, and single channels fed crafted datagrams.
#include <catch2/catch.hpp>

#include "src/endpoints/l2tp/reliable_channel_diagnostics.h"
#include "tests/unit/endpoints_l2tp/channel_pair.h"

using namespace ts;
using namespace ts::endpoints::l2tp;
using namespace ts::endpoints::l2tp::test;

namespace {

std::vector<Duration> times_of(const std::vector<WireRecord>& records) {
  std::vector<Duration> out;
  for (const auto& r : records) out.push_back(r.at - at(0s));
  return out;
}

void check_delivered_in_order(const std::vector<Bytes>& delivered, std::uint32_t count) {
  REQUIRE(delivered.size() == count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const auto index = message_index(delivered[i]);
    REQUIRE(index.has_value());
    REQUIRE(*index == i);
  }
}

}  // namespace

TEST_CASE("100 messages are delivered in order, at most 4 outstanding (RFC 2661 §5.8)") {
  ChannelPair p({}, {});
  for (std::uint32_t i = 0; i < 100; ++i) p.send_a(make_message(i));
  CHECK(p.a.unacknowledged() == 1);  // Appendix A: CWND starts at 1
  CHECK(p.a.waiting() == 99);
  REQUIRE(events_of<event::WindowStalled>(p.a_events).size() == 1);
  p.run_until(at(120s));
  check_delivered_in_order(p.b_delivered, 100);
  CHECK(p.max_outstanding_a == 4);
  CHECK(p.a.counters().sent == 100);
  CHECK(p.a.counters().acknowledged == 100);
  CHECK(p.a.counters().retransmitted == 0);
  CHECK(p.b.counters().received == 100);
  CHECK(p.b.counters().delivered == 100);
  CHECK(p.a.next_ns() == 100);
  CHECK(p.b.expected_ns() == 100);
  CHECK(p.a.idle());
  CHECK(p.b.idle());
  CHECK(p.violations.empty());
  CHECK_FALSE(p.a.next_deadline().has_value());
}

TEST_CASE("an unanswered message is retransmitted after 1, 2, 4, 8, 8 s, then the tunnel is dead") {
  ChannelPair p({}, {});
  p.ab.lose_all = true;
  p.send_a(make_message(0));
  p.run_until(at(31s) - 1ns);
  const auto tx = p.sent_by('A');
  CHECK(times_of(tx) == std::vector<Duration>{0s, 1s, 3s, 7s, 15s, 23s});
  for (const auto& r : tx) CHECK(r.ns == 0);
  const auto retx = events_of<event::Retransmitted>(p.a_events);
  REQUIRE(retx.size() == 5);
  const Duration next[] = {2s, 4s, 8s, 8s, 8s};  // back-off capped at max_timeout
  for (std::size_t i = 0; i < retx.size(); ++i) {
    CHECK(retx[i].attempt == i + 1);
    CHECK(retx[i].next_timeout == next[i]);
  }
  CHECK_FALSE(p.a.dead());
  p.run_until(at(40s));
  CHECK(p.a.dead());
  const auto dead = events_of<event::TunnelDead>(p.a_events);
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].ns == 0);
  CHECK(dead[0].retransmissions == 5);
  CHECK(p.a.full_retransmission_cycle() == 31s);  // RFC 2661 §5.7's "31 seconds"
  CHECK_FALSE(p.a.next_deadline().has_value());
  const auto after = p.a.send(p.now, make_message(1));
  CHECK(after.datagrams.empty());
  CHECK(events_of<event::Discarded>(after.events).size() == 1);
}

TEST_CASE("back-off follows the configured cap and retry count") {
  ReliableChannelConfig cfg;
  cfg.max_timeout = 16s;
  cfg.max_retransmissions = 3;
  ChannelPair p(cfg, {});
  p.ab.lose_all = true;
  p.send_a(make_message(0));
  p.run_until(at(15s) - 1ns);
  CHECK(times_of(p.sent_by('A')) == std::vector<Duration>{0s, 1s, 3s, 7s});
  CHECK_FALSE(p.a.dead());
  p.run_until(at(15s));
  CHECK(p.a.dead());
  CHECK(p.a.full_retransmission_cycle() == 15s);

  ReliableChannelConfig low;
  low.max_timeout = 2s;  // §5.8: the cap MUST be no less than 8 s
  CHECK(ReliableChannel(low).config().max_timeout == 8s);
}

TEST_CASE("a lost message is retransmitted once, with the same Ns and an updated Nr") {
  ChannelPair p({}, {});
  p.ab.lose = {0};
  p.send_a(make_message(0));
  p.send_b(make_message(7));  // A receives it at 10 ms: its Nr becomes 1
  p.run_until(at(10s));
  const auto tx = p.sent_by('A');
  REQUIRE(tx.size() == 3);
  CHECK((tx[0].at == at(0s) && tx[0].ns == 0 && tx[0].nr == 0 && tx[0].lost));
  // Nothing to piggyback on: a ZLB acknowledges B's message after the 0.5 s ack delay.
  CHECK((tx[1].at == at(510ms) && tx[1].zlb && tx[1].ns == 1 && tx[1].nr == 1));
  CHECK((tx[2].at == at(1s) && tx[2].ns == 0 && tx[2].nr == 1 && !tx[2].zlb));
  check_delivered_in_order(p.b_delivered, 1);
  CHECK(p.a.counters().retransmitted == 1);
  CHECK(p.a.idle());
  CHECK(p.b.idle());
}

TEST_CASE("a duplicate is acknowledged but not delivered twice (RFC 2661 §5.8)") {
  ChannelPair p({}, {});
  p.ba.lose = {0};  // B's first ZLB ACK is lost: A retransmits
  p.send_a(make_message(0));
  p.run_until(at(10s));
  check_delivered_in_order(p.b_delivered, 1);
  CHECK(p.b.counters().duplicates == 1);
  REQUIRE(events_of<event::DuplicateReceived>(p.b_events).size() == 1);
  const auto zlbs = p.sent_by('B');
  CHECK(times_of(zlbs) == std::vector<Duration>{510ms, 1510ms});
  for (const auto& r : zlbs) CHECK((r.zlb && r.nr == 1 && r.ns == 0));
  CHECK(p.a.idle());
  CHECK(p.a.counters().retransmitted == 1);
}

TEST_CASE("out-of-order messages are queued and delivered in order") {
  ReliableChannelConfig cfg;
  cfg.slow_start = false;  // all three at once
  ChannelPair p(cfg, {});
  p.ab.delay = {0};  // Ns 0 arrives 100 ms after Ns 1 and 2
  for (std::uint32_t i = 0; i < 3; ++i) p.send_a(make_message(i));
  p.run_until(at(5s));
  check_delivered_in_order(p.b_delivered, 3);
  const auto queued = events_of<event::OutOfOrderQueued>(p.b_events);
  REQUIRE(queued.size() == 2);
  CHECK((queued[0].ns == 1 && queued[0].expected == 0));
  CHECK((queued[1].ns == 2 && queued[1].expected == 0));
  CHECK(p.b.counters().out_of_order == 2);
  CHECK(p.a.counters().retransmitted == 0);
  CHECK(times_of(p.sent_by('B')) == std::vector<Duration>{610ms});  // one ZLB, Nr 3
  CHECK(p.sent_by('B')[0].nr == 3);
}

TEST_CASE("with queueing off, out-of-order messages are dropped and come back one by one") {
  ReliableChannelConfig sender;
  sender.slow_start = false;
  ReliableChannelConfig receiver;
  receiver.queue_out_of_order = false;
  ChannelPair p(sender, receiver);
  p.ab.delay = {0};
  for (std::uint32_t i = 0; i < 3; ++i) p.send_a(make_message(i));
  p.run_until(at(20s));
  check_delivered_in_order(p.b_delivered, 3);
  CHECK(events_of<event::OutOfOrderDropped>(p.b_events).size() == 2);
  CHECK(p.a.counters().retransmitted == 2);  // only the oldest is ever retransmitted
  CHECK(p.a.idle());
}

TEST_CASE("Ns beyond our window is dropped as a violation; Nr beyond what was sent too") {
  ReliableChannel c({});
  const Instant t0 = at(0s);
  auto out = c.on_receive(t0, make_peer_datagram(4, 0, false));  // window 4: 0..3 allowed
  REQUIRE(out.violations.size() == 1);
  CHECK(out.violations[0].def == &diag::kNsBeyondWindow);
  CHECK_FALSE(out.violations[0].by_us);
  CHECK(events_of<event::OutOfOrderDropped>(out.events).at(0).beyond_window);
  out = c.on_receive(t0, make_peer_datagram(3, 0, false));
  CHECK(out.violations.empty());
  CHECK(events_of<event::OutOfOrderQueued>(out.events).size() == 1);
  CHECK(c.counters().out_of_window == 1);

  c.send(t0, make_message(0));
  c.send(t0, make_message(1));  // waits: CWND 1
  out = c.on_receive(t0, make_peer_datagram(0, 5, true));
  REQUIRE(out.violations.size() == 1);
  CHECK(out.violations[0].def == &diag::kNrUnsent);
  CHECK(c.unacknowledged() == 1);
  out = c.on_receive(t0, make_peer_datagram(0, 1, true));  // acks Ns 0; Ns 1 goes out
  CHECK(out.violations.empty());
  CHECK(out.datagrams.size() == 1);
  out = c.on_receive(t0, make_peer_datagram(0, 0, true));  // stale Nr: ignored silently
  CHECK(out.violations.empty());
  CHECK(c.counters().zlb_received == 3);
  CHECK(c.unacknowledged() == 1);
}

TEST_CASE("a ZLB ACK goes out after the configured delay when nothing can carry the ack") {
  SECTION("default 0.5 s") {
    ChannelPair p({}, {});
    p.send_a(make_message(0));
    p.run_until(at(5s));
    const auto tx = p.sent_by('B');
    REQUIRE(tx.size() == 1);
    CHECK((tx[0].zlb && tx[0].at == at(510ms) && tx[0].nr == 1 && tx[0].ns == 0));
    CHECK(p.b.counters().zlb_sent == 1);
    CHECK(p.a.counters().zlb_received == 1);
    REQUIRE(events_of<event::ZlbSent>(p.b_events).size() == 1);
  }
  SECTION("configured 0: at once") {
    ReliableChannelConfig cfg;
    cfg.ack_delay = 0s;
    cfg.peer_tunnel_id = 42;
    ChannelPair p({}, cfg);
    p.send_a(make_message(0));
    p.run_until(at(5s));
    REQUIRE(p.sent_by('B').size() == 1);
    CHECK(p.sent_by('B')[0].at == at(10ms));
    // The ZLB is addressed with the peer's tunnel id.
    ReliableChannel c(cfg);
    c.on_receive(at(0s), make_peer_datagram(0, 0, false));
    const auto out = c.on_deadline(at(0s));
    REQUIRE(out.datagrams.size() == 1);
    const auto zlb = ts::l2tp::decode(out.datagrams[0]).value;
    CHECK((zlb.zlb && zlb.header.tunnel_id == 42 && zlb.header.nr == 1));
  }
}

TEST_CASE("no ZLB when an outgoing message carries the acknowledgement") {
  ChannelPair p({}, {});
  p.b_on_deliver = [&](const Bytes&) { p.send_b(make_message(1000)); };
  p.send_a(make_message(0));
  p.run_until(at(5s));
  const auto tx = p.sent_by('B');
  REQUIRE(tx.size() == 1);
  CHECK((!tx[0].zlb && tx[0].at == at(10ms) && tx[0].nr == 1 && tx[0].ns == 0));
  CHECK(p.b.counters().zlb_sent == 0);
  // A has nothing to send: its ack of B's reply is a ZLB after the delay.
  CHECK(times_of(p.sent_by('A')) == std::vector<Duration>{0s, 520ms});
  CHECK(p.a.idle());
  CHECK(p.b.idle());
}

TEST_CASE("slow start, congestion avoidance and halving on retransmission (RFC 2661 App. A)") {
  ReliableChannel c({});
  REQUIRE(c.set_peer_receive_window(8));
  CHECK_FALSE(c.set_peer_receive_window(0));  // §5.8: 0 is invalid
  const Instant t0 = at(0s);
  Instant now = t0;
  std::size_t first_burst = 0;
  for (std::uint32_t i = 0; i < 30; ++i) first_burst += c.send(t0, make_message(i)).datagrams.size();
  CHECK(first_burst == 1);
  auto ack = [&](std::uint16_t nr) { return c.on_receive(now, make_peer_datagram(0, nr, true)); };
  CHECK(ack(1).datagrams.size() == 2);   // CWND 2
  CHECK(ack(3).datagrams.size() == 4);   // CWND 4
  CHECK(ack(7).datagrams.size() == 8);   // CWND 8 = SSTHRESH = the peer's window
  CHECK(ack(15).datagrams.size() == 8);  // capped at the peer's window
  CHECK(c.congestion().cwnd() == 8);

  now = t0 + 1s;
  auto out = c.on_deadline(now);  // Ns 15 unacknowledged for 1 s
  REQUIRE(out.datagrams.size() == 1);
  const auto retx = events_of<event::Retransmitted>(out.events);
  REQUIRE(retx.size() == 1);
  CHECK((retx[0].ns == 15 && retx[0].attempt == 1 && retx[0].next_timeout == 2s));
  CHECK((retx[0].cwnd == 1 && retx[0].ssthresh == 4));
  CHECK(describe(out.events[0]) ==
        "retransmitted Ns=15 (attempt 1, next in 2.000000 s, cwnd 1/ssthresh 4)");

  CHECK(ack(16).datagrams.empty());  // CWND 2, 7 still outstanding
  CHECK(c.congestion().cwnd() == 2);
  // 7 more acks: 2 -> 3 -> 4 in slow start, then 4 acks in congestion avoidance -> 5.
  CHECK(ack(23).datagrams.size() == 5);
  CHECK(c.congestion().cwnd() == 5);
  CHECK_FALSE(c.congestion().in_slow_start());
  // The new oldest message got a fresh 1 s retransmission period.
  CHECK(c.next_deadline() == now + 1s);

  ReliableChannelConfig off;
  off.slow_start = false;
  ReliableChannel whole(off);
  std::size_t burst = 0;
  for (std::uint32_t i = 0; i < 10; ++i) burst += whole.send(t0, make_message(i)).datagrams.size();
  CHECK(burst == 4);  // the peer's default window (§4.4.3)
}

TEST_CASE("Ns and Nr wrap at 65535, with reordering across the wrap") {
  ReliableChannelConfig cfg;
  cfg.ack_delay = 0s;
  ChannelPair p(cfg, cfg);
  p.ab.latency = p.ba.latency = 1ms;
  p.ab.delay = {65534};  // Ns 65534 arrives after 65535, 0 and 1
  constexpr std::uint32_t kCount = 65540;
  for (std::uint32_t i = 0; i < kCount; ++i) p.send_a(make_message(i));
  p.run_until(at(3600s));
  check_delivered_in_order(p.b_delivered, kCount);
  CHECK(p.a.next_ns() == 4);
  CHECK(p.b.expected_ns() == 4);
  CHECK(p.b.counters().out_of_order == 3);
  CHECK(p.a.counters().retransmitted == 0);
  CHECK(p.a.idle());
  const auto queued = events_of<event::OutOfOrderQueued>(p.b_events);
  REQUIRE(queued.size() == 3);
  CHECK((queued[0].ns == 65535 && queued[1].ns == 0 && queued[2].ns == 1));
  CHECK(queued[2].expected == 65534);
  // After the wrap, 65535 is "at or before" the last received (3): a duplicate.
  const auto out = p.b.on_receive(p.now, make_peer_datagram(65535, 0, false));
  CHECK(out.delivered.empty());
  CHECK(events_of<event::DuplicateReceived>(out.events).size() == 1);
  CHECK(out.violations.empty());
}

TEST_CASE("unusable input is discarded with a reason") {
  ReliableChannel c({});
  CHECK(events_of<event::Discarded>(c.on_receive(at(0s), Bytes{0xc8, 0x02}).events).size() == 1);
  ts::l2tp::Message data;
  data.header.tunnel_id = 1;
  const Bytes payload{0xff, 0x03};
  data.payload = payload;
  const auto out = c.on_receive(at(0s), ts::l2tp::encode(data));
  REQUIRE(events_of<event::Discarded>(out.events).size() == 1);
  CHECK(events_of<event::Discarded>(out.events)[0].reason == "data message");
  CHECK(c.counters().discarded == 2);
}

TEST_CASE("lock-step tunnel establishment numbers as in RFC 2661 Appendix B.1") {
  using ts::l2tp::MessageType;
  ChannelPair p({}, {});
  auto type_of = [](const Bytes& d) { return ts::l2tp::decode(d).value.message_type; };
  p.b_on_deliver = [&](const Bytes& d) {
    if (type_of(d) == ts::l2tp::to_u16(MessageType::sccrq))
      p.send_b(make_message(1, MessageType::sccrp));
  };
  p.a_on_deliver = [&](const Bytes& d) {
    if (type_of(d) == ts::l2tp::to_u16(MessageType::sccrp))
      p.send_a(make_message(2, MessageType::scccn));
  };
  p.send_a(make_message(0, MessageType::sccrq));
  p.run_until(at(5s));
  struct Row {
    char from;
    std::uint16_t nr, ns;
    bool zlb;
  };
  // SCCRQ Nr 0 Ns 0; SCCRP Nr 1 Ns 0; SCCCN Nr 1 Ns 1; ZLB Nr 2 Ns 1.
  const Row expected[] = {{'A', 0, 0, false}, {'B', 1, 0, false}, {'A', 1, 1, false},
                          {'B', 2, 1, true}};
  REQUIRE(p.wire.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(p.wire[i].from == expected[i].from);
    CHECK(p.wire[i].nr == expected[i].nr);
    CHECK(p.wire[i].ns == expected[i].ns);
    CHECK(p.wire[i].zlb == expected[i].zlb);
  }
  CHECK(p.a.idle());
  CHECK(p.b.idle());
}
