// Never crash on wire input: bit flips and random octets through decode, describe,
// summarize and check_required_avps, with and without a secret. Deterministic seed.
#include <catch2/catch.hpp>

#include <random>

#include "dissectors/l2tp/describe.h"
#include "dissectors/l2tp/required_avps.h"
#include "samples.h"

using namespace l2tp_test;

namespace {
void exercise(const Bytes& wire) {
  for (const bool with_secret : {false, true}) {
    const auto d = decode(wire, DecodeOptions{"k", with_secret});
    Field f;
    describe(d.value, f);
    CHECK_FALSE(summarize(d.value).empty());
    (void)check_required_avps(d.value);
    for (const auto& diag : d.diags) CHECK(diag.def != nullptr);
    if (!d.complete) CHECK_FALSE(d.truncated_field.empty());
  }
}
}  // namespace

TEST_CASE("bit flips in every sample message never crash the decoder") {
  std::mt19937 rng(2661);
  for (const MessageType t : all_message_types()) {
    Message m = sample_message(t);
    m.avps.insert(m.avps.begin(), make_avp_bytes(to_u16(AvpType::random_vector), seq_bytes(16, 3), true));
    for (auto& a : m.avps)
      if (!a.is_ietf(to_u16(AvpType::random_vector))) a.hidden = (rng() % 3 == 0);
    const Bytes wire = encode(m, EncodeOptions{"k", {}});
    for (int i = 0; i < 300; ++i) {
      Bytes mutated = wire;
      const int flips = 1 + static_cast<int>(rng() % 4);
      for (int k = 0; k < flips; ++k)
        mutated[rng() % mutated.size()] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
      exercise(mutated);
    }
  }
}

TEST_CASE("random octet strings never crash the decoder") {
  std::mt19937 rng(1999);
  for (int i = 0; i < 2000; ++i) {
    Bytes b(rng() % 80);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    // Half of them get a plausible control header so the AVP path is reached.
    if (b.size() >= 2 && i % 2 == 0) {
      b[0] = 0xc8;
      b[1] = 0x02;
    }
    exercise(b);
  }
}
