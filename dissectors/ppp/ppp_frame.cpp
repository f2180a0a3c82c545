#include "dissectors/ppp/ppp_frame.h"

#include <fmt/format.h>

#include "dissectors/ppp/ppp_diagnostics.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"

namespace ts::ppp {

Decoded<PppFrame> decode_ppp_frame(ByteView frame) {
  Decoded<PppFrame> out;
  ByteReader r(frame);
  // RFC 1662 §3.2: a frame starting with 0xFF carries Address/Control; no Protocol value
  // can start with 0xFF because its first octet would need LSB 0 (RFC 1661 §2).
  if (!frame.empty() && frame[0] == 0xFF) {
    r.u8("address");
    const std::uint8_t control = r.u8("control");
    out.value.address_control_present = true;
    // RFC 1662 §3.1: the Control field is the single octet 0x03 (UI frame).
    if (r.ok() && control != 0x03)
      add_diag(out.diags, diag::kFrameBadControlField, fmt::format("control=0x{:02x}", control));
  }
  const std::uint8_t first = r.u8("protocol");
  if ((first & 1) != 0) {
    // RFC 1661 §6.5: an odd first octet is a compressed (1-octet) Protocol field.
    out.value.protocol_compressed = true;
    out.value.protocol = first;
  } else {
    const std::uint8_t second = r.u8("protocol");
    out.value.protocol = static_cast<std::uint16_t>(first << 8 | second);
    // RFC 1661 §2: the least significant octet's LSB must be 1.
    if (r.ok() && (second & 1) == 0)
      add_diag(out.diags, diag::kFrameBadProtocolField, fmt::format("protocol=0x{:04x}", out.value.protocol));
  }
  if (!r.ok()) {
    out.complete = false;
    out.truncated_field = r.truncation();
    return out;
  }
  if (out.value.protocol == kLcp) {
    // RFC 1661 §6.6: LCP packets MUST be sent with Address and Control fields.
    if (!out.value.address_control_present) add_diag(out.diags, diag::kFrameLcpWithoutAddressControl);
  }
  out.value.info = r.rest();
  return out;
}

Bytes encode_ppp_frame(std::uint16_t protocol, ByteView info, bool address_control, bool compress_protocol) {
  ByteWriter w(info.size() + 4);
  if (address_control) w.u8(0xFF).u8(0x03);
  // RFC 1661 §6.5: only values whose high octet is zero may be sent in one octet.
  if (compress_protocol && protocol <= 0x00FF && (protocol & 1) != 0)
    w.u8(static_cast<std::uint8_t>(protocol));
  else
    w.be16(protocol);
  w.bytes(info);
  return w.take();
}

}  // namespace ts::ppp
