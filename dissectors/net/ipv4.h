#pragma once
// IPv4 header (RFC 791 §3.1).
//
// Contract: decode_ipv4() never throws or allocates (diagnostics aside) and returns views
// into the packet. `payload` is cut to Total Length: trailing bytes beyond it (Ethernet
// minimum-size padding, an FCS) are dropped silently; fewer bytes than Total Length gives
// complete = false with truncated_field "ipv4.payload" and the bytes that are there.
// Diagnostics: bad_version, bad_ihl (IHL < 5: header taken as 20 bytes),
// total_length_short (Total Length < header), reserved_flag, and - when verify_checksum -
// bad_checksum as a *note* (captures on the sending host see offloaded, unfilled sums).
// A fragment (MF set or offset != 0) is reported in the fields; the reassembler is in
// src/observe/ip_reassembler.h.
#include <cstdint>
#include <string>

#include "dissectors/net/ip_address.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"

namespace ts::net {

namespace ip_proto {
inline constexpr std::uint8_t kHopByHop = 0;
inline constexpr std::uint8_t kIcmp = 1;
inline constexpr std::uint8_t kTcp = 6;
inline constexpr std::uint8_t kUdp = 17;
inline constexpr std::uint8_t kRouting = 43;
inline constexpr std::uint8_t kFragment = 44;
inline constexpr std::uint8_t kGre = 47;
inline constexpr std::uint8_t kEsp = 50;
inline constexpr std::uint8_t kAh = 51;
inline constexpr std::uint8_t kIcmpv6 = 58;
inline constexpr std::uint8_t kNoNext = 59;
inline constexpr std::uint8_t kDestOptions = 60;
inline constexpr std::uint8_t kL2tp = 115;  // L2TPv3 over IP (RFC 3931)
}  // namespace ip_proto

std::string ip_proto_name(std::uint8_t proto);

struct Ipv4Header {
  std::uint8_t version = 4;
  std::uint8_t ihl = 5;  // header length in 32-bit words as on the wire
  std::uint8_t dscp = 0;
  std::uint8_t ecn = 0;
  std::uint16_t total_length = 0;
  std::uint16_t identification = 0;
  bool reserved_flag = false;
  bool dont_fragment = false;
  bool more_fragments = false;
  std::uint16_t fragment_offset = 0;  // in 8-octet units
  std::uint8_t ttl = 64;
  std::uint8_t protocol = 0;
  std::uint16_t checksum = 0;
  bool checksum_ok = true;  // true when not verified
  IpAddress src;
  IpAddress dst;
  ByteView options;  // raw option bytes (IHL*4 - 20)
  ByteView payload;

  std::size_t header_length() const { return ihl < 5 ? 20 : std::size_t{ihl} * 4; }
  std::uint32_t fragment_offset_bytes() const { return std::uint32_t{fragment_offset} * 8; }
  bool is_fragment() const { return more_fragments || fragment_offset != 0; }
};

Decoded<Ipv4Header> decode_ipv4(ByteView packet, bool verify_checksum = true);

// Canonical encoding: IHL from options (padded with zero End-of-Options to 4 bytes),
// Total Length from the payload, checksum computed. Addresses must be IPv4.
Bytes encode_ipv4(const Ipv4Header& h, ByteView payload);

void describe(const Ipv4Header& h, Field& layer);
std::string summarize(const Ipv4Header& h);

}  // namespace ts::net
