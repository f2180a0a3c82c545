// The peer's faults: a packet with the D bit clear, a stateless packet without FLUSHED,
// truncated packets, tampered packets; each a diagnostic of mppe_diagnostics.h, and none of
// them leaves the link unusable.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "src/endpoints/ppp/mppe_diagnostics.h"
#include "tests/unit/endpoints_ppp_mppe/mppe_test_support.h"

using namespace ts;
using namespace ts::endpoints::ppp;
using namespace ts::endpoints::ppp::test;
using ts::ppp::mppe::KeyStrength;

namespace {

constexpr std::uint8_t kFlushedBit = 0x80;
constexpr std::uint8_t kEncryptedBit = 0x10;

bool round_trip(MppeCodec& from, MppeCodec& to, const Bytes& plain) {
  const auto out = to.decrypt(from.encrypt(plain));
  return out.plaintext == plain && !out.problem && !out.send_reset_request &&
         !mppe_violation(out);
}

}  // namespace

TEST_CASE("MPPE diagnostics are registered with unique ppp.mppe ids", "[mppe][diag]") {
  std::set<std::string_view> ids;
  for (const DiagnosticDef* d : diag::mppe_defs()) {
    CHECK(std::string(d->id).rfind("ppp.mppe.", 0) == 0);
    CHECK_FALSE(d->clause.empty());
    ids.insert(d->id);
    int registered = 0;
    for (const DiagnosticDef* all : all_diagnostic_defs()) registered += all->id == d->id ? 1 : 0;
    CHECK(registered == 1);
  }
  CHECK(ids.size() == diag::mppe_defs().size());
}

TEST_CASE("D bit missing is a peer fault; the packet is refused", "[mppe][rfc3078]") {
  for (const bool stateless : {false, true}) {
    INFO((stateless ? "stateless" : "stateful"));
    auto pair = make_pair(MppeSettings{KeyStrength::bits128, stateless});
    const Bytes plain = from_hex("0021 4500 0014");
    REQUIRE(round_trip(pair.client, pair.server, plain));
    Bytes info = pair.client.encrypt(plain);
    info[0] = static_cast<std::uint8_t>(info[0] & ~kEncryptedBit);
    const auto out = pair.server.decrypt(info);
    CHECK_FALSE(out.plaintext);
    CHECK(out.problem == &diag::kMppeNotEncrypted);
    const auto violation = mppe_violation(out);
    REQUIRE(violation);
    CHECK(violation->def == &diag::kMppeNotEncrypted);
    CHECK_FALSE(violation->by_us);
    CHECK(violation->detail.find("coherency count") != std::string::npos);
    CHECK(pair.server.counters().discarded == 1);
    if (stateless) {
      CHECK(round_trip(pair.client, pair.server, plain));  // the next count just decrypts
    } else {
      // The count was used: the next packet is a mismatch, resolved by the reset cycle.
      const auto next = pair.server.decrypt(pair.client.encrypt(plain));
      CHECK(next.send_reset_request);
      pair.client.on_reset_request();
      CHECK(round_trip(pair.client, pair.server, plain));
    }
  }
}

TEST_CASE("Stateless packet without FLUSHED: diagnostic, data kept", "[mppe][rfc3078]") {
  auto pair = make_pair(MppeSettings{KeyStrength::bits40, true});
  const Bytes plain = from_hex("0057 6000 0000");
  Bytes info = pair.client.encrypt(plain);
  info[0] = static_cast<std::uint8_t>(info[0] & ~kFlushedBit);
  const auto out = pair.server.decrypt(info);
  CHECK(out.plaintext == plain);
  CHECK(out.problem == &diag::kMppeStatelessNotFlushed);
}

TEST_CASE("Truncated packets", "[mppe]") {
  auto pair = make_pair(MppeSettings{});
  for (const Bytes& info : {Bytes{}, from_hex("10"), from_hex("1000")}) {
    const auto out = pair.server.decrypt(info);
    CHECK_FALSE(out.plaintext);
    CHECK(out.problem == &diag::kMppeTruncated);
  }
  CHECK(round_trip(pair.client, pair.server, from_hex("0021 ff")));
}

TEST_CASE("Stateful: tampered Protocol field -> diagnostic and resynchronisation", "[mppe]") {
  auto pair = make_pair(MppeSettings{KeyStrength::bits128, false});
  const Bytes plain = from_hex("0021 4500 0014 0000");
  REQUIRE(round_trip(pair.client, pair.server, plain));
  Bytes info = pair.client.encrypt(plain);
  info[2] ^= 0x40;  // first encrypted octet: Protocol 0x0021 becomes 0x4021
  const auto out = pair.server.decrypt(info);
  CHECK_FALSE(out.plaintext);
  CHECK(out.problem == &diag::kMppeBadProtocol);
  CHECK(out.send_reset_request);
  pair.client.on_reset_request();
  CHECK(round_trip(pair.client, pair.server, plain));
}

TEST_CASE("Stateful: a tampered body passes (no integrity), a cut one desynchronises", "[mppe]") {
  auto pair = make_pair(MppeSettings{KeyStrength::bits128, false});
  engine::RandomSource rng(3);
  const Bytes plain = make_packet(rng, 40);
  Bytes info = pair.client.encrypt(plain);
  info.back() ^= 0x01;  // RC4 is malleable: the same bit flips in the plaintext
  const auto flipped = pair.server.decrypt(info);
  REQUIRE(flipped.plaintext);
  Bytes expected = plain;
  expected.back() ^= 0x01;
  CHECK(*flipped.plaintext == expected);
  CHECK(round_trip(pair.client, pair.server, plain));  // stream still in step
  // A packet cut short leaves the receiver's stream behind: the next one is garbage.
  const Bytes whole = pair.client.encrypt(plain);
  const Bytes cut(whole.begin(), whole.end() - 10);
  CHECK(pair.server.decrypt(cut).plaintext);
  const auto next = pair.server.decrypt(pair.client.encrypt(plain));
  CHECK_FALSE(next.plaintext);
  CHECK(next.problem == &diag::kMppeBadProtocol);
  CHECK(next.send_reset_request);
  pair.client.on_reset_request();
  CHECK(round_trip(pair.client, pair.server, plain));
}

TEST_CASE("Stateless: a tampered coherency count cannot desynchronise", "[mppe]") {
  auto pair = make_pair(MppeSettings{KeyStrength::bits128, true});
  const Bytes plain = from_hex("0021 4500 0014 0000 0000");
  REQUIRE(round_trip(pair.client, pair.server, plain));
  const auto before = pair.server.counters().receive_key_changes;
  Bytes info = pair.client.encrypt(plain);
  info[1] = static_cast<std::uint8_t>(info[1] + 100);  // count + 100
  const auto out = pair.server.decrypt(info);
  CHECK_FALSE(out.plaintext);
  CHECK(out.problem == &diag::kMppeBadProtocol);
  CHECK(pair.server.counters().receive_key_changes == before);  // tentative changes undone
  for (int i = 0; i < 5; ++i) CHECK(round_trip(pair.client, pair.server, plain));
}

TEST_CASE("Random bytes never crash the receiver, and the link recovers", "[mppe][robustness]") {
  for (const bool stateless : {false, true}) {
    INFO((stateless ? "stateless" : "stateful"));
    auto pair = make_pair(MppeSettings{KeyStrength::bits56, stateless});
    engine::RandomSource rng(99);
    const Bytes plain = from_hex("0021 4500 0028 1234");
    REQUIRE(round_trip(pair.client, pair.server, plain));
    int accepted = 0;
    for (int n = 0; n < 300; ++n) {
      Bytes junk = rng.bytes(rng.between(0, 64));
      if (junk.size() >= 1 && n % 2 == 0) junk[0] |= 0x10;  // half of them claim D
      const auto out = pair.server.decrypt(junk);
      if (out.plaintext) {
        ++accepted;
        REQUIRE(out.plaintext->size() >= 2);
        const auto protocol = static_cast<std::uint16_t>(((*out.plaintext)[0] << 8) |
                                                         (*out.plaintext)[1]);
        CHECK(mppe_encrypts(protocol));  // whatever passes still has a legal Protocol
      }
    }
    CHECK(accepted < 10);  // about 1 in 600 garbage packets passes the Protocol check
    // A forged packet that passed may have moved the receiver up to 2047 counts ahead:
    // one reset and at most 2048 genuine packets heal it.
    pair.client.on_reset_request();
    for (int n = 0; n < 2048; ++n) (void)pair.server.decrypt(pair.client.encrypt(plain));
    for (int n = 0; n < 50; ++n) CHECK(round_trip(pair.client, pair.server, plain));
  }
}
