#pragma once
// PPTP control message codec (RFC 2637 §1.4, §2): one TCP-framed message in, typed
// Message out, and back.
//
// decode(): never throws, never reads out of bounds. `one_message` is exactly one message
//   as cut from the TCP stream with stream_message_length(). The body is decoded by the
//   Control Message Type, leniently: a wrong Length, Magic Cookie, PPTP Message Type or a
//   non-zero reserved field is reported as a diagnostic and decoding goes on. Running out
//   of bytes gives complete=false and the field's name. Bytes beyond the type's fixed size
//   are ignored (pptp.header.bad_length already reports the disagreement).
//   The body follows the Control Message Type whatever the PPTP Message Type says (a
//   wrong one is reported); unknown Control Message Types decode to UnknownMessage.
// encode(): canonical bytes: Length computed from the body, Magic Cookie 0x1A2B3C4D,
//   Control Message Type taken from the body's alternative (from header for UnknownMessage);
//   PPTP Message Type and all reserved fields written as given.
#include <cstddef>
#include <optional>
#include <string>
#include <variant>

#include "dissectors/pptp/control_messages.h"
#include "dissectors/pptp/header.h"
#include "src/core/bytes.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"

namespace ts::pptp {

using Body = std::variant<UnknownMessage, StartControlConnectionRequest, StartControlConnectionReply,
                          StopControlConnectionRequest, StopControlConnectionReply, EchoRequest, EchoReply,
                          OutgoingCallRequest, OutgoingCallReply, IncomingCallRequest, IncomingCallReply,
                          IncomingCallConnected, CallClearRequest, CallDisconnectNotify, WanErrorNotify,
                          SetLinkInfo>;

struct Message {
  Header header;
  Body body;
  bool operator==(const Message&) const = default;
};

// Total Length (header included) the RFC's layout fixes for a Control Message Type;
// nullopt for an unknown type.
std::optional<std::size_t> fixed_length(std::uint16_t control_message_type);

// Control Message Type of a body alternative (0 for UnknownMessage).
std::uint16_t control_message_type_of(const Body& body);

// A message with its header filled canonically (type, Length, magic) for `body`.
Message make_message(Body body);

Decoded<Message> decode(ByteView one_message);

// TCP stream framing: the Length field of the message starting at `stream_prefix`, or
// nullopt when fewer than 2 octets are available. The value is returned as sent: a value
// below kHeaderSize means the stream is out of sync (RFC 2637 §1.4: the control
// connection must be closed), and the caller must not use it to advance.
std::optional<std::size_t> stream_message_length(ByteView stream_prefix);

Bytes encode(const Message& message);

// One line, e.g. "SCCRQ ver=1.0 host=pns1 vendor=Microsoft framing=async,sync
// bearer=analog,digital", "OCRP call=5 peer_call=40000 result=1 (Connected)".
std::string summarize(const Message& message);

// Fills `layer` with the header and every body field (numbers as numbers, names as text).
void describe(const Message& message, Field& layer);

}  // namespace ts::pptp
