#pragma once
// The Internet (one's complement) checksum that GRE's Checksum field carries
// (RFC 2784 §2.5, RFC 1701). Kept here because src/core has none yet.
#include <cstdint>

#include "src/core/bytes.h"

namespace ts::gre {

// One's complement of the one's complement sum of the 16-bit big-endian words of `data`
// (an odd last octet is padded with zero). Over data whose checksum field is already
// filled in correctly the result is 0.
inline std::uint16_t internet_checksum(ByteView data) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < data.size(); i += 2) {
    const std::uint32_t hi = data[i];
    const std::uint32_t lo = i + 1 < data.size() ? data[i + 1] : 0;
    sum += hi << 8 | lo;
    sum = (sum & 0xffff) + (sum >> 16);
  }
  return static_cast<std::uint16_t>(~sum & 0xffff);
}

}  // namespace ts::gre
