// FrameGate (src/observe/frame_gate.h) and address_pair_bucket (src/observe/address_pair.h):
// the per-frame decisions the sharded analysis splits between its reader and its workers.
#include <catch2/catch.hpp>

#include <chrono>

#include "src/observe/address_pair.h"
#include "src/observe/frame_gate.h"

using namespace ts;
using namespace ts::observe;
using std::chrono::milliseconds;

namespace {

constexpr std::uint32_t kEthernet = 1;
constexpr std::uint32_t kLinuxSll = 113;

// An IPv4 packet (20-byte header) from a.b.c.d-style 4-byte addresses, protocol and payload.
Bytes ipv4(std::array<std::uint8_t, 4> src, std::array<std::uint8_t, 4> dst, std::uint8_t proto, Bytes payload,
           std::uint16_t id = 1) {
  Bytes p{0x45, 0, 0, 0, static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id), 0, 0, 64, proto, 0, 0};
  p.insert(p.end(), src.begin(), src.end());
  p.insert(p.end(), dst.begin(), dst.end());
  p.insert(p.end(), payload.begin(), payload.end());
  p[2] = static_cast<std::uint8_t>(p.size() >> 8);
  p[3] = static_cast<std::uint8_t>(p.size());
  return p;
}

Bytes ethernet(const Bytes& ip, std::uint16_t ethertype = 0x0800) {
  Bytes f{2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, static_cast<std::uint8_t>(ethertype >> 8),
          static_cast<std::uint8_t>(ethertype)};
  f.insert(f.end(), ip.begin(), ip.end());
  return f;
}

// Linux cooked capture (SLL): 16 bytes, protocol in the last two.
Bytes sll(const Bytes& ip) {
  Bytes f{0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00};
  f.insert(f.end(), ip.begin(), ip.end());
  return f;
}

const Bytes kUdp{0x06, 0xa5, 0x06, 0xa5, 0, 12, 0, 0, 0xc8, 0x02, 0, 12};

Instant at_ms(int ms) { return Instant{} + std::chrono::hours(24 * 365 * 50) + milliseconds(ms); }

}  // namespace

TEST_CASE("address_pair_bucket: both directions, any link layer, ICMP errors by what they quote") {
  const Bytes ab = ipv4({192, 0, 2, 10}, {192, 0, 2, 1}, 17, kUdp);
  const Bytes ba = ipv4({192, 0, 2, 1}, {192, 0, 2, 10}, 17, kUdp);
  const std::size_t bucket = address_pair_bucket(kEthernet, ethernet(ab));
  CHECK(address_pair_bucket(kEthernet, ethernet(ba)) == bucket);
  // The fast path (plain Ethernet) and the decoder path (SLL) agree.
  CHECK(address_pair_bucket(kLinuxSll, sll(ab)) == bucket);
  // Another pair: some other bucket (these two differ; a collision would be legal but rare).
  CHECK(address_pair_bucket(kEthernet, ethernet(ipv4({192, 0, 2, 10}, {192, 0, 2, 2}, 17, kUdp))) != bucket);
  // A router's Destination Unreachable about a datagram of the pair: the pair's bucket.
  Bytes icmp{3, 3, 0, 0, 0, 0, 0, 0};
  const Bytes quoted = ipv4({192, 0, 2, 10}, {192, 0, 2, 1}, 17, kUdp);
  icmp.insert(icmp.end(), quoted.begin(), quoted.begin() + 28);
  CHECK(address_pair_bucket(kEthernet, ethernet(ipv4({198, 51, 100, 7}, {192, 0, 2, 10}, 1, icmp))) == bucket);
  // An Echo Request is not an error: its own addresses.
  Bytes echo = icmp;
  echo[0] = 8;
  CHECK(address_pair_bucket(kEthernet, ethernet(ipv4({198, 51, 100, 7}, {192, 0, 2, 10}, 1, echo))) !=
        address_pair_bucket(kEthernet, ethernet(ab)));
  // Not IP, or cut inside the IP header: bucket 0.
  CHECK(address_pair_bucket(kEthernet, ethernet(Bytes(30, 0), 0x8864)) == 0);
  const Bytes whole = ethernet(ab);
  CHECK(address_pair_bucket(kEthernet, Bytes(whole.begin(), whole.begin() + 20)) == 0);
}

TEST_CASE("FrameGate: a copy within 2 ms among the last 8 frames of its address pair is a duplicate") {
  FrameGate gate(true);
  InputSummary in;
  const Bytes frame = ethernet(ipv4({192, 0, 2, 10}, {192, 0, 2, 1}, 17, kUdp, 7));
  std::uint64_t n = 0;
  CHECK_FALSE(gate.admit(++n, at_ms(0), kEthernet, frame, frame.size(), in).duplicate);
  // 20 frames of other pairs in between do not push the original out of sight.
  for (std::uint8_t i = 0; i < 20; ++i) {
    const Bytes other = ethernet(ipv4({10, 9, i, 1}, {10, 9, i, 2}, 17, kUdp, i));
    CHECK_FALSE(gate.admit(++n, at_ms(0), kEthernet, other, other.size(), in).duplicate);
  }
  const FrameVerdict copy = gate.admit(++n, at_ms(1), kEthernet, frame, frame.size(), in);
  CHECK(copy.duplicate);
  CHECK(copy.by_ip_packet);
  CHECK(gate.duplicates() == 1);
  CHECK(gate.last_kept().number == n - 1);
  CHECK(in.frames == n);

  // 8 frames of the same pair in between do.
  FrameGate busy(true);
  InputSummary in2;
  CHECK_FALSE(busy.admit(1, at_ms(0), kEthernet, frame, frame.size(), in2).duplicate);
  for (std::uint16_t i = 0; i < 8; ++i) {
    const Bytes same_pair = ethernet(ipv4({192, 0, 2, 10}, {192, 0, 2, 1}, 17, kUdp, static_cast<std::uint16_t>(100 + i)));
    CHECK_FALSE(busy.admit(2 + i, at_ms(0), kEthernet, same_pair, same_pair.size(), in2).duplicate);
  }
  CHECK_FALSE(busy.admit(10, at_ms(1), kEthernet, frame, frame.size(), in2).duplicate);

  // And 2 ms later it is the device sending again.
  FrameGate late(true);
  InputSummary in3;
  CHECK_FALSE(late.admit(1, at_ms(0), kEthernet, frame, frame.size(), in3).duplicate);
  CHECK_FALSE(late.admit(2, at_ms(2), kEthernet, frame, frame.size(), in3).duplicate);
}

TEST_CASE("FrameGate: ticks once a second of capture time, clock jumps between frames") {
  FrameGate gate(true);
  const FrameTick first = gate.tick(at_ms(0));
  CHECK(first.retire_due);
  CHECK(first.expiry_due);
  CHECK_FALSE(gate.tick(at_ms(500)).any());
  CHECK(gate.tick(at_ms(1000)).retire_due);
  // Time running backwards retires at once.
  CHECK(gate.tick(at_ms(900)).retire_due);
  FrameGate collecting(false);
  CHECK_FALSE(collecting.tick(at_ms(0)).retire_due);

  CHECK_FALSE(gate.time_jump(at_ms(0)).has_value());
  CHECK_FALSE(gate.time_jump(at_ms(1000)).has_value());
  const auto jump = gate.time_jump(at_ms(1000) + std::chrono::hours(25));
  REQUIRE(jump.has_value());
  CHECK(*jump == at_ms(1000));
}
