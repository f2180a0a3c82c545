#include "dissectors/ppp/control_packet.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include "dissectors/ppp/options.h"
#include "dissectors/ppp/ppp_diagnostics.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"

namespace ts::ppp {
namespace {

constexpr CodeName kCodes[] = {
    {code::kConfigureRequest, "Configure-Request", "Configure-Request"},
    {code::kConfigureAck, "Configure-Ack", "Configure-Ack"},
    {code::kConfigureNak, "Configure-Nak", "Configure-Nak"},
    {code::kConfigureReject, "Configure-Reject", "Configure-Reject"},
    {code::kTerminateRequest, "Terminate-Request", "Terminate-Request"},
    {code::kTerminateAck, "Terminate-Ack", "Terminate-Ack"},
    {code::kCodeReject, "Code-Reject", "Code-Reject"},
    {code::kProtocolReject, "Protocol-Reject", "Protocol-Reject"},
    {code::kEchoRequest, "Echo-Request", "Echo-Request"},
    {code::kEchoReply, "Echo-Reply", "Echo-Reply"},
    {code::kDiscardRequest, "Discard-Request", "Discard-Request"},
    {code::kIdentification, "Identification", "Identification"},
    {code::kTimeRemaining, "Time-Remaining", "Time-Remaining"},
    {code::kResetRequest, "Reset-Request", "Reset-Request"},
    {code::kResetAck, "Reset-Ack", "Reset-Ack"},
};

bool has_magic(std::uint8_t c) {
  return c == code::kEchoRequest || c == code::kEchoReply || c == code::kDiscardRequest ||
         c == code::kIdentification || c == code::kTimeRemaining;
}

// Options region: each option is Type(1) Length(1) Data(Length-2) (RFC 1661 §6).
// `whole` is false when the capture cut the packet short of its Length field: then
// running out is truncation, not a malformed option.
void decode_options(std::uint16_t proto, ByteView region, bool whole, Decoded<ControlPacket>& out) {
  ByteReader r(region);
  while (!r.empty()) {
    ConfigOption opt;
    opt.type = r.u8("option.type");
    opt.length = r.u8("option.length");
    if (!r.ok()) {
      if (whole) {
        // RFC 1661 §6: every option has at least Type and Length.
        add_diag(out.diags, diag::kOptionTruncated, fmt::format("type={} has no Length octet", opt.type));
      } else {
        out.complete = false;
        out.truncated_field = "option.length";
      }
      return;
    }
    // RFC 1661 §6: Length includes Type and Length, so it is at least 2.
    if (opt.length < 2) {
      add_diag(out.diags, diag::kOptionLengthTooShort, fmt::format("type={} length={}", opt.type, opt.length));
      return;
    }
    opt.data = r.take(opt.length - 2u, "option.data");
    if (!r.ok()) {
      if (whole) {
        // RFC 1661 §6: an option must fit in the packet.
        add_diag(out.diags, diag::kOptionTruncated,
                 fmt::format("type={} length={} but {} octets remain", opt.type, opt.length,
                             region.size() - (r.offset() - 2)));
      } else {
        out.complete = false;
        out.truncated_field = "option.data";
      }
      return;
    }
    check_option(proto, opt, out.diags);
    out.value.options.push_back(opt);
  }
}

// Body after the header: options (codes 1-4) or the code's fixed fields followed by data.
void decode_body(std::uint16_t proto, ByteView body, bool whole, Decoded<ControlPacket>& out) {
  ControlPacket& p = out.value;
  if (code_has_options(p.code) && is_known_code(proto, p.code)) {
    decode_options(proto, body, whole, out);
    return;
  }
  ByteReader r(body);
  std::size_t fixed = 0;
  if (p.code == code::kProtocolReject && proto == kLcp) {
    p.rejected_protocol = r.be16("rejected_protocol");
    fixed = 2;
  } else if (has_magic(p.code) && proto == kLcp) {
    p.magic_number = r.be32("magic_number");
    fixed = 4;
    if (p.code == code::kTimeRemaining) {
      p.seconds_remaining = r.be32("seconds_remaining");
      fixed = 8;
    }
  }
  if (!r.ok()) {
    if (whole) {
      // RFC 1661 §5.7 (Protocol-Reject), §5.8-§5.9 (Echo/Discard), RFC 1570 §1.1-§1.2.
      add_diag(out.diags, diag::kControlBodyTooShort,
               fmt::format("code={} needs {} octets after the header, Length leaves {}", p.code, fixed, body.size()));
    } else {
      out.complete = false;
      out.truncated_field = r.truncation();
    }
    return;
  }
  p.data = r.rest();
}

}  // namespace

std::span<const CodeName> control_code_names() { return kCodes; }

bool code_has_options(std::uint8_t c) { return c >= code::kConfigureRequest && c <= code::kConfigureReject; }

bool is_known_code(std::uint16_t proto, std::uint8_t c) {
  if (c >= 1 && c <= 7) return true;
  if (proto == kLcp) return c <= code::kTimeRemaining;
  const bool reset = proto == kCcp || proto == kEcp || proto == kIndividualLinkCcp || proto == kIndividualLinkEcp;
  return reset && (c == code::kResetRequest || c == code::kResetAck);
}

Decoded<ControlPacket> decode_control(std::uint16_t proto, ByteView info) {
  Decoded<ControlPacket> out;
  ControlPacket& p = out.value;
  ByteReader r(info);
  p.code = r.u8("code");
  p.identifier = r.u8("identifier");
  p.length = r.be16("length");
  if (!r.ok()) {
    out.complete = false;
    out.truncated_field = r.truncation();
    return out;
  }
  // RFC 1661 §5: Length counts Code, Identifier, Length and Data, so it is at least 4.
  if (p.length < 4) {
    add_diag(out.diags, diag::kControlLengthTooShort, fmt::format("length={}", p.length));
    return out;
  }
  // RFC 1661 §5.6: an unknown Code is answered with Code-Reject.
  if (!is_known_code(proto, p.code))
    add_diag(out.diags, diag::kControlUnknownCode, fmt::format("{} code={}", protocol_abbrev(proto), p.code));
  const std::size_t body_len = p.length - 4u;
  const bool whole = r.remaining() >= body_len;
  const ByteView body = r.take_up_to(body_len);
  // RFC 1661 §5: octets outside the range of the Length field are treated as padding.
  if (!r.empty()) add_diag(out.diags, diag::kControlPadding, fmt::format("{} octets", r.remaining()));
  decode_body(proto, body, whole, out);
  if (!whole && out.complete) {
    out.complete = false;
    out.truncated_field = code_has_options(p.code) ? "options" : "data";
  }
  return out;
}

Bytes encode_control(std::uint16_t proto, const ControlPacket& p) {
  ByteWriter w;
  w.u8(p.code).u8(p.identifier).be16(0);
  if (code_has_options(p.code) && is_known_code(proto, p.code)) {
    for (const auto& o : p.options) w.u8(o.type).u8(static_cast<std::uint8_t>(o.data.size() + 2)).bytes(o.data);
  } else {
    if (p.code == code::kProtocolReject && proto == kLcp) w.be16(p.rejected_protocol);
    if (has_magic(p.code) && proto == kLcp) {
      w.be32(p.magic_number);
      if (p.code == code::kTimeRemaining) w.be32(p.seconds_remaining);
    }
    w.bytes(p.data);
  }
  w.patch_be16(2, static_cast<std::uint16_t>(w.size()));
  return w.take();
}

const ConfigOption* find_option(const ControlPacket& p, std::uint8_t type) {
  for (const auto& o : p.options)
    if (o.type == type) return &o;
  return nullptr;
}

std::string summarize(std::uint16_t proto, const ControlPacket& p) {
  // Compiled formats and appends: one summary per control packet in the timeline (LCP echoes
  // are most of them), so the format strings are not parsed at run time.
  std::string s;
  auto out = std::back_inserter(s);
  fmt::format_to(out, FMT_COMPILE("{} {} id={}"), protocol_abbrev(proto), code_abbrev(kCodes, p.code), p.identifier);
  if (code_has_options(p.code)) {
    for (const auto& o : p.options) {
      s += ' ';
      s += summarize_option(proto, o);
    }
    return s;
  }
  if (proto == kLcp && p.code == code::kProtocolReject)
    s += fmt::format(" rejected={} (0x{:04x})", protocol_abbrev(p.rejected_protocol), p.rejected_protocol);
  if (proto == kLcp && has_magic(p.code)) fmt::format_to(out, FMT_COMPILE(" Magic=0x{:08x}"), p.magic_number);
  if (proto == kLcp && p.code == code::kTimeRemaining) s += fmt::format(" remaining={}s", p.seconds_remaining);
  if (p.code == code::kCodeReject && p.data.size() >= 1)
    s += fmt::format(" rejected-code={}", p.data[0]);
  const bool text = p.code == code::kTerminateRequest || p.code == code::kTerminateAck ||
                    (proto == kLcp && (p.code == code::kIdentification || p.code == code::kTimeRemaining));
  if (text && !p.data.empty()) s += fmt::format(" \"{}\"", printable(p.data, 64));
  else if (!p.data.empty()) fmt::format_to(out, FMT_COMPILE(" data={}B"), p.data.size());
  return s;
}

void describe(std::uint16_t proto, const ControlPacket& p, Field& layer) {
  layer.add_text("protocol", protocol_abbrev(proto));
  layer.add_num("code", p.code);
  layer.add_text("code_name", code_name(kCodes, p.code));
  layer.add_num("identifier", p.identifier);
  layer.add_num("length", p.length);
  if (code_has_options(p.code)) {
    Field& arr = layer.add_array("options");
    for (const auto& o : p.options) describe_option(proto, o, arr);
    return;
  }
  if (proto == kLcp && p.code == code::kProtocolReject) {
    layer.add_num("rejected_protocol", p.rejected_protocol);
    layer.add_text("rejected_protocol_name", protocol_abbrev(p.rejected_protocol));
  }
  if (proto == kLcp && has_magic(p.code)) layer.add_num("magic_number", p.magic_number);
  if (proto == kLcp && p.code == code::kTimeRemaining) layer.add_num("seconds_remaining", p.seconds_remaining);
  const bool text = proto == kLcp && (p.code == code::kIdentification || p.code == code::kTimeRemaining);
  if (text) layer.add_text("message", printable(p.data));
  else layer.add_hex("data", p.data);
}

}  // namespace ts::ppp
