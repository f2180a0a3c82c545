#pragma once
// PPTP messages as WireMessages (wire_message.h), for the matcher and the PPTP script peer.
//
// pptp_wire_message(): one control message as cut from the TCP stream (RFC 2637 §1.4).
//   name:   the Control Message Type abbreviation of dissectors/pptp/names.cpp (SCCRQ,
//           SCCRP, StopCCRQ, StopCCRP, ECHORQ, ECHORP, OCRQ, OCRP, ICRQ, ICRP, ICCN, CCRQ,
//           CDN, WEN, SLI), TYPE<n> for an unknown type.
//   fields: the codec's describe() fields in wire order: the header (length,
//           pptp_message_type, magic_cookie, control_message_type, control_message_name,
//           reserved0), then the body under the RFC's field names in snake_case
//           (protocol_version, framing_capabilities, identifier, call_id, peer_call_id,
//           result_code, error_code ...) with decimal numbers and text as text; result,
//           error, framing and bearer also come as their names ("OK", "async,sync").
//   nullopt when the bytes are not one complete PPTP control message.
// gre_wire_message(): one enhanced GRE packet (RFC 2637 §4.1), name GRE, fields call_id,
//   payload_length, seq (only when S is set), ack (only when A is set), payload (hex),
//   protocol_type (decimal; 34827 = 0x880B) and reserved_bits: the bits of the first two
//   octets RFC 2637 §4.1 sets to zero (C 0x8000, R 0x4000, s 0x0800, Recur 0x0700, Flags
//   0x0078) as they stand there, 0 on a correct packet.
//   nullopt when the packet is not complete GRE version 1.
// kClosedMessage: the pseudo message a PPTP script peer records when the device closes the
//   control connection (TCP FIN); field reason.
#include <optional>

#include "conformance/engine/wire_message.h"
#include "src/core/bytes.h"

namespace ts::conformance {

inline constexpr const char* kClosedMessage = "CLOSED";

std::optional<WireMessage> pptp_wire_message(ByteView one_message);
std::optional<WireMessage> gre_wire_message(ByteView gre_packet);

}  // namespace ts::conformance
