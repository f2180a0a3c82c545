#include "dissectors/net/checksum.h"

namespace ts::net {

std::uint32_t checksum_add(ByteView data, std::uint32_t sum) {
  // 64-bit accumulator: no carry handling inside the loop (RFC 1071 §2(B) deferred carries).
  std::uint64_t acc = sum;
  std::size_t i = 0;
  for (; i + 1 < data.size(); i += 2) acc += static_cast<std::uint32_t>(data[i] << 8 | data[i + 1]);
  if (i < data.size()) acc += static_cast<std::uint32_t>(data[i] << 8);
  while (acc >> 32) acc = (acc & 0xffffffffu) + (acc >> 32);
  return static_cast<std::uint32_t>(acc);
}

std::uint16_t checksum_fold(std::uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xffffu) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xffffu);
}

std::uint16_t internet_checksum(ByteView data) { return checksum_fold(checksum_add(data)); }

std::uint32_t pseudo_header_sum(const IpAddress& src, const IpAddress& dst, std::uint8_t protocol,
                                std::uint32_t length) {
  std::uint32_t sum = checksum_add(src.view());
  sum = checksum_add(dst.view(), sum);
  // IPv4: zero, protocol, 16-bit length; IPv6: 32-bit length, 3 zero bytes, next header.
  // Both sum to the same words when the length fits 16 bits; the high half adds for IPv6.
  std::uint64_t acc = sum;
  acc += protocol;
  acc += length & 0xffffu;
  acc += length >> 16;
  while (acc >> 32) acc = (acc & 0xffffffffu) + (acc >> 32);
  return static_cast<std::uint32_t>(acc);
}

std::uint16_t transport_checksum(const IpAddress& src, const IpAddress& dst, std::uint8_t protocol,
                                 ByteView segment) {
  return checksum_fold(
      checksum_add(segment, pseudo_header_sum(src, dst, protocol, static_cast<std::uint32_t>(segment.size()))));
}

}  // namespace ts::net
