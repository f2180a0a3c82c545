#pragma once
// The fifteen PPTP control messages of RFC 2637 §2.1-§2.15, one plain struct each, fields
// named and ordered as in the RFC's diagrams (the common header is in header.h).
//
// Contract: kType is the Control Message Type, kLength the fixed total Length in octets
// (header included) that the RFC's layout implies. Fixed-size text fields (Host Name,
// Phone Number, Call Statistics, ...) hold the octets up to the first NUL; encode() pads
// them with zeros and cuts anything longer than the field. Reserved fields are kept so a
// decoded message re-encodes to the same bytes; canonical messages leave them 0.
#include <cstddef>
#include <cstdint>
#include <string>

#include "dissectors/pptp/header.h"
#include "src/core/bytes.h"

namespace ts::pptp {

inline constexpr std::size_t kHostNameSize = 64;        // §2.1 Host Name, Vendor String
inline constexpr std::size_t kPhoneNumberSize = 64;     // §2.7, §2.9 numbers, subaddress
inline constexpr std::size_t kCallStatisticsSize = 128; // §2.13

// RFC 2637 §2.1
struct StartControlConnectionRequest {
  static constexpr ControlMessageType kType = ControlMessageType::start_control_connection_request;
  static constexpr std::size_t kLength = 156;
  std::uint16_t protocol_version = kProtocolVersion;
  std::uint16_t reserved1 = 0;
  std::uint32_t framing_capabilities = 0;  // bit 1 async, bit 2 sync
  std::uint32_t bearer_capabilities = 0;   // bit 1 analog, bit 2 digital
  std::uint16_t maximum_channels = 0;
  std::uint16_t firmware_revision = 0;
  std::string host_name;      // 64 octets on the wire
  std::string vendor_string;  // 64 octets on the wire
  bool operator==(const StartControlConnectionRequest&) const = default;
};

// RFC 2637 §2.2
struct StartControlConnectionReply {
  static constexpr ControlMessageType kType = ControlMessageType::start_control_connection_reply;
  static constexpr std::size_t kLength = 156;
  std::uint16_t protocol_version = kProtocolVersion;
  std::uint8_t result_code = 0;
  std::uint8_t error_code = 0;
  std::uint32_t framing_capabilities = 0;
  std::uint32_t bearer_capabilities = 0;
  std::uint16_t maximum_channels = 0;
  std::uint16_t firmware_revision = 0;
  std::string host_name;
  std::string vendor_string;
  bool operator==(const StartControlConnectionReply&) const = default;
};

// RFC 2637 §2.3
struct StopControlConnectionRequest {
  static constexpr ControlMessageType kType = ControlMessageType::stop_control_connection_request;
  static constexpr std::size_t kLength = 16;
  std::uint8_t reason = 0;
  std::uint8_t reserved1 = 0;
  std::uint16_t reserved2 = 0;
  bool operator==(const StopControlConnectionRequest&) const = default;
};

// RFC 2637 §2.4
struct StopControlConnectionReply {
  static constexpr ControlMessageType kType = ControlMessageType::stop_control_connection_reply;
  static constexpr std::size_t kLength = 16;
  std::uint8_t result_code = 0;
  std::uint8_t error_code = 0;
  std::uint16_t reserved1 = 0;
  bool operator==(const StopControlConnectionReply&) const = default;
};

// RFC 2637 §2.5
struct EchoRequest {
  static constexpr ControlMessageType kType = ControlMessageType::echo_request;
  static constexpr std::size_t kLength = 16;
  std::uint32_t identifier = 0;
  bool operator==(const EchoRequest&) const = default;
};

// RFC 2637 §2.6
struct EchoReply {
  static constexpr ControlMessageType kType = ControlMessageType::echo_reply;
  static constexpr std::size_t kLength = 20;
  std::uint32_t identifier = 0;
  std::uint8_t result_code = 0;
  std::uint8_t error_code = 0;
  std::uint16_t reserved1 = 0;
  bool operator==(const EchoReply&) const = default;
};

// RFC 2637 §2.7
struct OutgoingCallRequest {
  static constexpr ControlMessageType kType = ControlMessageType::outgoing_call_request;
  static constexpr std::size_t kLength = 168;
  std::uint16_t call_id = 0;
  std::uint16_t call_serial_number = 0;
  std::uint32_t minimum_bps = 0;
  std::uint32_t maximum_bps = 0;
  std::uint32_t bearer_type = 0;   // 1 analog, 2 digital, 3 any
  std::uint32_t framing_type = 0;  // 1 async, 2 sync, 3 either
  std::uint16_t packet_recv_window_size = 0;
  std::uint16_t packet_processing_delay = 0;  // 1/10 s
  std::uint16_t phone_number_length = 0;
  std::uint16_t reserved1 = 0;
  std::string phone_number;  // 64 octets on the wire
  std::string subaddress;    // 64 octets on the wire
  bool operator==(const OutgoingCallRequest&) const = default;
};

// RFC 2637 §2.8
struct OutgoingCallReply {
  static constexpr ControlMessageType kType = ControlMessageType::outgoing_call_reply;
  static constexpr std::size_t kLength = 32;
  std::uint16_t call_id = 0;
  std::uint16_t peer_call_id = 0;
  std::uint8_t result_code = 0;
  std::uint8_t error_code = 0;
  std::uint16_t cause_code = 0;
  std::uint32_t connect_speed = 0;
  std::uint16_t packet_recv_window_size = 0;
  std::uint16_t packet_processing_delay = 0;
  std::uint32_t physical_channel_id = 0;
  bool operator==(const OutgoingCallReply&) const = default;
};

// RFC 2637 §2.9
struct IncomingCallRequest {
  static constexpr ControlMessageType kType = ControlMessageType::incoming_call_request;
  static constexpr std::size_t kLength = 220;
  std::uint16_t call_id = 0;
  std::uint16_t call_serial_number = 0;
  std::uint32_t call_bearer_type = 0;  // 1 analog, 2 digital
  std::uint32_t physical_channel_id = 0;
  std::uint16_t dialed_number_length = 0;
  std::uint16_t dialing_number_length = 0;
  std::string dialed_number;   // 64 octets on the wire
  std::string dialing_number;  // 64 octets on the wire
  std::string subaddress;      // 64 octets on the wire
  bool operator==(const IncomingCallRequest&) const = default;
};

// RFC 2637 §2.10
struct IncomingCallReply {
  static constexpr ControlMessageType kType = ControlMessageType::incoming_call_reply;
  static constexpr std::size_t kLength = 24;
  std::uint16_t call_id = 0;
  std::uint16_t peer_call_id = 0;
  std::uint8_t result_code = 0;
  std::uint8_t error_code = 0;
  std::uint16_t packet_recv_window_size = 0;
  std::uint16_t packet_transmit_delay = 0;
  std::uint16_t reserved1 = 0;
  bool operator==(const IncomingCallReply&) const = default;
};

// RFC 2637 §2.11
struct IncomingCallConnected {
  static constexpr ControlMessageType kType = ControlMessageType::incoming_call_connected;
  static constexpr std::size_t kLength = 28;
  std::uint16_t peer_call_id = 0;
  std::uint16_t reserved1 = 0;
  std::uint32_t connect_speed = 0;
  std::uint16_t packet_recv_window_size = 0;
  std::uint16_t packet_transmit_delay = 0;
  std::uint32_t framing_type = 0;  // 1 async, 2 sync
  bool operator==(const IncomingCallConnected&) const = default;
};

// RFC 2637 §2.12
struct CallClearRequest {
  static constexpr ControlMessageType kType = ControlMessageType::call_clear_request;
  static constexpr std::size_t kLength = 16;
  std::uint16_t call_id = 0;
  std::uint16_t reserved1 = 0;
  bool operator==(const CallClearRequest&) const = default;
};

// RFC 2637 §2.13
struct CallDisconnectNotify {
  static constexpr ControlMessageType kType = ControlMessageType::call_disconnect_notify;
  static constexpr std::size_t kLength = 148;
  std::uint16_t call_id = 0;
  std::uint8_t result_code = 0;
  std::uint8_t error_code = 0;
  std::uint16_t cause_code = 0;
  std::uint16_t reserved1 = 0;
  std::string call_statistics;  // 128 octets on the wire
  bool operator==(const CallDisconnectNotify&) const = default;
};

// RFC 2637 §2.14
struct WanErrorNotify {
  static constexpr ControlMessageType kType = ControlMessageType::wan_error_notify;
  static constexpr std::size_t kLength = 40;
  std::uint16_t peer_call_id = 0;
  std::uint16_t reserved1 = 0;
  std::uint32_t crc_errors = 0;
  std::uint32_t framing_errors = 0;
  std::uint32_t hardware_overruns = 0;
  std::uint32_t buffer_overruns = 0;
  std::uint32_t timeout_errors = 0;
  std::uint32_t alignment_errors = 0;
  bool operator==(const WanErrorNotify&) const = default;
};

// RFC 2637 §2.15
struct SetLinkInfo {
  static constexpr ControlMessageType kType = ControlMessageType::set_link_info;
  static constexpr std::size_t kLength = 24;
  std::uint16_t peer_call_id = 0;
  std::uint16_t reserved1 = 0;
  std::uint32_t send_accm = 0xFFFFFFFF;     // §2.15 default until set
  std::uint32_t receive_accm = 0xFFFFFFFF;
  bool operator==(const SetLinkInfo&) const = default;
};

// A message whose Control Message Type is not one of the above (RFC 2637 §1.4 defines
// 1-15): the octets after the 12-octet header, kept so the message re-encodes unchanged.
struct UnknownMessage {
  Bytes data;
  bool operator==(const UnknownMessage&) const = default;
};

}  // namespace ts::pptp
