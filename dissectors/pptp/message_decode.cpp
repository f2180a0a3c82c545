// PPTP control message decoding (RFC 2637 §1.4, §2). Body readers follow the RFC's
// diagrams field by field; value checks run only on a fully read body so that zeros left
// by a truncation are never blamed on the peer.
#include <fmt/format.h>

#include "dissectors/pptp/diagnostics.h"
#include "dissectors/pptp/message.h"
#include "dissectors/pptp/names.h"
#include "src/core/byte_reader.h"

namespace ts::pptp {
namespace {

// A fixed-size text field: the octets up to the first NUL. A short field keeps what is
// there and marks the reader truncated at this field.
std::string read_text(ByteReader& r, std::size_t n, std::string_view field, Diagnostics& d) {
  const bool short_field = r.remaining() < n;
  const ByteView v = r.take_up_to(n);
  if (short_field) r.skip(1, field);
  std::size_t end = 0;
  while (end < v.size() && v[end] != 0) ++end;
  if (!short_field) {
    for (std::size_t i = end; i < v.size(); ++i) {
      // RFC 2637 §2.1: "the remainder of this field SHOULD be filled with octets of value 0".
      if (v[i] != 0) {
        add_diag(d, diag::kTextPaddingNonzero, fmt::format("{}: non-zero octet at {}", field, i));
        break;
      }
    }
  }
  return std::string(as_chars(v.first(end)));
}

void check_reserved(std::string_view field, std::uint32_t value, Diagnostics& d) {
  // RFC 2637 §2: "Any "reserved" fields MUST be sent as 0 values".
  if (value != 0) add_diag(d, diag::kReservedNonzero, fmt::format("{}={:#x}", field, value));
}

template <typename T>
void check_result(const T&, std::uint8_t result, std::uint8_t error, Diagnostics& d) {
  const auto type = static_cast<std::uint16_t>(T::kType);
  // RFC 2637 §2.2, §2.4, §2.6, §2.8, §2.10, §2.13: the valid Result Code values per message.
  if (find_code(result_table(type), result) == nullptr)
    add_diag(d, diag::kUnknownResult, fmt::format("{} Result Code {}", message_abbrev(type), result));
  // RFC 2637 §2.16: General Error Codes 0-6.
  if (find_code(general_error_codes(), error) == nullptr)
    add_diag(d, diag::kUnknownErrorCode, fmt::format("Error Code {}", error));
  // RFC 2637 §2.2: Error Code "is set to 0 unless a General Error exists" (Result Code 2).
  if (error != 0 && result != 2)
    add_diag(d, diag::kErrorWithoutGeneral, fmt::format("Result Code {} with Error Code {}", result, error));
}

void check_version(std::uint16_t version, Diagnostics& d) {
  // RFC 2637 §1.4: "The current value of the version number field is 0x0100".
  if (version != kProtocolVersion) add_diag(d, diag::kBadProtocolVersion, fmt::format("{:#06x}", version));
}

void check_value(const DiagnosticDef& def, std::string_view field, std::uint32_t value, std::uint32_t max,
                 Diagnostics& d) {
  if (value < 1 || value > max) add_diag(d, def, fmt::format("{}={}", field, value));
}

void check_number_length(std::string_view field, std::uint16_t value, Diagnostics& d) {
  // RFC 2637 §2.7, §2.9: the number fields are 64 octets.
  if (value > kPhoneNumberSize) add_diag(d, diag::kNumberLengthTooLong, fmt::format("{}={}", field, value));
}

void read(ByteReader& r, StartControlConnectionRequest& m, Diagnostics& d) {
  m.protocol_version = r.be16("protocol_version");
  m.reserved1 = r.be16("reserved1");
  m.framing_capabilities = r.be32("framing_capabilities");
  m.bearer_capabilities = r.be32("bearer_capabilities");
  m.maximum_channels = r.be16("maximum_channels");
  m.firmware_revision = r.be16("firmware_revision");
  m.host_name = read_text(r, kHostNameSize, "host_name", d);
  m.vendor_string = read_text(r, kHostNameSize, "vendor_string", d);
  if (!r.ok()) return;
  check_version(m.protocol_version, d);
  check_reserved("reserved1", m.reserved1, d);
}

void read(ByteReader& r, StartControlConnectionReply& m, Diagnostics& d) {
  m.protocol_version = r.be16("protocol_version");
  m.result_code = r.u8("result_code");
  m.error_code = r.u8("error_code");
  m.framing_capabilities = r.be32("framing_capabilities");
  m.bearer_capabilities = r.be32("bearer_capabilities");
  m.maximum_channels = r.be16("maximum_channels");
  m.firmware_revision = r.be16("firmware_revision");
  m.host_name = read_text(r, kHostNameSize, "host_name", d);
  m.vendor_string = read_text(r, kHostNameSize, "vendor_string", d);
  if (!r.ok()) return;
  check_version(m.protocol_version, d);
  check_result(m, m.result_code, m.error_code, d);
}

void read(ByteReader& r, StopControlConnectionRequest& m, Diagnostics& d) {
  m.reason = r.u8("reason");
  m.reserved1 = r.u8("reserved1");
  m.reserved2 = r.be16("reserved2");
  if (!r.ok()) return;
  // RFC 2637 §2.3: Reason values 1-3.
  if (find_code(result_table(3), m.reason) == nullptr)
    add_diag(d, diag::kUnknownResult, fmt::format("StopCCRQ Reason {}", m.reason));
  check_reserved("reserved1", m.reserved1, d);
  check_reserved("reserved2", m.reserved2, d);
}

void read(ByteReader& r, StopControlConnectionReply& m, Diagnostics& d) {
  m.result_code = r.u8("result_code");
  m.error_code = r.u8("error_code");
  m.reserved1 = r.be16("reserved1");
  if (!r.ok()) return;
  check_result(m, m.result_code, m.error_code, d);
  check_reserved("reserved1", m.reserved1, d);
}

void read(ByteReader& r, EchoRequest& m, Diagnostics&) { m.identifier = r.be32("identifier"); }

void read(ByteReader& r, EchoReply& m, Diagnostics& d) {
  m.identifier = r.be32("identifier");
  m.result_code = r.u8("result_code");
  m.error_code = r.u8("error_code");
  m.reserved1 = r.be16("reserved1");
  if (!r.ok()) return;
  check_result(m, m.result_code, m.error_code, d);
  check_reserved("reserved1", m.reserved1, d);
}

void read(ByteReader& r, OutgoingCallRequest& m, Diagnostics& d) {
  m.call_id = r.be16("call_id");
  m.call_serial_number = r.be16("call_serial_number");
  m.minimum_bps = r.be32("minimum_bps");
  m.maximum_bps = r.be32("maximum_bps");
  m.bearer_type = r.be32("bearer_type");
  m.framing_type = r.be32("framing_type");
  m.packet_recv_window_size = r.be16("packet_recv_window_size");
  m.packet_processing_delay = r.be16("packet_processing_delay");
  m.phone_number_length = r.be16("phone_number_length");
  m.reserved1 = r.be16("reserved1");
  m.phone_number = read_text(r, kPhoneNumberSize, "phone_number", d);
  m.subaddress = read_text(r, kPhoneNumberSize, "subaddress", d);
  if (!r.ok()) return;
  // RFC 2637 §2.7: Bearer Type 1-3, Framing Type 1-3.
  check_value(diag::kBadBearerType, "bearer_type", m.bearer_type, 3, d);
  check_value(diag::kBadFramingType, "framing_type", m.framing_type, 3, d);
  check_number_length("phone_number_length", m.phone_number_length, d);
  check_reserved("reserved1", m.reserved1, d);
}

void read(ByteReader& r, OutgoingCallReply& m, Diagnostics& d) {
  m.call_id = r.be16("call_id");
  m.peer_call_id = r.be16("peer_call_id");
  m.result_code = r.u8("result_code");
  m.error_code = r.u8("error_code");
  m.cause_code = r.be16("cause_code");
  m.connect_speed = r.be32("connect_speed");
  m.packet_recv_window_size = r.be16("packet_recv_window_size");
  m.packet_processing_delay = r.be16("packet_processing_delay");
  m.physical_channel_id = r.be32("physical_channel_id");
  if (!r.ok()) return;
  check_result(m, m.result_code, m.error_code, d);
}

void read(ByteReader& r, IncomingCallRequest& m, Diagnostics& d) {
  m.call_id = r.be16("call_id");
  m.call_serial_number = r.be16("call_serial_number");
  m.call_bearer_type = r.be32("call_bearer_type");
  m.physical_channel_id = r.be32("physical_channel_id");
  m.dialed_number_length = r.be16("dialed_number_length");
  m.dialing_number_length = r.be16("dialing_number_length");
  m.dialed_number = read_text(r, kPhoneNumberSize, "dialed_number", d);
  m.dialing_number = read_text(r, kPhoneNumberSize, "dialing_number", d);
  m.subaddress = read_text(r, kPhoneNumberSize, "subaddress", d);
  if (!r.ok()) return;
  // RFC 2637 §2.9: Bearer Type 1 (analog) or 2 (digital).
  check_value(diag::kBadBearerType, "call_bearer_type", m.call_bearer_type, 2, d);
  check_number_length("dialed_number_length", m.dialed_number_length, d);
  check_number_length("dialing_number_length", m.dialing_number_length, d);
}

void read(ByteReader& r, IncomingCallReply& m, Diagnostics& d) {
  m.call_id = r.be16("call_id");
  m.peer_call_id = r.be16("peer_call_id");
  m.result_code = r.u8("result_code");
  m.error_code = r.u8("error_code");
  m.packet_recv_window_size = r.be16("packet_recv_window_size");
  m.packet_transmit_delay = r.be16("packet_transmit_delay");
  m.reserved1 = r.be16("reserved1");
  if (!r.ok()) return;
  check_result(m, m.result_code, m.error_code, d);
  check_reserved("reserved1", m.reserved1, d);
}

void read(ByteReader& r, IncomingCallConnected& m, Diagnostics& d) {
  m.peer_call_id = r.be16("peer_call_id");
  m.reserved1 = r.be16("reserved1");
  m.connect_speed = r.be32("connect_speed");
  m.packet_recv_window_size = r.be16("packet_recv_window_size");
  m.packet_transmit_delay = r.be16("packet_transmit_delay");
  m.framing_type = r.be32("framing_type");
  if (!r.ok()) return;
  check_reserved("reserved1", m.reserved1, d);
  // RFC 2637 §2.11: Framing Type 1 (async) or 2 (sync).
  check_value(diag::kBadFramingType, "framing_type", m.framing_type, 2, d);
}

void read(ByteReader& r, CallClearRequest& m, Diagnostics& d) {
  m.call_id = r.be16("call_id");
  m.reserved1 = r.be16("reserved1");
  if (r.ok()) check_reserved("reserved1", m.reserved1, d);
}

void read(ByteReader& r, CallDisconnectNotify& m, Diagnostics& d) {
  m.call_id = r.be16("call_id");
  m.result_code = r.u8("result_code");
  m.error_code = r.u8("error_code");
  m.cause_code = r.be16("cause_code");
  m.reserved1 = r.be16("reserved1");
  m.call_statistics = read_text(r, kCallStatisticsSize, "call_statistics", d);
  if (!r.ok()) return;
  check_result(m, m.result_code, m.error_code, d);
  check_reserved("reserved1", m.reserved1, d);
}

void read(ByteReader& r, WanErrorNotify& m, Diagnostics& d) {
  m.peer_call_id = r.be16("peer_call_id");
  m.reserved1 = r.be16("reserved1");
  m.crc_errors = r.be32("crc_errors");
  m.framing_errors = r.be32("framing_errors");
  m.hardware_overruns = r.be32("hardware_overruns");
  m.buffer_overruns = r.be32("buffer_overruns");
  m.timeout_errors = r.be32("timeout_errors");
  m.alignment_errors = r.be32("alignment_errors");
  if (r.ok()) check_reserved("reserved1", m.reserved1, d);
}

void read(ByteReader& r, SetLinkInfo& m, Diagnostics& d) {
  m.peer_call_id = r.be16("peer_call_id");
  m.reserved1 = r.be16("reserved1");
  m.send_accm = r.be32("send_accm");
  m.receive_accm = r.be32("receive_accm");
  if (r.ok()) check_reserved("reserved1", m.reserved1, d);
}

template <typename T>
Body read_as(ByteReader& r, Diagnostics& d) {
  T m;
  read(r, m, d);
  return m;
}

// Body by Control Message Type; nullopt for an unknown type.
std::optional<Body> read_body(std::uint16_t type, ByteReader& r, Diagnostics& d) {
  switch (static_cast<ControlMessageType>(type)) {
    case ControlMessageType::start_control_connection_request: return read_as<StartControlConnectionRequest>(r, d);
    case ControlMessageType::start_control_connection_reply: return read_as<StartControlConnectionReply>(r, d);
    case ControlMessageType::stop_control_connection_request: return read_as<StopControlConnectionRequest>(r, d);
    case ControlMessageType::stop_control_connection_reply: return read_as<StopControlConnectionReply>(r, d);
    case ControlMessageType::echo_request: return read_as<EchoRequest>(r, d);
    case ControlMessageType::echo_reply: return read_as<EchoReply>(r, d);
    case ControlMessageType::outgoing_call_request: return read_as<OutgoingCallRequest>(r, d);
    case ControlMessageType::outgoing_call_reply: return read_as<OutgoingCallReply>(r, d);
    case ControlMessageType::incoming_call_request: return read_as<IncomingCallRequest>(r, d);
    case ControlMessageType::incoming_call_reply: return read_as<IncomingCallReply>(r, d);
    case ControlMessageType::incoming_call_connected: return read_as<IncomingCallConnected>(r, d);
    case ControlMessageType::call_clear_request: return read_as<CallClearRequest>(r, d);
    case ControlMessageType::call_disconnect_notify: return read_as<CallDisconnectNotify>(r, d);
    case ControlMessageType::wan_error_notify: return read_as<WanErrorNotify>(r, d);
    case ControlMessageType::set_link_info: return read_as<SetLinkInfo>(r, d);
  }
  return std::nullopt;
}

// Header fields are checked as soon as they have been read (offsets from RFC 2637 §2.1).
void check_header(const Header& h, std::size_t read_up_to, Diagnostics& d) {
  // RFC 2637 §1.4: PPTP Message Type 1 is Control Message; management messages are undefined.
  if (read_up_to >= 4 && h.pptp_message_type != kControlMessage)
    add_diag(d, diag::kBadMessageType, fmt::format("PPTP Message Type {}", h.pptp_message_type));
  // RFC 2637 §1.4: "The Magic Cookie is always sent as the constant 0x1A2B3C4D."
  if (read_up_to >= 8 && h.magic_cookie != kMagicCookie)
    add_diag(d, diag::kBadMagic, fmt::format("{:#010x}", h.magic_cookie));
  if (read_up_to >= 10) {
    const auto expected = fixed_length(h.control_message_type);
    // RFC 2637 §2.1-§2.15: Length is the total length of the message, whose layout is fixed.
    if (expected && h.length != *expected)
      add_diag(d, diag::kBadLength,
               fmt::format("Length {}, {} is {}", h.length, message_abbrev(h.control_message_type), *expected));
    else if (!expected && h.length < kHeaderSize)
      add_diag(d, diag::kBadLength, fmt::format("Length {} is below the {}-octet header", h.length, kHeaderSize));
    // RFC 2637 §1.4: Control Message Types 1-15.
    if (!expected) add_diag(d, diag::kUnknownType, fmt::format("Control Message Type {}", h.control_message_type));
  }
  // RFC 2637 §2.1-§2.15: "Reserved0 This field MUST be 0."
  if (read_up_to >= 12 && h.reserved0 != 0)
    add_diag(d, diag::kHeaderReservedNonzero, fmt::format("Reserved0={:#x}", h.reserved0));
}

}  // namespace

Decoded<Message> decode(ByteView one_message) {
  Decoded<Message> out;
  ByteReader r(one_message);
  Header& h = out.value.header;
  h.length = r.be16("length");
  h.pptp_message_type = r.be16("pptp_message_type");
  h.magic_cookie = r.be32("magic_cookie");
  h.control_message_type = r.be16("control_message_type");
  h.reserved0 = r.be16("reserved0");
  check_header(h, r.offset(), out.diags);
  if (r.ok()) {
    if (auto body = read_body(h.control_message_type, r, out.diags)) {
      out.value.body = std::move(*body);
    } else {
      const ByteView rest = r.rest();
      out.value.body = UnknownMessage{Bytes(rest.begin(), rest.end())};
    }
  }
  if (!r.ok()) {
    out.complete = false;
    out.truncated_field = r.truncation();
  }
  return out;
}

std::optional<std::size_t> stream_message_length(ByteView stream_prefix) {
  if (stream_prefix.size() < 2) return std::nullopt;
  return static_cast<std::size_t>(stream_prefix[0] << 8 | stream_prefix[1]);
}

}  // namespace ts::pptp
