#include "src/observe/frame_gate.h"

#include <cstring>

#include "src/core/byte_hash.h"
#include "src/observe/address_pair.h"

namespace ts::observe {

namespace {

// What identifies an IPv4 packet for the duplicate check: payload, addresses, protocol, ID and
// fragment offset, hashed as bytes and integers (no string is built: this runs per packet).
// The seed keeps these hashes apart from the whole-frame hashes of other frames.
std::uint64_t ipv4_packet_hash(const net::IpAddress& src, const net::IpAddress& dst, std::uint8_t protocol,
                               std::uint16_t identification, std::uint16_t fragment_offset, ByteView payload) {
  std::uint64_t a = 0, b = 0;
  std::memcpy(&a, src.bytes.data(), 4);
  std::memcpy(&b, dst.bytes.data(), 4);
  const std::uint64_t header = a << 32 ^ b ^ (std::uint64_t{protocol} << 56 | std::uint64_t{identification} << 40 |
                                              std::uint64_t{fragment_offset} << 24);
  return byte_hash(payload, header * 0x9e3779b97f4a7c15ULL + 0x1f);
}

}  // namespace

void FrameGate::reset() {
  last_retire_check_ = {};
  last_expiry_ = {};
  previous_.reset();
  last_kept_ = FrameInfo{};
  recent_.assign(kAddressPairBuckets * kRecentPerBucket, Recent{});
  recent_next_.assign(kAddressPairBuckets, 0);
  duplicates_ = 0;
}

bool FrameGate::seen_just_before(std::size_t bucket, std::uint64_t hash, std::size_t length, Instant ts) {
  Recent* ring = recent_.data() + bucket * kRecentPerBucket;
  for (std::size_t i = 0; i < kRecentPerBucket; ++i) {
    const Recent& r = ring[i];
    if (r.hash == hash && r.length == length && ts >= r.ts && ts - r.ts < std::chrono::milliseconds(2)) {
      ++duplicates_;
      return true;
    }
  }
  ring[recent_next_[bucket]++ % kRecentPerBucket] = Recent{hash, length, ts};
  return false;
}



FrameVerdict FrameGate::admit(std::uint64_t number, Instant ts, std::uint32_t linktype, ByteView data,
                              std::uint32_t original_length, InputSummary& input) {
  FrameVerdict v{net::decode_link(linktype, data), std::nullopt};
  if (v.link.complete && v.link.value.next == net::LinkLayer::Next::ipv4)
    v.ip.emplace(net::decode_ipv4(v.link.value.payload, /*verify_checksum=*/false));
  // Only the payload may be short (a snaplen cut): the header fields are there to compare.
  v.by_ip_packet = v.ip && (v.ip->complete || v.ip->truncated_field == "ipv4.payload");
  const std::size_t bucket = address_pair_bucket(linktype, data);
  if (v.by_ip_packet) {
    const net::Ipv4Header& h = v.ip->value;
    v.duplicate = seen_just_before(
        bucket, ipv4_packet_hash(h.src, h.dst, h.protocol, h.identification, h.fragment_offset, h.payload),
        h.payload.size(), ts);
  } else {
    v.duplicate = seen_just_before(bucket, byte_hash(data), data.size(), ts);
  }
  count(number, ts, data.size(), original_length, v.duplicate, input);
  return v;
}

bool FrameGate::admit_plain_ipv4(std::uint64_t number, Instant ts, ByteView data, std::uint32_t original_length,
                                 const net::PlainIpv4& p, InputSummary& input) {
  // The same decision admit() takes for this frame: by its IPv4 packet (fragment offset 0),
  // in the bucket address_pair_bucket() gives it.
  const bool duplicate =
      seen_just_before(address_pair_bucket(net::linktype::kEthernet, data),
                       ipv4_packet_hash(p.src, p.dst, p.protocol, p.identification, 0, p.payload), p.payload.size(), ts);
  count(number, ts, data.size(), original_length, duplicate, input);
  return duplicate;
}

void FrameGate::count(std::uint64_t number, Instant ts, std::size_t captured, std::uint32_t original_length,
                      bool duplicate, InputSummary& input) {
  ++input.frames;
  input.bytes += original_length;
  if (duplicate) return;
  if (!input.first) input.first = ts;
  input.last = ts;
  last_kept_ = FrameInfo{number, ts, original_length > captured, nullptr};
}

}  // namespace ts::observe
