#pragma once
// RandomSource: the only randomness an endpoint may use (magic numbers, challenges, tunnel
// and session ids, random vectors, MPPE nonces ...). Injected by the driver, seeded, so a
// simulation is reproducible from (scenario, seed) and a live run can be seeded from the
// OS. Deterministic: xoshiro256** seeded through splitmix64; no global state, no clock.
#include <array>
#include <cstdint>

#include "src/core/bytes.h"

namespace ts::engine {

class RandomSource {
 public:
  explicit RandomSource(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix(seed);
  }
  // A child stream for one component (one tunnel, one PPP link): independent draws, so
  // adding traffic to one component never shifts another's numbers.
  RandomSource fork(std::uint64_t stream) { return RandomSource(next() ^ splitmix_of(stream)); }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  std::uint32_t u32() { return static_cast<std::uint32_t>(next() >> 32); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(next() >> 48); }
  std::uint8_t u8() { return static_cast<std::uint8_t>(next() >> 56); }
  // Uniform in [lo, hi], both inclusive (lo <= hi).
  std::uint32_t between(std::uint32_t lo, std::uint32_t hi) {
    const std::uint64_t span = static_cast<std::uint64_t>(hi) - lo + 1;
    return lo + static_cast<std::uint32_t>(next() % span);
  }
  // A value in [1, 65535]: for the non-zero 16-bit ids of L2TP and PPTP.
  std::uint16_t nonzero_u16() { return static_cast<std::uint16_t>(between(1, 0xFFFF)); }
  std::uint32_t nonzero_u32() {
    std::uint32_t v = 0;
    while (v == 0) v = u32();
    return v;
  }
  Bytes bytes(std::size_t n) {
    Bytes out(n);
    for (auto& b : out) b = u8();
    return out;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  static std::uint64_t splitmix_of(std::uint64_t v) { return splitmix(v); }

  std::array<std::uint64_t, 4> s_{};
};

}  // namespace ts::engine
