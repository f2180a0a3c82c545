#include "dissectors/net/pppoe.h"

#include <fmt/format.h>

#include "dissectors/net/net_diagnostics.h"
#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"

namespace ts::net {

namespace {

constexpr CodeName kCodes[] = {
    {pppoe_code::kSession, "session", "Session data"},
    {pppoe_code::kPado, "PADO", "PPPoE Active Discovery Offer"},
    {pppoe_code::kPadi, "PADI", "PPPoE Active Discovery Initiation"},
    {pppoe_code::kPadr, "PADR", "PPPoE Active Discovery Request"},
    {pppoe_code::kPads, "PADS", "PPPoE Active Discovery Session-confirmation"},
    {pppoe_code::kPadt, "PADT", "PPPoE Active Discovery Terminate"},
};

constexpr CodeName kTags[] = {
    {pppoe_tag::kEndOfList, "End-Of-List", "End-Of-List"},
    {pppoe_tag::kServiceName, "Service-Name", "Service-Name"},
    {pppoe_tag::kAcName, "AC-Name", "AC-Name"},
    {pppoe_tag::kHostUniq, "Host-Uniq", "Host-Uniq"},
    {pppoe_tag::kAcCookie, "AC-Cookie", "AC-Cookie"},
    {pppoe_tag::kVendorSpecific, "Vendor-Specific", "Vendor-Specific"},
    {pppoe_tag::kRelaySessionId, "Relay-Session-Id", "Relay-Session-Id"},
    {pppoe_tag::kServiceNameError, "Service-Name-Error", "Service-Name-Error"},
    {pppoe_tag::kAcSystemError, "AC-System-Error", "AC-System-Error"},
    {pppoe_tag::kGenericError, "Generic-Error", "Generic-Error"},
};

bool has_error_tag(const PppoeHeader& h) {
  for (const auto& t : h.tags)
    if (t.type >= pppoe_tag::kServiceNameError && t.type <= pppoe_tag::kGenericError) return true;
  return false;
}

void check_session_id(Decoded<PppoeHeader>& d) {
  const auto& h = d.value;
  bool ok = true;
  switch (h.code) {
    // RFC 2516 §5.1-5.3: SESSION_ID MUST be set to 0x0000 in PADI, PADO, PADR.
    case pppoe_code::kPadi:
    case pppoe_code::kPado:
    case pppoe_code::kPadr: ok = h.session_id == 0; break;
    // RFC 2516 §5.4: a PADS carries the unique SESSION_ID (0 only with an error TAG).
    case pppoe_code::kPads: ok = h.session_id != 0 || has_error_tag(h); break;
    // RFC 2516 §5.5 / §6: PADT and session packets carry the established SESSION_ID.
    case pppoe_code::kPadt:
    case pppoe_code::kSession: ok = h.session_id != 0; break;
    default: break;
  }
  if (!ok)
    add_diag(d.diags, diag::kPppoeBadSessionId,
             fmt::format("{} with session id 0x{:04x}", code_abbrev(kCodes, h.code), h.session_id));
}

void walk_tags(Decoded<PppoeHeader>& d) {
  ByteReader r(d.value.payload);
  while (!r.empty()) {
    PppoeTag t;
    t.type = r.be16("pppoe.tag.type");
    const std::uint16_t len = r.be16("pppoe.tag.length");
    if (!r.ok()) {
      add_diag(d.diags, diag::kPppoeTagOverrun, "TAG header cut by LENGTH");
      return;
    }
    if (len > r.remaining()) {
      add_diag(d.diags, diag::kPppoeTagOverrun,
               fmt::format("TAG 0x{:04x} length {} > {} bytes left", t.type, len, r.remaining()));
      return;
    }
    t.value = r.take(len, "pppoe.tag.value");
    d.value.tags.push_back(t);
    // RFC 2516 Appendix A: End-Of-List ends the list; it is optional.
    if (t.type == pppoe_tag::kEndOfList) return;
  }
}

}  // namespace

std::span<const CodeName> pppoe_code_names() { return kCodes; }
std::span<const CodeName> pppoe_tag_names() { return kTags; }

const PppoeTag* PppoeHeader::find_tag(std::uint16_t t) const {
  for (const auto& tag : tags)
    if (tag.type == t) return &tag;
  return nullptr;
}

Decoded<PppoeHeader> decode_pppoe(ByteView packet) {
  Decoded<PppoeHeader> d;
  auto& h = d.value;
  ByteReader r(packet);
  const std::uint8_t vt = r.u8("pppoe.ver_type");
  h.version = vt >> 4;
  h.type = vt & 0x0f;
  h.code = r.u8("pppoe.code");
  h.session_id = r.be16("pppoe.session_id");
  h.length = r.be16("pppoe.length");
  if (!r.ok()) {
    d.complete = false;
    d.truncated_field = r.truncation();
    return d;
  }
  // RFC 2516 §4: "The VER field is four bits and MUST be set to 0x1".
  if (h.version != 1) add_diag(d.diags, diag::kPppoeBadVersion, fmt::format("version {}", h.version));
  // RFC 2516 §4: "The TYPE field is four bits and MUST be set to 0x1".
  if (h.type != 1) add_diag(d.diags, diag::kPppoeBadType, fmt::format("type {}", h.type));
  if (!find_code(kCodes, h.code)) add_diag(d.diags, diag::kPppoeUnknownCode, fmt::format("code 0x{:02x}", h.code));
  h.payload = r.take_up_to(h.length);
  if (h.payload.size() < h.length) {
    d.complete = false;
    d.truncated_field = "pppoe.payload";
  }
  if (!h.is_session()) walk_tags(d);
  check_session_id(d);
  return d;
}

Bytes encode_pppoe(const PppoeHeader& h, ByteView payload) {
  ByteWriter w(6 + payload.size());
  w.u8(static_cast<std::uint8_t>((h.version & 0x0f) << 4 | (h.type & 0x0f))).u8(h.code).be16(h.session_id).be16(0);
  if (!payload.empty() || h.is_session()) {
    w.bytes(payload);
  } else {
    for (const auto& t : h.tags) w.be16(t.type).be16(static_cast<std::uint16_t>(t.value.size())).bytes(t.value);
  }
  w.patch_be16(4, static_cast<std::uint16_t>(w.size() - 6));
  return w.take();
}

void describe(const PppoeHeader& h, Field& layer) {
  if (layer.name.empty()) layer.name = "pppoe";
  layer.add_num("version", h.version);
  layer.add_num("type", h.type);
  layer.add_num("code", h.code);
  layer.add_text("code_name", code_abbrev(kCodes, h.code));
  layer.add_num("session_id", h.session_id);
  layer.add_num("length", h.length);
  if (h.is_session()) return;
  auto& arr = layer.add_array("tags");
  for (const auto& t : h.tags) {
    auto& o = arr.add_object();
    o.add_num("type", t.type);
    o.add_text("name", code_abbrev(kTags, t.type));
    // Names and error texts are UTF-8 strings (Appendix A); the rest is binary.
    const bool text = t.type == pppoe_tag::kServiceName || t.type == pppoe_tag::kAcName ||
                      (t.type >= pppoe_tag::kServiceNameError && t.type <= pppoe_tag::kGenericError);
    if (text) o.add_text("value", printable(t.value));
    else o.add_hex("value", t.value);
  }
}

std::string summarize(const PppoeHeader& h) {
  return fmt::format("PPPoE {} session 0x{:04x} len {}", code_abbrev(kCodes, h.code), h.session_id, h.length);
}

}  // namespace ts::net
