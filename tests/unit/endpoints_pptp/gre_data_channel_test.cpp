// GreDataChannel (RFC 2637 §4) on its own: sequence and acknowledgement numbers, the
// sliding window, reordering, time-outs and the adaptive time-out.
#include "src/endpoints/pptp/gre_data_channel.h"

#include <catch2/catch.hpp>

#include "dissectors/gre/header.h"
#include "src/endpoints/pptp/pptp_endpoint_diagnostics.h"

using namespace std::chrono_literals;
using ts::Bytes;
using ts::Instant;
using ts::endpoints::pptp::GreDataChannel;
using ts::endpoints::pptp::GreDataChannelConfig;
namespace gre = ts::gre;

namespace {

const Instant t0 = ts::instant_from_ns(1'000'000'000'000LL);

GreDataChannelConfig config(std::uint16_t peer_window = 8) {
  GreDataChannelConfig c;
  c.call_id = 100;
  c.peer_call_id = 200;
  c.peer_window = peer_window;
  c.receive_window = 8;
  c.initial_rtt = 200ms;
  return c;
}

Bytes frame(int n) { return Bytes{0xC0, 0x21, static_cast<std::uint8_t>(n)}; }

gre::Header parse(const Bytes& packet) {
  auto d = gre::decode(packet);
  REQUIRE(d.complete);
  return d.value;
}

// A data packet from the peer (call id = ours) with `seq`, optionally acking `ack`.
Bytes peer_packet(std::uint32_t seq, int payload, std::optional<std::uint32_t> ack = {}) {
  gre::Header h;
  h.version = 1;
  h.key_present = true;
  h.protocol_type = gre::kProtocolPpp;
  h.call_id = 100;
  h.sequence_present = true;
  h.sequence_number = seq;
  if (ack) {
    h.ack_present = true;
    h.acknowledgment_number = *ack;
  }
  const Bytes p = frame(payload);
  return gre::encode(h, p);
}

Bytes peer_ack(std::uint32_t ack) {
  gre::Header h;
  h.version = 1;
  h.key_present = true;
  h.protocol_type = gre::kProtocolPpp;
  h.call_id = 100;
  h.ack_present = true;
  h.acknowledgment_number = ack;
  return gre::encode(h, {});
}

ts::endpoints::pptp::GreOutput receive(GreDataChannel& ch, Instant now, const Bytes& packet) {
  auto d = gre::decode(packet);
  return ch.on_receive(now, d.value);
}

}  // namespace

TEST_CASE("GRE: data packets carry the peer's Call ID, length and sequence numbers from 0") {
  GreDataChannel ch(config(), t0);
  for (int i = 0; i < 3; ++i) {
    auto out = ch.send(t0, frame(i));
    REQUIRE(out.packets.size() == 1);
    const auto h = parse(out.packets[0]);
    CHECK(h.version == 1);
    CHECK(h.key_present);
    CHECK(h.call_id == 200);
    CHECK(h.payload_length == 3);
    CHECK(h.sequence_present);
    CHECK(h.sequence_number == static_cast<std::uint32_t>(i));
    CHECK_FALSE(h.ack_present);  // nothing received yet
  }
}

TEST_CASE("GRE: the window starts at half the peer's, frames beyond it wait, acks open it") {
  GreDataChannel ch(config(4), t0);
  CHECK(ch.window() == 2);  // §4.2.1
  CHECK(ch.send(t0, frame(0)).packets.size() == 1);
  CHECK(ch.send(t0, frame(1)).packets.size() == 1);
  CHECK(ch.send(t0, frame(2)).packets.empty());
  CHECK(ch.send(t0, frame(3)).packets.empty());
  CHECK(ch.outstanding() == 2);
  CHECK(ch.waiting() == 2);
  CHECK(ch.counters().queued == 2);
  // One ack for both (§4.2.5): a whole window acknowledged -> window 3 (§4.2.3), the two
  // queued frames go out with sequence numbers 2 and 3.
  auto out = receive(ch, t0 + 50ms, peer_ack(1));
  CHECK(ch.window() == 3);
  REQUIRE(out.packets.size() == 2);
  CHECK(parse(out.packets[0]).sequence_number == 2);
  CHECK(parse(out.packets[1]).sequence_number == 3);
  CHECK(ch.counters().acknowledged == 2);
  CHECK(ch.counters().ack_only_received == 1);
}

TEST_CASE("GRE: frames beyond the window are dropped when queueing is off or the queue is full") {
  auto c = config(2);
  c.queue_when_window_full = false;
  GreDataChannel ch(c, t0);
  CHECK(ch.send(t0, frame(0)).packets.size() == 1);
  CHECK(ch.send(t0, frame(1)).packets.empty());
  CHECK(ch.counters().dropped_window == 1);
  CHECK(ch.waiting() == 0);

  auto q = config(2);
  q.send_queue_limit = 1;
  GreDataChannel ch2(q, t0);
  ch2.send(t0, frame(0));
  ch2.send(t0, frame(1));
  ch2.send(t0, frame(2));
  CHECK(ch2.counters().queued == 1);
  CHECK(ch2.counters().dropped_window == 1);
}

TEST_CASE("GRE: acks ride on data; an ack-only packet goes out after ack_delay of silence") {
  GreDataChannel ch(config(), t0);
  auto out = receive(ch, t0, peer_packet(0, 0));
  REQUIRE(out.delivered.size() == 1);
  CHECK(out.delivered[0] == frame(0));
  CHECK(ch.ack_pending());
  // Data sent before the ack timer: piggybacked.
  auto sent = ch.send(t0 + 5ms, frame(9));
  REQUIRE(sent.packets.size() == 1);
  auto h = parse(sent.packets[0]);
  CHECK(h.ack_present);
  CHECK(h.acknowledgment_number == 0);
  CHECK(ch.counters().piggybacked == 1);
  CHECK_FALSE(ch.ack_pending());
  // Received again, nothing to send: an ack-only packet after ack_delay (20 ms).
  receive(ch, t0 + 10ms, peer_packet(1, 1));
  REQUIRE(ch.next_deadline());
  CHECK(*ch.next_deadline() == t0 + 30ms);
  auto late = ch.on_deadline(t0 + 30ms);
  REQUIRE(late.packets.size() == 1);
  h = parse(late.packets[0]);
  CHECK_FALSE(h.sequence_present);
  CHECK(h.ack_present);
  CHECK(h.acknowledgment_number == 1);
  CHECK(h.payload.empty());
  CHECK(ch.counters().ack_only_sent == 1);
}

TEST_CASE("GRE: out-of-order packets are held and delivered in order, duplicates never") {
  GreDataChannel ch(config(), t0);
  std::vector<Bytes> got;
  for (std::uint32_t seq : {0u, 2u, 3u, 1u, 2u, 1u}) {
    auto out = receive(ch, t0, peer_packet(seq, static_cast<int>(seq)));
    for (auto& f : out.delivered) got.push_back(f);
  }
  CHECK(got == std::vector<Bytes>{frame(0), frame(1), frame(2), frame(3)});
  CHECK(ch.counters().out_of_order == 2);
  CHECK(ch.counters().reordered == 2);
  CHECK(ch.counters().duplicates == 2);
  CHECK(ch.counters().delivered == 4);
}

TEST_CASE("GRE: a gap is given up after the reorder hold; the late packet is discarded") {
  GreDataChannel ch(config(), t0);
  receive(ch, t0, peer_packet(0, 0));
  auto held = receive(ch, t0 + 1ms, peer_packet(2, 2));
  CHECK(held.delivered.empty());
  auto out = ch.on_deadline(t0 + 51ms);
  REQUIRE(out.delivered.size() == 1);
  CHECK(out.delivered[0] == frame(2));
  CHECK(ch.counters().skipped == 1);
  auto late = receive(ch, t0 + 60ms, peer_packet(1, 1));
  CHECK(late.delivered.empty());
  CHECK(ch.counters().late == 1);
}

TEST_CASE("GRE: without reordering, a packet ahead is delivered and older ones discarded") {
  auto c = config();
  c.reorder = false;
  GreDataChannel ch(c, t0);
  std::vector<Bytes> got;
  for (std::uint32_t seq : {0u, 2u, 1u, 3u}) {
    auto out = receive(ch, t0, peer_packet(seq, static_cast<int>(seq)));
    for (auto& f : out.delivered) got.push_back(f);
  }
  CHECK(got == std::vector<Bytes>{frame(0), frame(2), frame(3)});
  CHECK(ch.counters().late == 1);
  CHECK(ch.counters().skipped == 1);
}

TEST_CASE(
    "GRE: an unacknowledged window times out: no retransmission, window halves, RTT backs off") {
  GreDataChannel ch(config(8), t0);  // window 4
  for (int i = 0; i < 4; ++i) ch.send(t0, frame(i));
  CHECK(ch.send(t0, frame(4)).packets.empty());  // queued
  const auto ato = ch.ato();
  CHECK(ato == 200ms);  // RTT = initial, DEV = 0 (§4.4)
  REQUIRE(ch.next_deadline());
  CHECK(*ch.next_deadline() == t0 + ato);
  auto out = ch.on_deadline(t0 + ato);
  CHECK(ch.counters().timeouts == 1);
  CHECK(ch.counters().given_up == 4);
  CHECK(ch.window() == 2);   // §4.2.2
  CHECK(ch.rtt() == 400ms);  // §4.4.2 delta = 2
  CHECK(ch.ato() == 400ms);
  REQUIRE(out.packets.size() == 1);  // the queued frame, a new sequence number (no resend)
  CHECK(parse(out.packets[0]).sequence_number == 4);
}

TEST_CASE("GRE: the adaptive time-out converges on the measured round trip") {
  auto c = config(64);
  c.initial_rtt = 1s;
  GreDataChannel ch(c, t0);
  Instant now = t0;
  for (int i = 0; i < 60; ++i) {
    ch.send(now, frame(i));
    now += 80ms;  // every packet acknowledged 80 ms after it left
    receive(ch, now, peer_ack(static_cast<std::uint32_t>(i)));
    now += 20ms;
  }
  CHECK(ch.counters().timeouts == 0);
  CHECK(ch.rtt() > 75ms);
  CHECK(ch.rtt() < 90ms);
  CHECK(ch.ato() == 200ms);  // RTT + 4 DEV below MinTimeOut
}

TEST_CASE("GRE: a static time-out never adapts") {
  auto c = config(64);
  c.adaptive = false;
  c.initial_rtt = 300ms;
  GreDataChannel ch(c, t0);
  ch.send(t0, frame(0));
  receive(ch, t0 + 10ms, peer_ack(0));
  CHECK(ch.ato() == 300ms);
}

TEST_CASE("GRE: an acknowledgement for a packet never sent is the peer's fault") {
  GreDataChannel ch(config(), t0);
  ch.send(t0, frame(0));
  auto out = receive(ch, t0, peer_ack(5));
  REQUIRE(out.violations.size() == 1);
  CHECK(out.violations[0].def == &ts::endpoints::pptp::diag::kGreAckUnsent);
  CHECK(ch.outstanding() == 1);
}
