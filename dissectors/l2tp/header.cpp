#include "dissectors/l2tp/header.h"

#include <fmt/format.h>

#include "dissectors/l2tp/l2tp_diagnostics.h"

namespace ts::l2tp {

namespace {
// First 16 bits: T L x x S x O P x x x x Ver(4).
constexpr std::uint16_t kBitT = 0x8000, kBitL = 0x4000, kBitS = 0x0800, kBitO = 0x0200,
                        kBitP = 0x0100;
constexpr std::uint16_t kReservedMask = 0x3000 | 0x0400 | 0x00f0;

// Packs the 8 scattered x bits into one octet, wire order.
std::uint8_t pack_reserved(std::uint16_t w) {
  return static_cast<std::uint8_t>(((w >> 12) & 0x3) << 6 | ((w >> 10) & 0x1) << 5 |
                                   ((w >> 4) & 0xf));
}

void check_control_flags(const Header& h, Diagnostics& diags) {
  // RFC 2661 §3.1: control messages MUST set L and S, and MUST clear O and P.
  if (!h.type_control) return;
  if (!h.length_present || !h.sequence_present || h.offset_present || h.priority)
    add_diag(diags, diag::kHeaderControlFlags,
             fmt::format("control message with L={} S={} O={} P={}", int{h.length_present},
                         int{h.sequence_present}, int{h.offset_present}, int{h.priority}));
}
}  // namespace

std::size_t Header::wire_size() const {
  return 6 + (length_present ? 2 : 0) + (sequence_present ? 4 : 0) +
         (offset_present ? 2u + offset_size : 0);
}

Header decode_header(ByteReader& r, Diagnostics& diags) {
  Header h;
  const std::uint16_t first = r.be16("header.flags");
  h.type_control = (first & kBitT) != 0;
  h.length_present = (first & kBitL) != 0;
  h.sequence_present = (first & kBitS) != 0;
  h.offset_present = (first & kBitO) != 0;
  h.priority = (first & kBitP) != 0;
  h.reserved_bits = pack_reserved(first & kReservedMask);
  h.version = static_cast<std::uint8_t>(first & 0x000f);
  if (!r.ok()) return h;
  // RFC 2661 §3.1: packets with an unknown Ver MUST be discarded; we stop decoding.
  if (h.version != kVersionL2tpV2) {
    add_diag(diags, diag::kHeaderVersionUnsupported,
             h.version == kVersionL2tpV3 ? "Ver=3 (L2TPv3 over UDP, RFC 3931)"
             : h.version == 1            ? "Ver=1 (L2F, RFC 2341)"
                                         : fmt::format("Ver={}", h.version));
    return h;
  }
  // RFC 2661 §3.1: reserved bits MUST be 0 on send (ignored on receipt).
  if (h.reserved_bits != 0)
    add_diag(diags, diag::kHeaderReservedBits, fmt::format("reserved bits 0x{:02x}", h.reserved_bits));
  check_control_flags(h, diags);
  if (h.length_present) h.length = r.be16("header.length");
  h.tunnel_id = r.be16("header.tunnel_id");
  h.session_id = r.be16("header.session_id");
  if (h.sequence_present) {
    h.ns = r.be16("header.ns");
    h.nr = r.be16("header.nr");
  }
  if (h.offset_present) {
    h.offset_size = r.be16("header.offset_size");
    h.offset_pad = r.take(h.offset_size, "header.offset_pad");
  }
  return h;
}

void encode_header(const Header& h, std::uint16_t total_length, ByteWriter& w) {
  std::uint16_t first = kVersionL2tpV2;
  if (h.type_control) first |= kBitT;
  if (h.length_present) first |= kBitL;
  if (h.sequence_present) first |= kBitS;
  if (h.offset_present) first |= kBitO;
  if (h.priority) first |= kBitP;
  w.be16(first);
  if (h.length_present) w.be16(total_length);
  w.be16(h.tunnel_id).be16(h.session_id);
  if (h.sequence_present) w.be16(h.ns).be16(h.nr);
  if (h.offset_present) {
    w.be16(h.offset_size);
    for (std::size_t i = 0; i < h.offset_size; ++i)
      w.u8(i < h.offset_pad.size() ? h.offset_pad[i] : 0);
  }
}

}  // namespace ts::l2tp
