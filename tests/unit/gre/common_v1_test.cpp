// decode() has a fast branch for the common enhanced GRE packet (RFC 2637 §4.1). Whatever it
// is given, decode() must answer exactly what decode_general() answers: fields, payload view,
// completeness and diagnostics. Checked over every flag byte and over mutated and cut packets.
#include <catch2/catch.hpp>

#include <random>

#include "dissectors/gre/header.h"

using namespace ts;
using namespace ts::gre;

namespace {

Bytes v1_packet(bool sequence, bool ack, std::size_t payload) {
  Header h;
  h.version = 1;
  h.protocol_type = kProtocolPpp;
  h.key_present = true;
  h.call_id = 40000;
  h.sequence_present = sequence;
  h.sequence_number = 0x01020304;
  h.ack_present = ack;
  h.acknowledgment_number = 0xfffffffe;
  Bytes body(payload);
  for (std::size_t i = 0; i < payload; ++i) body[i] = static_cast<std::uint8_t>(0x21 + i);
  h.payload_length = static_cast<std::uint16_t>(payload);
  return encode(h, body);
}

void same(ByteView p, std::size_t wire_length) {
  const auto fast = decode(p, wire_length);
  const auto slow = decode_general(p, wire_length);
  INFO("packet " << to_hex(p) << " wire length " << wire_length);
  CHECK(fast.complete == slow.complete);
  CHECK(fast.truncated_field == slow.truncated_field);
  CHECK(fast.value == slow.value);
  CHECK(fast.value.payload.data() == slow.value.payload.data());
  REQUIRE(fast.diags.size() == slow.diags.size());
  for (std::size_t i = 0; i < fast.diags.size(); ++i) CHECK(fast.diags[i].def == slow.diags[i].def);
}

}  // namespace

TEST_CASE("GRE decode's common-packet branch gives what the general decoder gives") {
  std::vector<Bytes> bases;
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < 2; ++a)
      for (std::size_t n : {0, 1, 11, 64}) bases.push_back(v1_packet(s, a, n));
  // Every value of the two flag octets.
  for (const Bytes& base : bases)
    for (int b0 = 0; b0 < 256; ++b0)
      for (int b1 = 0; b1 < 256; b1 += (b1 < 8 || b1 >= 0x80 && b1 < 0x88) ? 1 : 7) {
        Bytes p = base;
        p[0] = static_cast<std::uint8_t>(b0);
        p[1] = static_cast<std::uint8_t>(b1);
        same(p, p.size());
      }
  // Every prefix, a longer wire length (a snaplen cut), padding after the payload.
  for (const Bytes& base : bases) {
    for (std::size_t n = 0; n <= base.size(); ++n) {
      const ByteView prefix = ByteView(base).first(n);
      same(prefix, n);
      same(prefix, base.size());
    }
    Bytes padded = base;
    padded.push_back(0);
    same(padded, padded.size());
  }
  // Random changes in the header (protocol type, payload length, key, numbers).
  std::mt19937 rng(4242);
  for (int i = 0; i < 20000; ++i) {
    Bytes p = bases[rng() % bases.size()];
    for (int k = 0, n = 1 + static_cast<int>(rng() % 2); k < n; ++k)
      p[rng() % std::min<std::size_t>(p.size(), 16)] = static_cast<std::uint8_t>(rng() % 4 == 0 ? 0 : rng());
    same(p, p.size());
  }
}

TEST_CASE("GRE decode's common-packet branch takes ordinary data and ack-only packets") {
  // If it declined them the results would still be right, only slow: pin what it accepts.
  for (int s = 0; s < 2; ++s)
    for (int a = 0; a < 2; ++a) {
      const Bytes p = v1_packet(s, a, s ? 11 : 0);
      Decoded<Header> d;
      CHECK(decode_common_v1(p, p.size(), d));  // even a packet with neither number is plain v1
      CHECK(d.value.call_id == 40000);
    }
}
