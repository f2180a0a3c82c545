// Known answers: the RFC 3079 §3.5 MS-CHAPv2 samples and §2.5 MS-CHAPv1 samples through
// MppeCodec, and the RFC 3078 §7.3 key change as the codec applies it. RFC 3079 has two
// misprints the project noted in tests/vectors/mschap/mschap_vectors_test.cpp: §3.5.2's
// last ciphertext octet and §2.5.3 step 3's eighth key octet.
#include <catch2/catch.hpp>

#include "dissectors/ppp/mppe_header.h"
#include "dissectors/ppp/mppe_keys.h"
#include "tests/unit/endpoints_ppp_mppe/mppe_test_support.h"

using namespace ts;
using namespace ts::endpoints::ppp;
using namespace ts::endpoints::ppp::test;
using ts::ppp::mppe::KeyStrength;

namespace {

MppeSettings stateful(KeyStrength k) { return MppeSettings{k, false}; }

// The Information field of the first stateful packet: header 0x1000 (D set, count 0, not
// FLUSHED), then the ciphertext.
std::string ciphertext_of_first_packet(MppeCodec& codec, std::string_view text) {
  const Bytes info = codec.encrypt(as_bytes(text));
  const auto h = ts::ppp::decode_mppe_header(info);
  REQUIRE(h.complete);
  CHECK(h.value.encrypted);
  CHECK_FALSE(h.value.flushed);
  CHECK(h.value.coherency_count == 0);
  CHECK(to_hex(ByteView(info).first(2)) == "1000");
  return to_hex(h.value.data);
}

}  // namespace

TEST_CASE("RFC 3079 §3.5.3 128-bit keys and sample encryption", "[mppe][rfc3079]") {
  auto server = MppeCodec::from_mschap_v2("clientPass", rfc_nt_response(), true,
                                          stateful(KeyStrength::bits128));
  auto client = MppeCodec::from_mschap_v2("clientPass", rfc_nt_response(), false,
                                          stateful(KeyStrength::bits128));
  REQUIRE(server);
  REQUIRE(client);
  // §3.5.3: SendSessionKey of the server (IsServer = TRUE).
  CHECK(to_hex(server->send_key()) == "405cb2247a7956e6e211007ae27b22d4");
  CHECK(client->receive_key() == server->send_key());
  CHECK(client->send_key() == server->receive_key());
  CHECK(server->send_key() != server->receive_key());
  CHECK(ciphertext_of_first_packet(*server, "test message") == "81848317df68846272fb5abe");
}

TEST_CASE("RFC 3079 §3.5.1 40-bit and §3.5.2 56-bit samples", "[mppe][rfc3079]") {
  SECTION("40-bit") {
    auto server = MppeCodec::from_mschap_v2("clientPass", rfc_nt_response(), true,
                                            stateful(KeyStrength::bits40));
    REQUIRE(server);
    CHECK(to_hex(server->send_key()) == "d1269ec49fa62e3e");
    CHECK(ciphertext_of_first_packet(*server, "test message") == "929137917e5803d668d75898");
  }
  SECTION("56-bit") {
    auto server = MppeCodec::from_mschap_v2("clientPass", rfc_nt_response(), true,
                                            stateful(KeyStrength::bits56));
    REQUIRE(server);
    CHECK(to_hex(server->send_key()) == "d15c00c49fa62e3e");
    // The RFC prints "... 42 BC 57 58": the last octet is a misprint (see file comment).
    const std::string c = ciphertext_of_first_packet(*server, "test message");
    CHECK(c.substr(0, 22) == "3f106833fa448da842bc57");
    CHECK(c == "3f106833fa448da842bc57b8");
  }
}

TEST_CASE("RFC 3079 §2.5 MS-CHAPv1 keys, the same both ways", "[mppe][rfc3079]") {
  const Bytes challenge = from_hex("10 2d b5 df 08 5d 30 41");
  auto k40 = MppeCodec::from_mschap_v1("clientPass", {}, stateful(KeyStrength::bits40));
  auto k56 = MppeCodec::from_mschap_v1("clientPass", {}, stateful(KeyStrength::bits56));
  auto k128 = MppeCodec::from_mschap_v1("clientPass", challenge, stateful(KeyStrength::bits128));
  REQUIRE(k40);
  REQUIRE(k56);
  REQUIRE(k128);
  CHECK(to_hex(k40->send_key()) == "d1269e538cec4a08");   // §2.5.1 step 4
  CHECK(to_hex(k56->send_key()) == "d10801538cec4a08");   // §2.5.2 step 4
  CHECK(to_hex(k128->send_key()) == "59d159bc09f76f1da2a86a28ffec0b1e");  // §2.5.3 step 5
  CHECK(k128->receive_key() == k128->send_key());
  // 128-bit needs the 8-octet challenge.
  CHECK_FALSE(MppeCodec::from_mschap_v1("clientPass", {}, stateful(KeyStrength::bits128)));
}

TEST_CASE("Factories refuse malformed inputs", "[mppe]") {
  CHECK_FALSE(MppeCodec::from_mschap_v2("clientPass", Bytes(23), true, {}));
  CHECK_FALSE(MppeCodec::from_start_keys(Bytes(15), Bytes(16), {}));
  CHECK(MppeCodec::from_start_keys(Bytes(8), Bytes(8), stateful(KeyStrength::bits40)));
}

TEST_CASE("RFC 3078 §7.3 key changes chain from the StartKey", "[mppe][rfc3078]") {
  // from_start_keys with the §3.5.3 MasterSendKey gives the §3.5.3 session key; each key
  // change is mppe::change_key(StartKey, current key).
  const Bytes master_send = from_hex("8b7cdc149b993a1ba118cb153f56dccb");
  auto codec = MppeCodec::from_start_keys(master_send, master_send,
                                          MppeSettings{KeyStrength::bits128, true});
  REQUIRE(codec);
  CHECK(to_hex(codec->send_key()) == "405cb2247a7956e6e211007ae27b22d4");
  Bytes expected = codec->send_key();
  for (int i = 0; i < 3; ++i) {
    // Stateless: one key change before every packet, the first included (§7.1).
    const Bytes info = codec->encrypt(from_hex("0021 4500"));
    const auto next = ts::ppp::mppe::change_key(master_send, expected, KeyStrength::bits128);
    REQUIRE(next);
    expected = *next;
    CHECK(codec->send_key() == expected);
    CHECK((info[0] & 0x90) == 0x90);  // FLUSHED and D on every stateless packet (§3.1)
  }
  CHECK(codec->counters().send_key_changes == 3);
}

TEST_CASE("40-bit and 56-bit key changes keep the reduced prefix", "[mppe][rfc3078]") {
  for (const auto k : {KeyStrength::bits40, KeyStrength::bits56}) {
    auto pair = make_pair(MppeSettings{k, true});
    for (int i = 0; i < 20; ++i) (void)pair.server.encrypt(from_hex("0021 00"));
    const Bytes& key = pair.server.send_key();
    REQUIRE(key.size() == 8);
    CHECK(key[0] == 0xd1);
    if (k == KeyStrength::bits40) CHECK(to_hex(ByteView(key).first(3)) == "d1269e");
  }
}

TEST_CASE("Stateful packets are one RC4 stream per key, restarted at each flag",
          "[mppe][rfc3078]") {
  // Independent of the codec's receiver: the ciphertexts of packets 0..254 are consecutive
  // pieces of rc4(K0, p0 || p1 || ...), and packet 255 starts rc4(K1, ...) where K1 is the
  // §7.3 change of K0 (RFC 3078 §5, §6, §7.2).
  const Bytes master_send = from_hex("8b7cdc149b993a1ba118cb153f56dccb");
  auto codec = MppeCodec::from_start_keys(master_send, master_send,
                                          MppeSettings{KeyStrength::bits128, false});
  REQUIRE(codec);
  const Bytes k0 = codec->send_key();
  engine::RandomSource rng(77);
  Bytes plain_all;
  Bytes cipher_all;
  for (int n = 0; n < 255; ++n) {
    const Bytes p = make_packet(rng, rng.between(0, 50));
    const Bytes info = codec->encrypt(p);
    plain_all.insert(plain_all.end(), p.begin(), p.end());
    cipher_all.insert(cipher_all.end(), info.begin() + 2, info.end());
  }
  const auto expected = ts::ppp::mppe::rc4(k0, plain_all);
  REQUIRE(expected);
  CHECK(cipher_all == *expected);
  const Bytes p255 = make_packet(rng, 30);
  const Bytes info255 = codec->encrypt(p255);
  const auto k1 = ts::ppp::mppe::change_key(master_send, k0, KeyStrength::bits128);
  REQUIRE(k1);
  const auto c255 = ts::ppp::mppe::rc4(*k1, p255);
  REQUIRE(c255);
  CHECK(Bytes(info255.begin() + 2, info255.end()) == *c255);
  CHECK(to_hex(ByteView(info255).first(2)) == "90ff");  // FLUSHED, D, count 255
}

TEST_CASE("MS-CHAPv1 codecs talk both ways with the one key", "[mppe][rfc3079]") {
  const Bytes challenge = from_hex("10 2d b5 df 08 5d 30 41");
  for (const auto k : {KeyStrength::bits40, KeyStrength::bits56, KeyStrength::bits128}) {
    for (const bool stateless : {false, true}) {
      auto a = MppeCodec::from_mschap_v1("clientPass", challenge, MppeSettings{k, stateless});
      auto b = MppeCodec::from_mschap_v1("clientPass", challenge, MppeSettings{k, stateless});
      REQUIRE(a);
      REQUIRE(b);
      engine::RandomSource rng(3);
      for (int n = 0; n < 300; ++n) {
        const Bytes p = make_packet(rng, rng.between(1, 40));
        REQUIRE(b->decrypt(a->encrypt(p)).plaintext == p);
        REQUIRE(a->decrypt(b->encrypt(p)).plaintext == p);
      }
    }
  }
}
