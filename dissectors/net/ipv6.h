#pragma once
// IPv6 fixed header (RFC 8200 §3) and its extension header chain (§4).
//
// Contract: decode_ipv6() never throws or allocates (diagnostics aside). It walks at most
// kMaxIpv6ExtHeaders extension headers of the generic TLV form - Hop-by-Hop (0), Routing
// (43), Destination Options (60) - and the Fragment header (44). It stops at the first
// other value: an upper layer (TCP 6, UDP 17, ...), AH (51) and ESP (50) (their payloads
// are not walked), or No Next Header (59). `protocol` is that final value and `payload`
// starts there, cut to Payload Length (extra trailing bytes dropped silently; missing
// ones: complete = false, truncated_field "ipv6.payload").
// With a Fragment header, `fragment.present` is set and the walk stops after it: the
// payload is the fragment's data and `protocol` its Next Header (for non-first fragments
// the upper-layer header is inside the reassembled datagram only).
// Payload Length 0 with a Hop-by-Hop header is a jumbogram (RFC 2675): all bytes are taken.
#include <array>
#include <cstdint>
#include <string>

#include "dissectors/net/ip_address.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"

namespace ts::net {

inline constexpr std::size_t kMaxIpv6ExtHeaders = 8;

struct Ipv6ExtHeader {
  std::uint8_t type = 0;      // the Next Header value that introduced it
  std::uint16_t length = 0;   // in bytes, including its first two
  ByteView data;              // the whole extension header
};

struct Ipv6Fragment {
  bool present = false;
  std::uint16_t offset = 0;   // in 8-octet units
  bool more_fragments = false;
  std::uint32_t identification = 0;
  std::uint8_t next_header = 0;
  std::uint32_t offset_bytes() const { return std::uint32_t{offset} * 8; }
};

struct Ipv6Header {
  std::uint8_t version = 6;
  std::uint8_t traffic_class = 0;
  std::uint32_t flow_label = 0;
  std::uint16_t payload_length = 0;
  std::uint8_t next_header = 0;  // first Next Header in the fixed header
  std::uint8_t hop_limit = 64;
  IpAddress src;
  IpAddress dst;
  std::array<Ipv6ExtHeader, kMaxIpv6ExtHeaders> ext{};
  std::uint8_t ext_count = 0;
  Ipv6Fragment fragment;
  std::uint8_t protocol = 0;  // final Next Header after the walked chain
  ByteView payload;
};

Decoded<Ipv6Header> decode_ipv6(ByteView packet);

// Canonical encoding: fixed header, then each ext[i].data verbatim (callers build them;
// make_ipv6_fragment_header helps), then the payload; Payload Length computed.
// next_header is written as given: it must name the first extension or the upper layer.
Bytes encode_ipv6(const Ipv6Header& h, ByteView payload);
// An 8-byte Fragment header (RFC 8200 §4.5).
Bytes make_ipv6_fragment_header(std::uint8_t next_header, std::uint16_t offset_units, bool more,
                                std::uint32_t identification);

void describe(const Ipv6Header& h, Field& layer);
std::string summarize(const Ipv6Header& h);

}  // namespace ts::net
