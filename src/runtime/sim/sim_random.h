#pragma once
// SimRandom: the simulator's only source of randomness, a seeded std::mt19937_64. Each link
// direction owns its own stream derived from the simulator seed and the direction's index
// (splitmix64), so traffic on one link never shifts the random draws of another and the same
// seed always gives the same run. No global state, never seeded from a clock.
#include <cstdint>
#include <random>

#include "src/core/time.h"

namespace ts::sim {

class SimRandom {
 public:
  explicit SimRandom(std::uint64_t seed) : gen_(seed) {}
  // A well-mixed seed for stream `stream` of a simulation seeded with `seed`.
  static std::uint64_t derive(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1), built from the top 53 bits (portable, unlike uniform_real_distribution).
  double unit() { return static_cast<double>(gen_() >> 11) * (1.0 / 9007199254740992.0); }
  bool chance(double p) { return unit() < p; }
  // Uniform in [0, max] nanoseconds (0 when max <= 0).
  Duration up_to(Duration max) {
    const std::uint64_t r = gen_();
    if (max.count() <= 0) return Duration{0};
    return Duration{static_cast<std::int64_t>(r % (static_cast<std::uint64_t>(max.count()) + 1))};
  }

 private:
  std::mt19937_64 gen_;
};

}  // namespace ts::sim
