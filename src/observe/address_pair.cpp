#include "src/observe/address_pair.h"

#include <cstring>

#include "dissectors/net/link_type.h"

namespace ts::observe {

namespace {

constexpr std::uint32_t kLinktypeEthernet = 1;

std::uint64_t word(const std::uint8_t* p, std::size_t n) {
  std::uint64_t lo = 0, hi = 0;
  std::memcpy(&lo, p, n < 8 ? n : 8);
  if (n > 8) std::memcpy(&hi, p + 8, n - 8);
  return (lo ^ hi * 0xff51afd7ed558ccdULL) * 0x9e3779b97f4a7c15ULL;
}

// Symmetric in the two addresses: both directions land in the same bucket.
std::size_t bucket_of(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) {
  std::uint64_t h = word(a, n) + word(b, n);
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 29;
  return static_cast<std::size_t>(h % kAddressPairBuckets);
}

// ICMPv4 errors that quote a datagram (RFC 792): Destination Unreachable, Source Quench,
// Redirect, Time Exceeded, Parameter Problem.
bool icmp4_quotes(std::uint8_t type) { return type == 3 || type == 4 || type == 5 || type == 11 || type == 12; }

std::size_t ipv4_bucket(ByteView p) {
  if (p.size() < 20 || (p[0] >> 4) != 4) return 0;
  const std::size_t ihl = std::size_t{p[0] & 0x0fu} * 4;
  const bool fragment = ((p[6] << 8 | p[7]) & 0x3fff) != 0;  // MF or an offset
  // RFC 792: an error quotes the Internet header of the datagram after its 8 octets.
  if (p[9] == 1 && !fragment && ihl >= 20 && p.size() >= ihl + 8 + 20) {
    const std::uint8_t* m = p.data() + ihl;
    if (icmp4_quotes(m[0]) && (m[8] >> 4) == 4) return bucket_of(m + 8 + 12, m + 8 + 16, 4);
  }
  return bucket_of(p.data() + 12, p.data() + 16, 4);
}

std::size_t ipv6_bucket(ByteView p) {
  if (p.size() < 40 || (p[0] >> 4) != 6) return 0;
  // RFC 4443 §2.1: error messages (types 0-127) quote the invoking packet after 8 octets;
  // only an ICMPv6 header right after the fixed header is looked at.
  const ByteView m = p.subspan(40);
  if (p[6] == 58 && m.size() >= 8 + 40 && m[0] < 128 && (m[8] >> 4) == 6)
    return bucket_of(m.data() + 8 + 8, m.data() + 8 + 24, 16);
  return bucket_of(p.data() + 8, p.data() + 24, 16);
}

}  // namespace

std::size_t address_pair_bucket(std::uint32_t linktype, ByteView frame) {
  // Fast path: untagged Ethernet II with IPv4 (what decode_link would find the same way).
  if (linktype == kLinktypeEthernet && frame.size() >= 14 + 20 && frame[12] == 0x08 && frame[13] == 0x00)
    return ipv4_bucket(frame.subspan(14));
  const auto link = net::decode_link(linktype, frame);
  if (!link.complete) return 0;
  switch (link.value.next) {
    case net::LinkLayer::Next::ipv4: return ipv4_bucket(link.value.payload);
    case net::LinkLayer::Next::ipv6: return ipv6_bucket(link.value.payload);
    default: return 0;
  }
}

}  // namespace ts::observe
