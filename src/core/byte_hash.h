#pragma once
// A fast, non-cryptographic 64-bit hash of a byte run, for the per-packet duplicate check of
// the analyzer (src/observe/analyzer.cpp). It reads sixteen bytes at a time and folds them
// with one 64x64->128-bit multiply (std::hash over a string_view, libstdc++'s byte-wise
// Murmur, cost about 2 instructions a byte and was the largest single cost of analysing a
// capture; a word-at-a-time mix about 0.9); quality is enough for "is this the packet seen
// 1 ms ago" where the length and the time window are compared as well. Not for adversarial
// input or anything that must be stable across versions.
#include <cstdint>
#include <cstring>

#include "src/core/bytes.h"

namespace ts {

namespace byte_hash_detail {
constexpr std::uint64_t kMul = 0x9e3779b97f4a7c15ULL;
constexpr std::uint64_t kMul2 = 0xff51afd7ed558ccdULL;
// One word into the state. The word is scrambled on its own first (multiply, then fold the
// high half down) so that changes in its high bits reach the low bits too; a plain
// (h ^ w) * k with a rotation collided for bit flips in the top bit of two words
// (tests/unit/core/byte_hash_test.cpp has the cases).
inline std::uint64_t mix(std::uint64_t h, std::uint64_t w) {
  w *= kMul2;
  w ^= w >> 32;
  return (h ^ w) * kMul;
}
// Two words and the state into one: the full 128-bit product of (a ^ k) and (b ^ h), its
// halves folded together. Every bit of either word reaches every bit of the result; the
// product is zero only when a word equals the constant or the state, which packet bytes
// do not arrange (this is not a hash for adversarial input).
__extension__ typedef unsigned __int128 Product;  // GCC and Clang on 64-bit targets
inline std::uint64_t mix2(std::uint64_t h, std::uint64_t a, std::uint64_t b) {
  const Product r = static_cast<Product>(a ^ kMul2) * (b ^ h);
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}
}  // namespace byte_hash_detail

// Hash of `data` and `seed`; equal inputs give equal hashes within one run.
inline std::uint64_t byte_hash(ByteView data, std::uint64_t seed = 0) {
  using namespace byte_hash_detail;
  std::uint64_t h = seed ^ (data.size() * kMul);
  const std::uint8_t* p = data.data();
  std::size_t n = data.size();
  for (; n >= 16; n -= 16, p += 16) {
    std::uint64_t a, b;
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + 8, 8);
    h = mix2(h, a, b);
  }
  if (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = mix(h, w);
    n -= 8, p += 8;
  }
  if (n) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = mix(h, w ^ (std::uint64_t{n} << 56));
  }
  // Final avalanche (the finaliser of MurmurHash3's 64-bit variant, as arithmetic).
  h ^= h >> 33;
  h *= kMul2;
  h ^= h >> 33;
  return h;
}

}  // namespace ts
