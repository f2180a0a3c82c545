#pragma once
// An L2TPv2 message as carried in a UDP payload (RFC 2661 §3.1, §4, §6): the header, then
// either control AVPs or, for a data message, the PPP frame.
//
// Contract of decode():
//  - never throws and never reads out of bounds; fills all that the bytes allow;
//  - complete=false (truncated_field named) when the bytes end before the header, before
//    Length, or inside an AVP; no diagnostic is added for plain truncation;
//  - wire faults are diagnostics from l2tp_diagnostics.h; Ver != 2 stops after 2 octets;
//  - hidden AVPs are unhidden when options.has_secret, with the Random Vector AVP most
//    closely preceding them (RFC 2661 §4.3);
//  - views in the result point into `udp_payload`.
// check_required_avps() (required_avps.h) is separate: decode() does not apply §6 rules.
//
// Contract of encode(): canonical bytes: reserved bits 0, Ver 2, Length and AVP lengths
// computed. Control messages: when message_type is set and the first AVP is not a Message
// Type AVP, one is written first. An AVP with hidden=true is hidden with options.secret and
// the value of the Random Vector AVP preceding it; with no such AVP, options.random_vector
// (when non-empty) is inserted as a Random Vector AVP right before the first hidden AVP.
// If no secret or no random vector is available, the AVP is written in clear with H=0.
// Data messages: the header, then payload.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "dissectors/l2tp/avp.h"
#include "dissectors/l2tp/header.h"
#include "src/core/bytes.h"
#include "src/core/decoded.h"

namespace ts::l2tp {

struct Message {
  Header header;
  bool zlb = false;                         // control message with no AVPs (§5.8 ZLB ACK)
  std::optional<std::uint16_t> message_type;  // from the Message Type AVP, when present
  std::vector<Avp> avps;                    // control messages, in wire order
  ByteView payload;                         // data messages: the PPP frame

  bool is_control() const { return header.type_control; }
  // First AVP with this IETF attribute type, nullptr when absent.
  const Avp* find(std::uint16_t ietf_type) const;
};

struct DecodeOptions {
  std::string_view secret;  // shared secret for unhiding (RFC 2661 §4.3)
  bool has_secret = false;
};

struct EncodeOptions {
  std::string_view secret;  // empty: hidden AVPs are written in clear (see above)
  ByteView random_vector;   // used when no Random Vector AVP precedes a hidden AVP
};

Decoded<Message> decode(ByteView udp_payload, const DecodeOptions& options = {});
// decode()'s two branches, exposed for tests/unit/l2tp/plain_data_test.cpp (callers use
// decode()): decode_plain_data reads the data message most of a capture is (RFC 2661 §3.1:
// T and the reserved bits clear, no Offset, Ver 2, Length, when present, equal to the
// datagram) into `out` without diagnostics and returns true, or returns false and leaves
// the message to decode_general.
bool decode_plain_data(ByteView udp_payload, Decoded<Message>& out);
Decoded<Message> decode_general(ByteView udp_payload, const DecodeOptions& options = {});
Bytes encode(const Message& msg, const EncodeOptions& options = {});

}  // namespace ts::l2tp
