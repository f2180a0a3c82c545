#pragma once
// Internet checksum (RFC 1071) and the TCP/UDP pseudo-header sums (RFC 9293 §3.1,
// RFC 768, RFC 8200 §8.1). Used by encoders and tests; decoders on the hot path only
// verify the 20-60 byte IPv4 header checksum.
//
// Usage: transport_checksum(src, dst, 17, udp_bytes_with_zero_checksum) gives the value to
// store; a received segment verifies when transport_checksum over it (checksum in place)
// returns 0 (for UDP, a stored 0 means "no checksum" over IPv4).
#include <cstdint>

#include "dissectors/net/ip_address.h"
#include "src/core/bytes.h"

namespace ts::net {

// One's-complement sum of 16-bit big-endian words (odd byte padded with zero), added to
// `sum` without folding: chain calls, then fold with checksum_fold().
std::uint32_t checksum_add(ByteView data, std::uint32_t sum = 0);
// Folds the carries and complements: the value to put in a checksum field.
std::uint16_t checksum_fold(std::uint32_t sum);
// checksum_fold(checksum_add(data)).
std::uint16_t internet_checksum(ByteView data);
// Sum of the IPv4 or IPv6 pseudo header for `protocol` and upper-layer `length`.
std::uint32_t pseudo_header_sum(const IpAddress& src, const IpAddress& dst, std::uint8_t protocol,
                                std::uint32_t length);
// Checksum of `segment` under its pseudo header.
std::uint16_t transport_checksum(const IpAddress& src, const IpAddress& dst, std::uint8_t protocol,
                                 ByteView segment);

}  // namespace ts::net
