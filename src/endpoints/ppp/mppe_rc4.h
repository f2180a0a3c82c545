#pragma once
// MppeRc4: an RC4 keystream that keeps its state between packets. RFC 3078 §5/§6 initialise
// the tables once with rc4_key() and then encrypt packet after packet with the same,
// advancing tables (stateful mode, §7.2); the one-shot crypto::rc4() of the dissectors
// cannot continue a stream, so the data engine keeps its own.
// Contract: reset() takes a key of 1..256 octets (MPPE uses 8 or 16); apply() XORs the next
// keystream octets into the data, so applying it twice from the same state is the identity.
#include <array>
#include <cstdint>
#include <span>

#include "src/core/bytes.h"

namespace ts::endpoints::ppp {

class MppeRc4 {
 public:
  MppeRc4() = default;
  explicit MppeRc4(ByteView key) { reset(key); }

  // rc4_key(): the key schedule. Precondition: 1 <= key.size() <= 256.
  void reset(ByteView key);
  // rc4(): XOR the next data.size() keystream octets into data, in place.
  void apply(std::span<std::uint8_t> data);
  Bytes apply(ByteView data);

 private:
  std::array<std::uint8_t, 256> s_{};
  std::uint8_t i_ = 0;
  std::uint8_t j_ = 0;
};

}  // namespace ts::endpoints::ppp
