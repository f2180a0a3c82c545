// GRE encoding (canonical bytes), header size and equality.
#include <algorithm>

#include "dissectors/net/checksum.h"
#include "dissectors/gre/header.h"
#include "src/core/byte_writer.h"

namespace ts::gre {
namespace {

std::uint16_t pack_flags(const Header& h) {
  return static_cast<std::uint16_t>((h.checksum_present ? 0x8000 : 0) | (h.routing_present ? 0x4000 : 0) |
                                    (h.key_present ? 0x2000 : 0) | (h.sequence_present ? 0x1000 : 0) |
                                    (h.strict_source_route ? 0x0800 : 0) | (h.recursion & 0x7) << 8 |
                                    (h.ack_present ? 0x0080 : 0) | (h.flags & 0xf) << 3 | (h.version & 0x7));
}

// The NULL SRE that ends a Routing field (RFC 1701): Address Family 0, SRE Length 0.
constexpr std::size_t kNullSreSize = 4;

}  // namespace

std::size_t header_size(const Header& h) {
  if (h.version > 1) return 4;
  std::size_t n = 4;
  if (h.checksum_present || h.routing_present) n += 4;
  if (h.key_present) n += 4;
  if (h.sequence_present) n += 4;
  if (h.ack_present && h.version == 1) n += 4;
  if (h.routing_present && h.version == 0) n += h.routing.empty() ? kNullSreSize : h.routing.size();
  return n;
}

Bytes encode(const Header& h, ByteView payload) {
  ByteWriter w(header_size(h) + payload.size());
  w.be16(pack_flags(h)).be16(h.protocol_type);
  if (h.version > 1) return w.bytes(payload).take();
  if (h.checksum_present || h.routing_present) w.be16(h.checksum_present ? 0 : h.checksum).be16(h.offset);
  if (h.key_present) {
    // RFC 2637 §4.1: Key = Payload Length (high 16 bits) | peer's Call ID (low 16 bits).
    if (h.version == 1) w.be16(static_cast<std::uint16_t>(payload.size())).be16(h.call_id);
    else w.be32(h.key);
  }
  if (h.sequence_present) w.be32(h.sequence_number);
  if (h.ack_present && h.version == 1) w.be32(h.acknowledgment_number);
  if (h.routing_present && h.version == 0) {
    if (h.routing.empty()) w.zeros(kNullSreSize);
    else w.bytes(h.routing);
  }
  w.bytes(payload);
  // RFC 2784 §2.5: computed with the Checksum field zero, over header and payload.
  if (h.checksum_present) w.patch_be16(4, net::internet_checksum(w.data()));
  return w.take();
}

bool operator==(const Header& a, const Header& b) {
  return a.checksum_present == b.checksum_present && a.routing_present == b.routing_present &&
         a.key_present == b.key_present && a.sequence_present == b.sequence_present &&
         a.strict_source_route == b.strict_source_route && a.ack_present == b.ack_present &&
         a.recursion == b.recursion && a.flags == b.flags && a.version == b.version &&
         a.protocol_type == b.protocol_type && a.checksum == b.checksum && a.offset == b.offset &&
         a.key == b.key && a.payload_length == b.payload_length && a.call_id == b.call_id &&
         a.sequence_number == b.sequence_number && a.acknowledgment_number == b.acknowledgment_number &&
         std::ranges::equal(a.routing, b.routing) && std::ranges::equal(a.payload, b.payload);
}

}  // namespace ts::gre
