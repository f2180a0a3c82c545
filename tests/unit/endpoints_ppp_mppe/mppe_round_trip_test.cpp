// A server and a client MppeCodec from the same MS-CHAPv2 credentials exchange thousands of
// packets both ways, for every strength and both modes: past many key changes and the 4096
// wrap of the coherency count, every packet comes back exactly.
#include <catch2/catch.hpp>

#include "dissectors/ppp/mppe_header.h"
#include "tests/unit/endpoints_ppp_mppe/mppe_test_support.h"

using namespace ts;
using namespace ts::endpoints::ppp;
using namespace ts::endpoints::ppp::test;
using ts::ppp::mppe::KeyStrength;

namespace {

constexpr int kPackets = 5000;  // past the wrap at 4096

// One packet from `from` to `to`; returns false on any mismatch.
bool carry(MppeCodec& from, MppeCodec& to, const Bytes& plain) {
  const Bytes info = from.encrypt(plain);
  if (info.size() != plain.size() + 2) return false;
  if (Bytes(info.begin() + 2, info.end()) == plain) return false;  // it was encrypted
  const auto out = to.decrypt(info);
  return out.plaintext && *out.plaintext == plain && !out.send_reset_request && !out.problem;
}

}  // namespace

TEST_CASE("Round trip both directions, every strength and mode", "[mppe][round-trip]") {
  for (const auto strength : {KeyStrength::bits40, KeyStrength::bits56, KeyStrength::bits128}) {
    for (const bool stateless : {false, true}) {
      INFO(strength_name(strength) << (stateless ? " stateless" : " stateful"));
      auto pair = make_pair(MppeSettings{strength, stateless});
      engine::RandomSource rng(1000 + static_cast<int>(strength) * 2 + (stateless ? 1 : 0));
      int failures = 0;
      std::uint16_t last_count = 0;
      bool wrapped = false;
      for (int n = 0; n < kPackets; ++n) {
        const Bytes up = make_packet(rng, rng.between(1, 120));
        const Bytes down = make_packet(rng, rng.between(1, 120));
        if (!carry(pair.client, pair.server, up)) ++failures;
        const std::uint16_t count = pair.server.next_send_count();
        if (!carry(pair.server, pair.client, down)) ++failures;
        if (pair.server.next_send_count() < count) wrapped = true;
        last_count = pair.server.next_send_count();
      }
      CHECK(failures == 0);
      CHECK(wrapped);
      CHECK(last_count == kPackets % 4096);
      const auto s = pair.server.counters();
      const auto c = pair.client.counters();
      CHECK(s.encrypted == kPackets);
      CHECK(s.decrypted == kPackets);
      CHECK(c.decrypted == kPackets);
      CHECK(s.discarded == 0);
      CHECK(c.sync_losses == 0);
      // §7.1: a key change per packet; §7.2: one per "flag" count (low octet 0xFF).
      const std::uint64_t changes = stateless ? kPackets : (kPackets + 1) / 256;
      CHECK(s.send_key_changes == changes);
      CHECK(s.receive_key_changes == changes);
      CHECK(c.send_key_changes == changes);
      CHECK(c.receive_key_changes == changes);
      CHECK(s.flushed_sent == (stateless ? kPackets : changes));
      CHECK(pair.server.send_key() == pair.client.receive_key());
      CHECK(pair.client.send_key() == pair.server.receive_key());
    }
  }
}

TEST_CASE("Flag packets carry FLUSHED in stateful mode, the others do not", "[mppe][rfc3078]") {
  auto pair = make_pair(MppeSettings{KeyStrength::bits128, false});
  const Bytes key0 = pair.server.send_key();
  for (int n = 0; n < 600; ++n) {
    const Bytes info = pair.server.encrypt(from_hex("0021 0102 0304"));
    const auto h = ts::ppp::decode_mppe_header(info);
    REQUIRE(h.complete);
    REQUIRE(h.value.coherency_count == n);
    REQUIRE(h.value.encrypted);
    REQUIRE(h.value.flushed == ((n & 0xFF) == 0xFF));
    if (n == 254) REQUIRE(pair.server.send_key() == key0);
    if (n == 255) REQUIRE(pair.server.send_key() != key0);
    REQUIRE(pair.client.decrypt(info).plaintext == from_hex("0021 0102 0304"));
  }
}

TEST_CASE("A PFC-compressed Protocol field decrypts to the 2-octet form when allowed", "[mppe]") {
  auto pair = make_pair(MppeSettings{KeyStrength::bits128, false, true});
  const auto out = pair.server.decrypt(pair.client.encrypt(from_hex("21 45 00 00 14")));
  REQUIRE(out.plaintext);
  CHECK(to_hex(*out.plaintext) == "002145000014");
  // By default the compressed form is refused as a bad Protocol.
  auto strict = make_pair(MppeSettings{KeyStrength::bits128, true});
  const auto refused = strict.server.decrypt(strict.client.encrypt(from_hex("21 45 00 00 14")));
  CHECK_FALSE(refused.plaintext);
  CHECK(refused.problem != nullptr);
  CHECK(mppe_encrypts(0x0021));
  CHECK(mppe_encrypts(0x00F9));
  CHECK_FALSE(mppe_encrypts(0x00FD));
  CHECK_FALSE(mppe_encrypts(0xC021));
  CHECK_FALSE(mppe_encrypts(0x0022));
}
