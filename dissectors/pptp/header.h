#pragma once
// PPTP control connection header (RFC 2637 §1.4, §2.1): the 8-octet fixed part (Length,
// PPTP Message Type, Magic Cookie) plus the Control Message Type and Reserved0 words that
// begin every control message. Plain data; decode/encode live in message.h.
#include <cstddef>
#include <cstdint>

namespace ts::pptp {

// RFC 2637 §1.4: "The Magic Cookie is always sent as the constant 0x1A2B3C4D."
inline constexpr std::uint32_t kMagicCookie = 0x1A2B3C4D;
// RFC 2637 §1.4: version 1, revision 0.
inline constexpr std::uint16_t kProtocolVersion = 0x0100;
// RFC 2637 §1.4: PPTP Message Type values.
inline constexpr std::uint16_t kControlMessage = 1;
inline constexpr std::uint16_t kManagementMessage = 2;
// Length, PPTP Message Type, Magic Cookie, Control Message Type, Reserved0.
inline constexpr std::size_t kHeaderSize = 12;
// RFC 2637 §1.4: control connection on TCP port 1723.
inline constexpr std::uint16_t kTcpPort = 1723;

// RFC 2637 §1.4 "Message Code" of each control message.
enum class ControlMessageType : std::uint16_t {
  start_control_connection_request = 1,
  start_control_connection_reply = 2,
  stop_control_connection_request = 3,
  stop_control_connection_reply = 4,
  echo_request = 5,
  echo_reply = 6,
  outgoing_call_request = 7,
  outgoing_call_reply = 8,
  incoming_call_request = 9,
  incoming_call_reply = 10,
  incoming_call_connected = 11,
  call_clear_request = 12,
  call_disconnect_notify = 13,
  wan_error_notify = 14,
  set_link_info = 15,
};

struct Header {
  std::uint16_t length = 0;                       // whole message in octets, header included
  std::uint16_t pptp_message_type = kControlMessage;  // 1 control, 2 management
  std::uint32_t magic_cookie = kMagicCookie;
  std::uint16_t control_message_type = 0;         // ControlMessageType value
  std::uint16_t reserved0 = 0;                    // MUST be 0 (RFC 2637 §2)

  bool operator==(const Header&) const = default;
};

}  // namespace ts::pptp
