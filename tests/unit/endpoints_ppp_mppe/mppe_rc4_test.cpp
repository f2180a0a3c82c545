// MppeRc4: the continuing RC4 stream of stateful MPPE (RFC 3078 §5, §6).
#include <catch2/catch.hpp>

#include "dissectors/ppp/crypto_primitives.h"
#include "src/endpoints/ppp/mppe_rc4.h"
#include "src/engine/random_source.h"

using namespace ts;
using namespace ts::endpoints::ppp;

TEST_CASE("RC4 known answer", "[mppe][rc4]") {
  // The widely published test vector: key "Key", plaintext "Plaintext".
  MppeRc4 rc4(as_bytes("Key"));
  CHECK(to_hex(rc4.apply(as_bytes("Plaintext"))) == "bbf316e8d940af0ad3");
}

TEST_CASE("RC4 stream continues across calls like one long encryption", "[mppe][rc4]") {
  REQUIRE(ts::ppp::crypto::available());
  engine::RandomSource rng(7);
  const Bytes key = rng.bytes(16);
  const Bytes data = rng.bytes(3000);
  const auto whole = ts::ppp::crypto::rc4(key, data);
  REQUIRE(whole);
  MppeRc4 stream(key);
  Bytes pieces;
  std::size_t at = 0;
  while (at < data.size()) {
    const std::size_t n = std::min<std::size_t>(rng.between(0, 300), data.size() - at);
    const Bytes part = stream.apply(ByteView(data).subspan(at, n));
    pieces.insert(pieces.end(), part.begin(), part.end());
    at += n;
  }
  CHECK(pieces == *whole);
  // reset() restarts the keystream from the beginning.
  stream.reset(key);
  CHECK(stream.apply(ByteView(data).first(100)) == Bytes(whole->begin(), whole->begin() + 100));
}
