// byte_hash (src/core/byte_hash.h): the analyzer's duplicate check relies on equal bytes
// hashing equal and on any one-byte change (at any position, any length) changing the hash.
#include "src/core/byte_hash.h"

#include <catch2/catch.hpp>

#include <set>

#include "src/core/bytes.h"

using ts::byte_hash;
using ts::Bytes;
using ts::ByteView;

TEST_CASE("byte_hash: equal bytes give equal hashes, the seed separates domains") {
  const Bytes a{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  const Bytes b = a;
  CHECK(byte_hash(a) == byte_hash(b));
  CHECK(byte_hash(a, 7) == byte_hash(b, 7));
  CHECK(byte_hash(a, 7) != byte_hash(a, 8));
}

TEST_CASE("byte_hash: every one- and two-bit change and every length gives a new hash") {
  std::set<std::uint64_t> seen;
  std::size_t inputs = 0;
  // Lengths 0..72 cover the word loop, every tail length and zero bytes at the end (which a
  // hash that ignored the length would confuse).
  for (std::size_t n = 0; n <= 72; ++n) {
    Bytes base(n, 0);
    seen.insert(byte_hash(base));
    ++inputs;
    for (std::size_t i = 0; i < n; ++i)
      for (std::uint8_t bit = 1; bit; bit = static_cast<std::uint8_t>(bit << 1)) {
        Bytes v = base;
        v[i] ^= bit;
        seen.insert(byte_hash(v));
        ++inputs;
      }
    // Top bits of neighbouring bytes and of the same byte in neighbouring words: a hash that
    // only multiplies and rotates collides here.
    for (std::size_t i = 0; i + 1 < n; ++i) {
      Bytes v = base;
      v[i] ^= 0x80;
      v[i + 1] ^= 0x80;
      seen.insert(byte_hash(v));
      ++inputs;
    }
    for (std::size_t step : {8, 16}) {
      for (std::size_t i = 0; i + step < n; ++i) {
        Bytes v = base;
        v[i] ^= 0x80;
        v[i + step] ^= 0x80;
        seen.insert(byte_hash(v));
        ++inputs;
      }
    }
  }
  CHECK(seen.size() == inputs);
}
