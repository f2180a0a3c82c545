#include "src/observe/frame_gate.h"

#include <cstring>

#include "src/core/byte_hash.h"
#include "src/observe/address_pair.h"

namespace ts::observe {

namespace {

// What identifies an IPv4 packet for the duplicate check: payload, addresses, protocol, ID and
// fragment offset, hashed as bytes and integers (no string is built: this runs per packet).
// The seed keeps these hashes apart from the whole-frame hashes of other frames.
std::uint64_t ipv4_packet_hash(const net::Ipv4Header& h) {
  std::uint64_t a = 0, b = 0;
  std::memcpy(&a, h.src.bytes.data(), 4);
  std::memcpy(&b, h.dst.bytes.data(), 4);
  const std::uint64_t header = a << 32 ^ b ^ (std::uint64_t{h.protocol} << 56 | std::uint64_t{h.identification} << 40 |
                                              std::uint64_t{h.fragment_offset} << 24);
  return byte_hash(h.payload, header * 0x9e3779b97f4a7c15ULL + 0x1f);
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
  v.duplicate = v.by_ip_packet
                    ? seen_just_before(bucket, ipv4_packet_hash(v.ip->value), v.ip->value.payload.size(), ts)
                    : seen_just_before(bucket, byte_hash(data), data.size(), ts);
  ++input.frames;
  input.bytes += original_length;
  if (v.duplicate) return v;
  if (!input.first) input.first = ts;
  input.last = ts;
  last_kept_ = FrameInfo{number, ts, original_length > data.size(), nullptr};
  return v;
}

}  // namespace ts::observe
