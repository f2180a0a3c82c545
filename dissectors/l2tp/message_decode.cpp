// decode(): header, Length bounds, AVP list, unhiding, Message Type resolution, AVP checks.
#include <fmt/format.h>

#include "dissectors/l2tp/avp_checks.h"
#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/hiding.h"
#include "dissectors/l2tp/l2tp_diagnostics.h"
#include "dissectors/l2tp/message.h"
#include "dissectors/l2tp/message_types.h"

namespace ts::l2tp {

namespace {
constexpr std::uint16_t kBitM = 0x8000, kBitH = 0x4000, kLengthMask = 0x03ff;

void mark_truncated(Decoded<Message>& out, std::string_view field) {
  if (!out.complete) return;
  out.complete = false;
  out.truncated_field = field;
}

// Bounds the message body by Length (RFC 2661 §3.1). `cut` is set when the captured bytes
// end before Length.
ByteView bound_body(const Header& h, ByteReader& r, Decoded<Message>& out, bool& cut) {
  cut = false;
  if (!h.length_present) return r.rest();
  const std::size_t header_end = r.offset();
  if (h.length < header_end) {
    // RFC 2661 §3.1: Length is the total length of the message, header included.
    add_diag(out.diags, diag::kHeaderLengthMismatch,
             fmt::format("Length {} < header size {}", h.length, header_end));
    return r.rest();
  }
  if (h.length > r.size()) {
    cut = true;
    return r.rest();
  }
  const ByteView body = r.take(h.length - header_end, "body");
  if (!r.empty())
    add_diag(out.diags, diag::kHeaderTrailingBytes,
             fmt::format("{} octets after Length {}", r.remaining(), h.length));
  return body;
}

// Splits the body into AVPs (RFC 2661 §4.1). Stops at the first AVP that cannot be framed.
void decode_avps(ByteView body, bool cut, Decoded<Message>& out) {
  ByteReader r(body);
  while (!r.empty()) {
    const std::size_t left = r.remaining();
    const std::uint16_t bits = r.be16("avp.length");
    const std::uint16_t vendor = r.be16("avp.vendor_id");
    const std::uint16_t type = r.be16("avp.attribute_type");
    if (!r.ok()) {
      if (cut) return mark_truncated(out, r.truncation());
      return add_diag(out.diags, diag::kAvpLengthOverrun,
                      fmt::format("{} octets left at the end, less than an AVP header", left));
    }
    Avp a;
    a.mandatory = (bits & kBitM) != 0;
    a.hidden = (bits & kBitH) != 0;
    a.reserved = static_cast<std::uint8_t>((bits >> 10) & 0x0f);
    a.length = bits & kLengthMask;
    a.vendor_id = vendor;
    a.attribute_type = type;
    if (a.length < kAvpHeaderSize) {
      // RFC 2661 §4.1: the minimum Length of an AVP is 6.
      return add_diag(out.diags, diag::kAvpLengthShort,
                      fmt::format("{}: Length {}", avp_name(vendor, type), a.length));
    }
    const std::size_t value_len = a.length - kAvpHeaderSize;
    if (value_len > r.remaining()) {
      if (cut) return mark_truncated(out, "avp.value");
      // RFC 2661 §4.1: the value runs for Length - 6 octets, inside the message.
      return add_diag(out.diags, diag::kAvpLengthOverrun,
                      fmt::format("{}: Length {} but {} octets left", avp_name(vendor, type),
                                  a.length, r.remaining() + kAvpHeaderSize));
    }
    a.wire_value = r.take(value_len, "avp.value");
    out.value.avps.push_back(a);
  }
}

// RFC 2661 §4.3: unhide with the Random Vector AVP most closely preceding each hidden AVP.
void unhide_avps(Message& m, const DecodeOptions& opt, Diagnostics& diags) {
  std::optional<ByteView> rv;
  bool noted_no_secret = false;
  for (auto& a : m.avps) {
    if (a.is_ietf(to_u16(AvpType::random_vector)) && !a.hidden) {
      rv = a.wire_value;
      continue;
    }
    if (!a.hidden) continue;
    const std::string name = avp_name(a.vendor_id, a.attribute_type);
    // RFC 2661 §4.3: a Random Vector AVP MUST precede the first AVP with H set.
    if (!rv) {
      add_diag(diags, diag::kAvpHiddenWithoutRandomVector, name);
      continue;
    }
    if (!opt.has_secret) {
      if (!noted_no_secret) add_diag(diags, diag::kAvpHiddenNoSecret, name);
      noted_no_secret = true;
      continue;
    }
    auto clear = unhide_value(a.attribute_type, a.wire_value, opt.secret, *rv);
    if (!clear) {
      add_diag(diags, diag::kAvpHiddenBadLength,
               fmt::format("{}: {} hidden octets", name, a.wire_value.size()));
      continue;
    }
    a.unhidden = std::move(*clear);
    a.unhidden_ok = true;
  }
}

// RFC 2661 §4.4.1: the Message Type AVP MUST be the first AVP.
void resolve_message_type(Message& m, Diagnostics& diags) {
  const Avp* mt = nullptr;
  for (const auto& a : m.avps)
    if (a.is_ietf(to_u16(AvpType::message_type))) {
      mt = &a;
      break;
    }
  if (mt == nullptr) return add_diag(diags, diag::kMsgMessageTypeMissing);
  if (mt != &m.avps.front())
    add_diag(diags, diag::kMsgMessageTypeNotFirst,
             fmt::format("first AVP is {}", avp_name(m.avps.front().vendor_id, m.avps.front().attribute_type)));
  if (!mt->value_known()) return;
  m.message_type = parse_u16(mt->value());
  if (!m.message_type || find_code(message_type_names(), *m.message_type) != nullptr) return;
  // RFC 2661 §4.4.1: unknown type with M set -> the tunnel MUST be cleared; else may ignore.
  add_diag(diags, mt->mandatory ? diag::kMsgUnknownType : diag::kMsgUnknownTypeIgnorable,
           fmt::format("message type {}", *m.message_type));
}
// Header IDs fixed by the message type.
void check_header_ids(const Message& m, Diagnostics& diags) {
  const Header& h = m.header;
  // RFC 2661 §6.5: the Session ID in a HELLO message MUST be 0.
  if (m.message_type == to_u16(MessageType::hello) && h.session_id != 0)
    add_diag(diags, diag::kMsgHelloSessionNonzero, fmt::format("session={}", h.session_id));
  // RFC 2661 §4.4.3: until the peer's Assigned Tunnel ID is received, control messages MUST
  // carry Tunnel ID 0; an SCCRQ opens a tunnel, so none was received.
  if (m.message_type == to_u16(MessageType::sccrq) && h.tunnel_id != 0)
    add_diag(diags, diag::kMsgInitialIdNonzero, fmt::format("SCCRQ tunnel={}", h.tunnel_id));
  // RFC 2661 §4.4.4: likewise Session ID 0 before an Assigned Session ID; ICRQ/OCRQ open one.
  const bool opens_session =
      m.message_type == to_u16(MessageType::icrq) || m.message_type == to_u16(MessageType::ocrq);
  if (opens_session && h.session_id != 0)
    add_diag(diags, diag::kMsgInitialIdNonzero, fmt::format("session={}", h.session_id));
}
}  // namespace

const Avp* Message::find(std::uint16_t ietf_type) const {
  for (const auto& a : avps)
    if (a.is_ietf(ietf_type)) return &a;
  return nullptr;
}

bool decode_plain_data(ByteView p, Decoded<Message>& out) {
  // RFC 2661 §3.1: T clear, the reserved x bits clear, no Offset, Ver 2; L, S and P may be set.
  constexpr std::uint16_t kMustBeClear = 0x8000 | 0x34f0 | 0x0200;
  if (p.size() < 6) return false;
  const auto be16 = [&](std::size_t at) { return static_cast<std::uint16_t>(p[at] << 8 | p[at + 1]); };
  const std::uint16_t first = be16(0);
  if ((first & (kMustBeClear | 0x000f)) != kVersionL2tpV2) return false;
  Header& h = out.value.header;
  h.length_present = (first & 0x4000) != 0;
  h.sequence_present = (first & 0x0800) != 0;
  h.priority = (first & 0x0100) != 0;
  const std::size_t header = 6 + (h.length_present ? 2 : 0) + (h.sequence_present ? 4 : 0);
  if (p.size() < header) return false;
  std::size_t at = 2;
  if (h.length_present) {
    h.length = be16(at);
    if (h.length != p.size()) return false;  // short, cut or trailing octets: diagnosed below
    at += 2;
  }
  h.tunnel_id = be16(at);
  h.session_id = be16(at + 2);
  at += 4;
  if (h.sequence_present) {
    h.ns = be16(at);
    h.nr = be16(at + 2);
    at += 4;
  }
  out.value.payload = p.subspan(at);
  return true;
}

Decoded<Message> decode(ByteView udp_payload, const DecodeOptions& options) {
  Decoded<Message> out;
  if (!decode_plain_data(udp_payload, out)) out = decode_general(udp_payload, options);
  return out;
}

Decoded<Message> decode_general(ByteView udp_payload, const DecodeOptions& options) {
  Decoded<Message> out;
  Message& m = out.value;
  ByteReader r(udp_payload);
  m.header = decode_header(r, out.diags);
  if (!r.ok()) {
    mark_truncated(out, r.truncation());
    return out;
  }
  if (m.header.version != kVersionL2tpV2) return out;
  bool cut = false;
  const ByteView body = bound_body(m.header, r, out, cut);
  if (!m.header.type_control) {
    m.payload = body;
    if (cut) mark_truncated(out, "payload");
    return out;
  }
  decode_avps(body, cut, out);
  if (cut) mark_truncated(out, "avps");
  if (m.avps.empty()) {
    // RFC 2661 §5.8: a ZLB is a control message with no body at all; a body whose first
    // AVP is malformed is not one (decode_avps has reported it).
    m.zlb = out.complete && body.empty();
    return out;
  }
  unhide_avps(m, options, out.diags);
  resolve_message_type(m, out.diags);
  check_header_ids(m, out.diags);
  for (const auto& a : m.avps) check_avp(a, out.diags);
  return out;
}

}  // namespace ts::l2tp
