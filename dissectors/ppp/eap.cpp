#include "dissectors/ppp/eap.h"

#include <algorithm>

#include <fmt/format.h>

#include "dissectors/ppp/packet_header.h"
#include "dissectors/ppp/ppp_diagnostics.h"
#include "src/core/byte_writer.h"

namespace ts::ppp {
namespace {

constexpr CodeName kEapCodes[] = {
    {eap_code::kRequest, "Request", "Request"},
    {eap_code::kResponse, "Response", "Response"},
    {eap_code::kSuccess, "Success", "Success"},
    {eap_code::kFailure, "Failure", "Failure"},
};

constexpr CodeName kEapTypes[] = {
    {eap_type::kIdentity, "Identity", "Identity"},
    {eap_type::kNotification, "Notification", "Notification"},
    {eap_type::kNak, "Nak", "Legacy Nak"},
    {eap_type::kMd5Challenge, "MD5-Challenge", "MD5-Challenge"},
    {eap_type::kOtp, "OTP", "One-Time Password"},
    {eap_type::kGtc, "GTC", "Generic Token Card"},
    {eap_type::kTls, "TLS", "EAP-TLS"},
    {eap_type::kLeap, "LEAP", "Cisco LEAP"},
    {eap_type::kSim, "SIM", "EAP-SIM"},
    {eap_type::kTtls, "TTLS", "EAP-TTLS"},
    {eap_type::kAka, "AKA", "EAP-AKA"},
    {eap_type::kPeap, "PEAP", "PEAP"},
    {eap_type::kMsChapV2, "MSCHAPv2", "EAP-MSCHAP-V2"},
    {eap_type::kTlv, "TLV", "EAP-TLV (Extensions)"},
    {eap_type::kFast, "FAST", "EAP-FAST"},
    {eap_type::kIkev2, "IKEv2", "EAP-IKEv2"},
    {eap_type::kAkaPrime, "AKA'", "EAP-AKA'"},
    {eap_type::kPwd, "pwd", "EAP-pwd"},
    {eap_type::kExpanded, "Expanded", "Expanded Type"},
    {eap_type::kExperimental, "Experimental", "Experimental"},
};

bool is_tls_style(std::uint8_t t) {
  return t == eap_type::kTls || t == eap_type::kTtls || t == eap_type::kPeap || t == eap_type::kFast;
}

void decode_tls(ByteReader& r, EapPacket& p, Diagnostics& diags) {
  EapTls t;
  t.flags = r.u8("tls.flags");
  t.version = t.flags & 0x07;
  if (t.length_included()) t.message_length = r.be32("tls.message_length");
  t.data = r.rest();
  // RFC 5216 §3.1: an unfragmented message with L set carries its whole length.
  if (r.ok() && t.message_length && !t.more_fragments() && *t.message_length < t.data.size())
    add_diag(diags, diag::kEapTlsLengthMismatch,
             fmt::format("message_length={} data={}", *t.message_length, t.data.size()));
  p.tls = t;
}

void decode_mschapv2(ByteReader& r, EapPacket& p) {
  EapMsChapV2 m;
  m.opcode = r.u8("mschapv2.opcode");
  // A peer acknowledges Success/Failure with the OpCode alone.
  if ((m.opcode == 3 || m.opcode == 4) && r.empty() && r.ok() && p.code == eap_code::kResponse) {
    m.header_only = true;
    p.mschapv2 = m;
    return;
  }
  m.ms_chap_id = r.u8("mschapv2.id");
  m.ms_length = r.be16("mschapv2.ms_length");
  if (m.opcode == 1 || m.opcode == 2) {
    const auto size = r.u8("mschapv2.value_size");
    m.value = r.take(size, "mschapv2.value");
    m.name = r.rest();
    // The Response value has the MS-CHAPv2 layout (RFC 2759 §4) when it has its size.
    if (m.opcode == 2 && m.value.size() == kMsChapResponseSize) m.response = decode_mschap_v2_response(m.value).value;
  } else {
    m.message = r.rest();
  }
  p.mschapv2 = m;
}

void decode_type_data(EapPacket& p, bool whole, Decoded<EapPacket>& out) {
  ByteReader r(p.type_data);
  switch (p.type) {
    case eap_type::kNak:
      for (auto b : p.type_data) {
        p.nak_types.push_back(b);
        // RFC 3748 §5.3.1: a Nak proposes authentication Types (>= 4) or 0 for none.
        if (b >= 1 && b <= 3) add_diag(out.diags, diag::kEapBadNakType, fmt::format("type {}", b));
      }
      return;
    case eap_type::kMd5Challenge: {
      EapMd5 m;
      const auto size = r.u8("md5.value_size");
      m.value = r.take(size, "md5.value");
      m.name = r.rest();
      p.md5 = m;
      break;
    }
    case eap_type::kExpanded:
      p.vendor_id = r.be24("vendor_id");
      p.vendor_type = r.be32("vendor_type");
      break;
    case eap_type::kMsChapV2:
      decode_mschapv2(r, p);
      break;
    default:
      if (is_tls_style(p.type)) decode_tls(r, p, out.diags);
      return;
  }
  if (r.ok()) return;
  if (whole) {
    // RFC 3748 §5: each method's Type-Data has its own fixed layout.
    add_diag(out.diags, diag::kEapBadTypeData, fmt::format("{} runs out at {}", code_abbrev(kEapTypes, p.type), r.truncation()));
  } else {
    out.complete = false;
    out.truncated_field = r.truncation();
  }
}

std::string tls_flags_text(const EapTls& t) {
  std::string f;
  if (t.length_included()) f += 'L';
  if (t.more_fragments()) f += 'M';
  if (t.start()) f += 'S';
  return f.empty() ? "-" : f;
}

}  // namespace

std::span<const CodeName> eap_code_names() { return kEapCodes; }
std::span<const CodeName> eap_type_names() { return kEapTypes; }

Decoded<EapPacket> decode_eap(ByteView info) {
  Decoded<EapPacket> out;
  const auto hb = detail::read_header(info, out, 4, diag::kEapLengthTooShort, diag::kEapPadding);
  if (!hb.ok) return out;
  EapPacket& p = out.value;
  ByteReader br(hb.body);
  switch (p.code) {
    case eap_code::kRequest:
    case eap_code::kResponse:
      // RFC 3748 §4.1: Request and Response carry a Type octet, so Length is at least 5.
      if (p.length < 5) {
        add_diag(out.diags, diag::kEapLengthTooShort, fmt::format("{} with length={}", code_abbrev(kEapCodes, p.code), p.length));
        return out;
      }
      p.type = br.u8("type");
      p.type_data = br.rest();
      if (br.ok()) decode_type_data(p, hb.whole, out);
      break;
    case eap_code::kSuccess:
    case eap_code::kFailure:
      // RFC 3748 §4.2: Success and Failure have Length 4 and no data.
      if (p.length != 4) add_diag(out.diags, diag::kEapLengthMismatch, fmt::format("length={}", p.length));
      p.type_data = br.rest();
      break;
    default:
      // RFC 3748 §4: packets with an unknown Code are silently discarded.
      add_diag(out.diags, diag::kEapUnknownCode, fmt::format("code={}", p.code));
      p.type_data = br.rest();
      break;
  }
  detail::finish_body(br, hb, out, diag::kEapBadTypeData);
  return out;
}

Bytes encode_eap(const EapPacket& p) {
  ByteWriter w;
  w.u8(p.code).u8(p.identifier).be16(0);
  if (p.code == eap_code::kRequest || p.code == eap_code::kResponse) w.u8(p.type);
  w.bytes(p.type_data);
  w.patch_be16(2, static_cast<std::uint16_t>(w.size()));
  return w.take();
}

Bytes encode_eap_tls_data(const EapTls& t) {
  ByteWriter w;
  const std::uint8_t flags = static_cast<std::uint8_t>((t.flags & ~kEapTlsFlagL) | (t.message_length ? kEapTlsFlagL : 0));
  w.u8(flags);
  if (t.message_length) w.be32(*t.message_length);
  w.bytes(t.data);
  return w.take();
}

Bytes encode_eap_mschapv2_data(const EapMsChapV2& m) {
  ByteWriter w;
  w.u8(m.opcode);
  if (m.header_only) return w.take();
  w.u8(m.ms_chap_id).be16(0);
  if (m.opcode == 1 || m.opcode == 2) {
    const std::size_t n = std::min<std::size_t>(m.value.size(), 255);
    w.u8(static_cast<std::uint8_t>(n)).bytes(m.value.first(n)).bytes(m.name);
  } else {
    w.bytes(m.message);
  }
  // MS-Length is the EAP Length minus 5: it counts from the OpCode to the end.
  w.patch_be16(2, static_cast<std::uint16_t>(w.size()));
  return w.take();
}

std::string summarize(const EapPacket& p) {
  std::string s = fmt::format("EAP {} id={}", code_abbrev(kEapCodes, p.code), p.identifier);
  if (p.code != eap_code::kRequest && p.code != eap_code::kResponse) return s;
  s += " " + code_abbrev(kEapTypes, p.type);
  if (p.type == eap_type::kIdentity || p.type == eap_type::kNotification) {
    if (!p.type_data.empty()) s += fmt::format(" \"{}\"", printable(p.type_data, 64));
  } else if (p.type == eap_type::kNak) {
    s += " desired=";
    for (std::size_t i = 0; i < p.nak_types.size(); ++i) s += (i ? "," : "") + code_abbrev(kEapTypes, p.nak_types[i]);
  } else if (p.tls) {
    s += fmt::format(" flags={} ver={}", tls_flags_text(*p.tls), p.tls->version);
    if (p.tls->message_length) s += fmt::format(" tls-length={}", *p.tls->message_length);
    s += fmt::format(" data={}B", p.tls->data.size());
  } else if (p.mschapv2) {
    static constexpr const char* kOps[] = {"?", "Challenge", "Response", "Success", "Failure", "?", "?", "Change-Password"};
    s += fmt::format(" {}", p.mschapv2->opcode < 8 ? kOps[p.mschapv2->opcode] : "?");
    if (!p.mschapv2->name.empty()) s += fmt::format(" name=\"{}\"", printable(p.mschapv2->name, 64));
    if (!p.mschapv2->message.empty()) s += fmt::format(" \"{}\"", printable(p.mschapv2->message, 64));
  } else if (p.md5) {
    s += fmt::format(" value={} name=\"{}\"", to_hex(p.md5->value, 8), printable(p.md5->name, 64));
  } else if (p.type == eap_type::kExpanded) {
    s += fmt::format(" vendor={} type={}", p.vendor_id, p.vendor_type);
  }
  return s;
}

void describe(const EapPacket& p, Field& layer) {
  layer.add_text("protocol", "EAP");
  layer.add_num("code", p.code);
  layer.add_text("code_name", code_name(kEapCodes, p.code));
  layer.add_num("identifier", p.identifier);
  layer.add_num("length", p.length);
  if (p.code != eap_code::kRequest && p.code != eap_code::kResponse) return;
  layer.add_num("type", p.type);
  layer.add_text("type_name", code_name(kEapTypes, p.type));
  if (p.type == eap_type::kIdentity || p.type == eap_type::kNotification) {
    layer.add_text("text", printable(p.type_data));
  } else if (p.type == eap_type::kNak) {
    Field& arr = layer.add_array("desired_types");
    for (auto t : p.nak_types) arr.add_num({}, t);
  } else if (p.tls) {
    layer.add_num("flags", p.tls->flags);
    layer.add_num("version", p.tls->version);
    if (p.tls->message_length) layer.add_num("tls_message_length", *p.tls->message_length);
    layer.add_num("tls_data_length", p.tls->data.size());
  } else if (p.mschapv2) {
    Field& m = layer.add_object("mschapv2");
    m.add_num("opcode", p.mschapv2->opcode);
    if (!p.mschapv2->header_only) {
      m.add_num("ms_chap_id", p.mschapv2->ms_chap_id);
      m.add_num("ms_length", p.mschapv2->ms_length);
    }
    if (!p.mschapv2->value.empty()) m.add_hex("value", p.mschapv2->value);
    if (!p.mschapv2->name.empty()) m.add_text("name", printable(p.mschapv2->name));
    if (p.mschapv2->response) {
      m.add_hex("peer_challenge", p.mschapv2->response->peer_challenge);
      m.add_hex("nt_response", p.mschapv2->response->nt_response);
      m.add_num("flags", p.mschapv2->response->flags);
    }
    if (!p.mschapv2->message.empty()) m.add_text("message", printable(p.mschapv2->message));
  } else if (p.md5) {
    layer.add_hex("value", p.md5->value);
    layer.add_text("name", printable(p.md5->name));
  } else if (p.type == eap_type::kExpanded) {
    layer.add_num("vendor_id", p.vendor_id);
    layer.add_num("vendor_type", p.vendor_type);
  } else {
    layer.add_hex("type_data", p.type_data);
  }
}

}  // namespace ts::ppp
