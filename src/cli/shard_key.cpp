#include "src/cli/shard_key.h"

#include <cstdint>
#include <cstring>

namespace ts::cli {

namespace {

std::uint64_t word(const std::uint8_t* p, std::size_t n) {
  std::uint64_t lo = 0, hi = 0;
  std::memcpy(&lo, p, n < 8 ? n : 8);
  if (n > 8) std::memcpy(&hi, p + 8, n - 8);
  return (lo ^ hi * 0xff51afd7ed558ccdULL) * 0x9e3779b97f4a7c15ULL;
}

// Symmetric in the two addresses: both directions land in the same worker.
std::size_t pair_shard(const std::uint8_t* a, const std::uint8_t* b, std::size_t n, std::size_t workers) {
  std::uint64_t h = word(a, n) + word(b, n);
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 29;
  return static_cast<std::size_t>(h % workers);
}

// ICMPv4 errors that quote a datagram (RFC 792): Destination Unreachable, Source Quench,
// Redirect, Time Exceeded, Parameter Problem.
bool icmp4_quotes(std::uint8_t type) { return type == 3 || type == 4 || type == 5 || type == 11 || type == 12; }

}  // namespace

std::size_t shard_of(const observe::FrameVerdict& v, std::size_t workers) {
  if (workers <= 1 || !v.link.complete) return 0;
  const ByteView payload = v.link.value.payload;
  if (v.ip) {
    const net::Ipv4Header& h = v.ip->value;
    if (h.src.family != 4 || h.dst.family != 4) return 0;
    // RFC 792: an error quotes the Internet header of the datagram after its 8 octets.
    const ByteView m = h.payload;
    if (h.protocol == 1 && !h.is_fragment() && m.size() >= 8 + 20 && icmp4_quotes(m[0]) && (m[8] >> 4) == 4)
      return pair_shard(m.data() + 8 + 12, m.data() + 8 + 16, 4, workers);
    return pair_shard(h.src.bytes.data(), h.dst.bytes.data(), 4, workers);
  }
  if (v.link.value.next == net::LinkLayer::Next::ipv6 && payload.size() >= 40 && (payload[0] >> 4) == 6) {
    // RFC 4443 §2.1: error messages (types 0-127) quote the invoking packet after 8 octets;
    // only an ICMPv6 header right after the fixed header is looked at.
    const ByteView m = payload.subspan(40);
    if (payload[6] == 58 && m.size() >= 8 + 40 && m[0] < 128 && (m[8] >> 4) == 6)
      return pair_shard(m.data() + 8 + 8, m.data() + 8 + 24, 16, workers);
    return pair_shard(payload.data() + 8, payload.data() + 24, 16, workers);
  }
  return 0;
}

}  // namespace ts::cli
