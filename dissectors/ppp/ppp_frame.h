#pragma once
// PPP encapsulation (RFC 1661 §2) with the optional HDLC-like Address/Control fields
// (RFC 1662 §3.1) and their compressions (RFC 1661 §6.5 PFC, §6.6 ACFC).
//
// Input to decode_ppp_frame() is one PPP frame without HDLC flags, escapes or FCS, as
// carried by PPTP's enhanced GRE or L2TP data messages. `info` views the caller's buffer.
// Truncation: an empty or 1-octet-cut Protocol field gives complete=false ("protocol").
#include <cstdint>

#include "src/core/bytes.h"
#include "src/core/decoded.h"

namespace ts::ppp {

struct PppFrame {
  bool address_control_present = false;  // FF 03 present (not ACFC-compressed)
  bool protocol_compressed = false;      // 1-octet Protocol field (PFC)
  std::uint16_t protocol = 0;
  ByteView info;  // Information (+ padding): views the decoded buffer
};

Decoded<PppFrame> decode_ppp_frame(ByteView frame);

// Canonical frame: FF 03 when address_control, 1-octet Protocol when compress_protocol and
// the value allows it (protocol <= 0x00FF), then info.
Bytes encode_ppp_frame(std::uint16_t protocol, ByteView info, bool address_control = true,
                       bool compress_protocol = false);

}  // namespace ts::ppp
