// GRE decoding: RFC 2784 / RFC 2890 / RFC 1701 (version 0) and RFC 2637 §4.1 (version 1).
#include <fmt/format.h>

#include "dissectors/net/checksum.h"
#include "dissectors/gre/diagnostics.h"
#include "dissectors/gre/header.h"
#include "src/core/byte_reader.h"

namespace ts::gre {
namespace {

void unpack_flags(std::uint16_t bits, Header& h) {
  h.checksum_present = (bits & 0x8000) != 0;
  h.routing_present = (bits & 0x4000) != 0;
  h.key_present = (bits & 0x2000) != 0;
  h.sequence_present = (bits & 0x1000) != 0;
  h.strict_source_route = (bits & 0x0800) != 0;
  h.recursion = static_cast<std::uint8_t>((bits >> 8) & 0x7);
  h.ack_present = (bits & 0x0080) != 0;
  h.flags = static_cast<std::uint8_t>((bits >> 3) & 0xf);
  h.version = static_cast<std::uint8_t>(bits & 0x7);
}

// Rules of the first 4 octets; `have_protocol` when the Protocol Type was read.
void check_flags(const Header& h, bool have_protocol, Diagnostics& d) {
  if (h.version == 1) {
    // RFC 2637 §4.1: C "Set to zero (0)".
    if (h.checksum_present) add_diag(d, diag::kV1ChecksumPresent);
    // RFC 2637 §4.1: R "Set to zero (0)".
    if (h.routing_present) add_diag(d, diag::kV1RoutingPresent);
    // RFC 2637 §4.1: K "Set to one (1)".
    if (!h.key_present) add_diag(d, diag::kV1KeyMissing);
    // RFC 2637 §4.1: s "Set to zero (0)".
    if (h.strict_source_route) add_diag(d, diag::kV1StrictRoute);
    // RFC 2637 §4.1: Recur "Set to zero (0)".
    if (h.recursion != 0) add_diag(d, diag::kV1RecursionNonzero, fmt::format("recursion={}", h.recursion));
    // RFC 2637 §4.1: Flags "Must be set to zero (0)".
    if (h.flags != 0) add_diag(d, diag::kV1FlagsNonzero, fmt::format("flags={:#x}", h.flags));
    // RFC 2637 §4.1: Protocol Type "Set to hex 880B".
    if (have_protocol && h.protocol_type != kProtocolPpp)
      add_diag(d, diag::kV1BadProtocol, fmt::format("{:#06x}", h.protocol_type));
  } else if (h.version == 0) {
    // RFC 2784 §2.3: bits 6-12 "MUST be sent as zero"; A (bit 8) is RFC 2637's, version 1 only.
    if (h.ack_present) add_diag(d, diag::kV0AckPresent);
    // RFC 2784 §2.3 (and RFC 1701: bits 5-12 "MUST be transmitted as zero").
    if (h.flags != 0) add_diag(d, diag::kV0FlagsNonzero, fmt::format("flags={:#x}", h.flags));
    // RFC 1701: Recursion Control "SHOULD default to zero"; RFC 2784 §5 deprecates it.
    if (h.recursion != 0) add_diag(d, diag::kV0RecursionNonzero, fmt::format("recursion={}", h.recursion));
    // RFC 2784 §5: Routing Present and Strict Source Route are deprecated RFC 1701 bits.
    if (h.routing_present || h.strict_source_route) add_diag(d, diag::kV0Rfc1701Routing);
  } else {
    // RFC 2784 §2.3.1 and §7.1: version 0 is GRE, version 1 is PPTP's; others unassigned.
    add_diag(d, diag::kVersionUnknown, fmt::format("version {}", h.version));
  }
}

// RFC 1701 Routing: SREs (Address Family 2, SRE Offset 1, SRE Length 1, information)
// up to and including the one whose SRE Length is 0. Each SRE consumes at least 4 octets,
// so the loop ends within the packet.
ByteView read_routing(ByteReader& r, ByteView packet) {
  const std::size_t start = r.offset();
  while (r.ok()) {
    r.be16("sre_address_family");
    r.u8("sre_offset");
    const std::uint8_t length = r.u8("sre_length");
    if (!r.ok() || length == 0) break;
    r.skip(length, "sre_routing_information");
  }
  return r.ok() ? packet.subspan(start, r.offset() - start) : ByteView{};
}

// Version 1 cuts the payload to Payload Length (RFC 2637 §4.1 "Size of the payload, not
// including the GRE header"); version 0 has no length and takes the rest.
void take_payload(ByteReader& r, Decoded<Header>& out) {
  Header& h = out.value;
  if (h.version != 1 || !h.key_present) {
    h.payload = r.rest();
    return;
  }
  const std::size_t available = r.remaining();
  if (h.payload_length > available) {
    h.payload = r.rest();
    out.complete = false;
    out.truncated_field = "payload";
    return;
  }
  h.payload = r.take(h.payload_length, "payload");
  // RFC 2637 §4.1: Payload Length; extra octets are most likely link padding.
  if (available > h.payload_length)
    add_diag(out.diags, diag::kPayloadLengthMismatch,
             fmt::format("Payload Length {}, {} octets present", h.payload_length, available));
}

void check_v1_sequence(const Header& h, Diagnostics& d) {
  const std::size_t claimed = h.key_present ? h.payload_length : h.payload.size();
  // RFC 2637 §4.1: S "Set to one (1) if a payload (data) packet is present."
  if (!h.sequence_present && claimed > 0)
    add_diag(d, diag::kV1PayloadWithoutSequence, fmt::format("{} octets of payload", claimed));
  // RFC 2637 §4.1: S "Set to zero (0) if payload is not present".
  if (h.sequence_present && claimed == 0) add_diag(d, diag::kV1SequenceWithoutPayload);
}

void check_v0_fields(const Header& h, ByteView packet, bool complete, Diagnostics& d) {
  // RFC 2784 §2.6: Reserved1 "MUST be transmitted as zero" (with R it is RFC 1701's Offset).
  if (h.checksum_present && !h.routing_present && h.offset != 0)
    add_diag(d, diag::kV0Reserved1Nonzero, fmt::format("Reserved1={:#x}", h.offset));
  // RFC 2784 §2.5: checksum of the GRE header and payload; only a whole packet can be checked.
  if (h.checksum_present && complete && net::internet_checksum(packet) != 0) {
    Bytes copy(packet.begin(), packet.end());
    copy[4] = copy[5] = 0;
    add_diag(d, diag::kV0BadChecksum,
             fmt::format("Checksum {:#06x}, computed {:#06x}", h.checksum, net::internet_checksum(copy)));
  }
}

std::uint16_t load16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] << 8 | p[1]); }
std::uint32_t load32(const std::uint8_t* p) { return std::uint32_t{load16(p)} << 16 | load16(p + 2); }

}  // namespace

// About a tenth of the general path's instructions, and most of a PPTP capture.
bool decode_common_v1(ByteView p, std::size_t wire_length, Decoded<Header>& out) {
  if (p.size() < 8 || wire_length != p.size()) return false;
  if ((p[0] & 0xef) != 0x20 || (p[1] & 0x7f) != 0x01 || load16(&p[2]) != kProtocolPpp) return false;
  const bool sequence = (p[0] & 0x10) != 0, ack = (p[1] & 0x80) != 0;
  const std::size_t header = 8 + (sequence ? 4 : 0) + (ack ? 4 : 0);
  const std::uint16_t payload_length = load16(&p[4]);
  if (p.size() < header || p.size() - header != payload_length || sequence != (payload_length > 0)) return false;
  Header& h = out.value;
  h.key_present = true;
  h.sequence_present = sequence;
  h.ack_present = ack;
  h.version = 1;
  h.protocol_type = kProtocolPpp;
  h.key = load32(&p[4]);
  h.payload_length = payload_length;
  h.call_id = load16(&p[6]);
  std::size_t at = 8;
  if (sequence) h.sequence_number = load32(&p[at]), at += 4;
  if (ack) h.acknowledgment_number = load32(&p[at]), at += 4;
  h.payload = p.subspan(at);
  return true;
}

Decoded<Header> decode(ByteView gre_packet) { return decode(gre_packet, gre_packet.size()); }

Decoded<Header> decode(ByteView gre_packet, std::size_t wire_length) {
  Decoded<Header> out;
  if (!decode_common_v1(gre_packet, wire_length, out)) out = decode_general(gre_packet, wire_length);
  return out;
}

Decoded<Header> decode_general(ByteView gre_packet, std::size_t wire_length) {
  Decoded<Header> out;
  Header& h = out.value;
  ByteReader r(gre_packet);
  const std::uint16_t bits = r.be16("flags_and_version");
  h.protocol_type = r.be16("protocol_type");
  if (r.offset() >= 2) {
    unpack_flags(bits, h);
    check_flags(h, r.offset() >= 4, out.diags);
  }
  if (r.ok() && h.version <= 1) {
    if (h.checksum_present || h.routing_present) {
      h.checksum = r.be16("checksum");
      h.offset = r.be16("offset");
    }
    if (h.key_present) {
      h.key = r.be32("key");
      if (h.version == 1 && r.ok()) {
        h.payload_length = static_cast<std::uint16_t>(h.key >> 16);
        h.call_id = static_cast<std::uint16_t>(h.key & 0xffff);
      }
    }
    if (h.sequence_present) h.sequence_number = r.be32("sequence_number");
    if (h.ack_present && h.version == 1) h.acknowledgment_number = r.be32("acknowledgment_number");
    if (h.routing_present && h.version == 0) h.routing = read_routing(r, gre_packet);
  }
  if (!r.ok()) {
    out.complete = false;
    out.truncated_field = r.truncation();
    return out;
  }
  take_payload(r, out);
  if (out.complete && wire_length > gre_packet.size()) {
    out.complete = false;
    out.truncated_field = "payload";
  }
  if (h.version == 1) check_v1_sequence(h, out.diags);
  if (h.version == 0) check_v0_fields(h, gre_packet, out.complete, out.diags);
  return out;
}

}  // namespace ts::gre
