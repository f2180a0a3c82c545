// Arbitrary bytes never crash the GRE decoder (deterministic pseudo-random inputs).
#include <catch2/catch.hpp>

#include <random>

#include "dissectors/gre/header.h"

using namespace ts;
using namespace ts::gre;

TEST_CASE("GRE: random packets decode without crash and complete ones re-encode") {
  std::mt19937 rng(2784);
  for (int i = 0; i < 20000; ++i) {
    Bytes b(rng() % 64);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    if (b.size() >= 2 && (i % 2) == 0) b[1] = static_cast<std::uint8_t>((b[1] & 0xf8) | (rng() % 2));
    const auto d = decode(b);
    CHECK((d.complete || !d.truncated_field.empty()));
    (void)summarize(d.value);
    Field f;
    describe(d.value, f);
    if (d.complete && !d.value.checksum_present && d.value.payload.size() == b.size() - header_size(d.value))
      CHECK(encode(d.value, d.value.payload) == b);
  }
}
