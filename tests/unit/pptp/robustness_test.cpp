// Arbitrary bytes never crash the PPTP decoder (deterministic pseudo-random inputs).
#include <catch2/catch.hpp>

#include <random>

#include "dissectors/pptp/message.h"

using namespace ts;
using namespace ts::pptp;

TEST_CASE("PPTP: random messages with a plausible header decode without crash") {
  std::mt19937 rng(2637);
  for (int i = 0; i < 5000; ++i) {
    Bytes b(rng() % 240);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    if (b.size() >= 12 && (i % 2) == 0) {
      b[2] = 0, b[3] = 1, b[4] = 0x1a, b[5] = 0x2b, b[6] = 0x3c, b[7] = 0x4d;
      b[8] = 0, b[9] = static_cast<std::uint8_t>(rng() % 17);
    }
    const auto d = decode(b);
    CHECK((d.complete || !d.truncated_field.empty()));
    (void)summarize(d.value);
    Field f;
    describe(d.value, f);
    if (d.complete) CHECK(decode(encode(d.value)).value.body == d.value.body);
  }
}
