// PPTP one-line summaries and Field trees (RFC 2637 §2 field names, snake_case).
#include <fmt/format.h>

#include "dissectors/pptp/message.h"
#include "dissectors/pptp/names.h"

namespace ts::pptp {
namespace {

template <typename T>
constexpr std::uint16_t type_of() {
  return static_cast<std::uint16_t>(T::kType);
}

std::string version_text(std::uint16_t v) { return fmt::format("{}.{}", v >> 8, v & 0xff); }

std::string quoted(const std::string& s) { return fmt::format("\"{}\"", printable(as_bytes(s), 64)); }

// " result=1 (OK)" plus " error=3 (Bad-Value)" when an Error Code is set.
template <typename T>
std::string result_part(std::uint8_t result, std::uint8_t error) {
  std::string out = fmt::format(" result={} ({})", result, result_text(type_of<T>(), result));
  if (error != 0) out += fmt::format(" error={} ({})", error, error_text(error));
  return out;
}

std::string line(const UnknownMessage& m) { return fmt::format("{} bytes", m.data.size()); }
std::string line(const StartControlConnectionRequest& m) {
  return fmt::format("ver={} host={} vendor={} framing={} bearer={}", version_text(m.protocol_version),
                     printable(as_bytes(m.host_name), 64), printable(as_bytes(m.vendor_string), 64),
                     bits_text(framing_capability_bits(), m.framing_capabilities),
                     bits_text(bearer_capability_bits(), m.bearer_capabilities));
}
std::string line(const StartControlConnectionReply& m) {
  return fmt::format("ver={}{} host={} vendor={} framing={} bearer={}", version_text(m.protocol_version),
                     result_part<StartControlConnectionReply>(m.result_code, m.error_code),
                     printable(as_bytes(m.host_name), 64), printable(as_bytes(m.vendor_string), 64),
                     bits_text(framing_capability_bits(), m.framing_capabilities),
                     bits_text(bearer_capability_bits(), m.bearer_capabilities));
}
std::string line(const StopControlConnectionRequest& m) {
  return fmt::format("reason={} ({})", m.reason, result_text(type_of<StopControlConnectionRequest>(), m.reason));
}
std::string line(const StopControlConnectionReply& m) {
  return result_part<StopControlConnectionReply>(m.result_code, m.error_code).substr(1);
}
std::string line(const EchoRequest& m) { return fmt::format("id={}", m.identifier); }
std::string line(const EchoReply& m) {
  return fmt::format("id={}{}", m.identifier, result_part<EchoReply>(m.result_code, m.error_code));
}
std::string line(const OutgoingCallRequest& m) {
  return fmt::format("call={} serial={} bps={}-{} bearer={} framing={} window={} phone={}", m.call_id,
                     m.call_serial_number, m.minimum_bps, m.maximum_bps, code_abbrev(bearer_types(), m.bearer_type),
                     code_abbrev(framing_types(), m.framing_type), m.packet_recv_window_size,
                     quoted(m.phone_number));
}
std::string line(const OutgoingCallReply& m) {
  return fmt::format("call={} peer_call={}{}", m.call_id, m.peer_call_id,
                     result_part<OutgoingCallReply>(m.result_code, m.error_code));
}
std::string line(const IncomingCallRequest& m) {
  return fmt::format("call={} serial={} bearer={} dialed={} dialing={}", m.call_id, m.call_serial_number,
                     code_abbrev(bearer_types(), m.call_bearer_type), quoted(m.dialed_number),
                     quoted(m.dialing_number));
}
std::string line(const IncomingCallReply& m) {
  return fmt::format("call={} peer_call={}{} window={}", m.call_id, m.peer_call_id,
                     result_part<IncomingCallReply>(m.result_code, m.error_code), m.packet_recv_window_size);
}
std::string line(const IncomingCallConnected& m) {
  return fmt::format("peer_call={} speed={} window={} framing={}", m.peer_call_id, m.connect_speed,
                     m.packet_recv_window_size, code_abbrev(framing_types(), m.framing_type));
}
std::string line(const CallClearRequest& m) { return fmt::format("call={}", m.call_id); }
std::string line(const CallDisconnectNotify& m) {
  return fmt::format("call={}{} cause={} stats={}", m.call_id,
                     result_part<CallDisconnectNotify>(m.result_code, m.error_code), m.cause_code,
                     quoted(m.call_statistics));
}
std::string line(const WanErrorNotify& m) {
  return fmt::format("peer_call={} crc={} framing={} hw_overruns={} buf_overruns={} timeouts={} alignment={}",
                     m.peer_call_id, m.crc_errors, m.framing_errors, m.hardware_overruns, m.buffer_overruns,
                     m.timeout_errors, m.alignment_errors);
}
std::string line(const SetLinkInfo& m) {
  return fmt::format("peer_call={} send_accm={:#010x} recv_accm={:#010x}", m.peer_call_id, m.send_accm,
                     m.receive_accm);
}

void result_fields(Field& f, std::uint16_t type, std::uint8_t result, std::uint8_t error) {
  f.add_num("result_code", result);
  f.add_text("result", result_text(type, result));
  f.add_num("error_code", error);
  f.add_text("error", error_text(error));
}

void fields(Field& f, const UnknownMessage& m) { f.add_hex("data", m.data); }
void fields(Field& f, const StartControlConnectionRequest& m) {
  f.add_num("protocol_version", m.protocol_version);
  f.add_num("reserved1", m.reserved1);
  f.add_num("framing_capabilities", m.framing_capabilities);
  f.add_text("framing", bits_text(framing_capability_bits(), m.framing_capabilities));
  f.add_num("bearer_capabilities", m.bearer_capabilities);
  f.add_text("bearer", bits_text(bearer_capability_bits(), m.bearer_capabilities));
  f.add_num("maximum_channels", m.maximum_channels);
  f.add_num("firmware_revision", m.firmware_revision);
  f.add_text("host_name", m.host_name);
  f.add_text("vendor_string", m.vendor_string);
}
void fields(Field& f, const StartControlConnectionReply& m) {
  f.add_num("protocol_version", m.protocol_version);
  result_fields(f, type_of<StartControlConnectionReply>(), m.result_code, m.error_code);
  f.add_num("framing_capabilities", m.framing_capabilities);
  f.add_text("framing", bits_text(framing_capability_bits(), m.framing_capabilities));
  f.add_num("bearer_capabilities", m.bearer_capabilities);
  f.add_text("bearer", bits_text(bearer_capability_bits(), m.bearer_capabilities));
  f.add_num("maximum_channels", m.maximum_channels);
  f.add_num("firmware_revision", m.firmware_revision);
  f.add_text("host_name", m.host_name);
  f.add_text("vendor_string", m.vendor_string);
}
void fields(Field& f, const StopControlConnectionRequest& m) {
  f.add_num("reason", m.reason);
  f.add_text("reason_name", result_text(type_of<StopControlConnectionRequest>(), m.reason));
  f.add_num("reserved1", m.reserved1);
  f.add_num("reserved2", m.reserved2);
}
void fields(Field& f, const StopControlConnectionReply& m) {
  result_fields(f, type_of<StopControlConnectionReply>(), m.result_code, m.error_code);
  f.add_num("reserved1", m.reserved1);
}
void fields(Field& f, const EchoRequest& m) { f.add_num("identifier", m.identifier); }
void fields(Field& f, const EchoReply& m) {
  f.add_num("identifier", m.identifier);
  result_fields(f, type_of<EchoReply>(), m.result_code, m.error_code);
  f.add_num("reserved1", m.reserved1);
}
void fields(Field& f, const OutgoingCallRequest& m) {
  f.add_num("call_id", m.call_id);
  f.add_num("call_serial_number", m.call_serial_number);
  f.add_num("minimum_bps", m.minimum_bps);
  f.add_num("maximum_bps", m.maximum_bps);
  f.add_num("bearer_type", m.bearer_type);
  f.add_text("bearer", code_abbrev(bearer_types(), m.bearer_type));
  f.add_num("framing_type", m.framing_type);
  f.add_text("framing", code_abbrev(framing_types(), m.framing_type));
  f.add_num("packet_recv_window_size", m.packet_recv_window_size);
  f.add_num("packet_processing_delay", m.packet_processing_delay);
  f.add_num("phone_number_length", m.phone_number_length);
  f.add_num("reserved1", m.reserved1);
  f.add_text("phone_number", m.phone_number);
  f.add_text("subaddress", m.subaddress);
}
void fields(Field& f, const OutgoingCallReply& m) {
  f.add_num("call_id", m.call_id);
  f.add_num("peer_call_id", m.peer_call_id);
  result_fields(f, type_of<OutgoingCallReply>(), m.result_code, m.error_code);
  f.add_num("cause_code", m.cause_code);
  f.add_num("connect_speed", m.connect_speed);
  f.add_num("packet_recv_window_size", m.packet_recv_window_size);
  f.add_num("packet_processing_delay", m.packet_processing_delay);
  f.add_num("physical_channel_id", m.physical_channel_id);
}
void fields(Field& f, const IncomingCallRequest& m) {
  f.add_num("call_id", m.call_id);
  f.add_num("call_serial_number", m.call_serial_number);
  f.add_num("call_bearer_type", m.call_bearer_type);
  f.add_text("bearer", code_abbrev(bearer_types(), m.call_bearer_type));
  f.add_num("physical_channel_id", m.physical_channel_id);
  f.add_num("dialed_number_length", m.dialed_number_length);
  f.add_num("dialing_number_length", m.dialing_number_length);
  f.add_text("dialed_number", m.dialed_number);
  f.add_text("dialing_number", m.dialing_number);
  f.add_text("subaddress", m.subaddress);
}
void fields(Field& f, const IncomingCallReply& m) {
  f.add_num("call_id", m.call_id);
  f.add_num("peer_call_id", m.peer_call_id);
  result_fields(f, type_of<IncomingCallReply>(), m.result_code, m.error_code);
  f.add_num("packet_recv_window_size", m.packet_recv_window_size);
  f.add_num("packet_transmit_delay", m.packet_transmit_delay);
  f.add_num("reserved1", m.reserved1);
}
void fields(Field& f, const IncomingCallConnected& m) {
  f.add_num("peer_call_id", m.peer_call_id);
  f.add_num("reserved1", m.reserved1);
  f.add_num("connect_speed", m.connect_speed);
  f.add_num("packet_recv_window_size", m.packet_recv_window_size);
  f.add_num("packet_transmit_delay", m.packet_transmit_delay);
  f.add_num("framing_type", m.framing_type);
  f.add_text("framing", code_abbrev(framing_types(), m.framing_type));
}
void fields(Field& f, const CallClearRequest& m) {
  f.add_num("call_id", m.call_id);
  f.add_num("reserved1", m.reserved1);
}
void fields(Field& f, const CallDisconnectNotify& m) {
  f.add_num("call_id", m.call_id);
  result_fields(f, type_of<CallDisconnectNotify>(), m.result_code, m.error_code);
  f.add_num("cause_code", m.cause_code);
  f.add_num("reserved1", m.reserved1);
  f.add_text("call_statistics", m.call_statistics);
}
void fields(Field& f, const WanErrorNotify& m) {
  f.add_num("peer_call_id", m.peer_call_id);
  f.add_num("reserved1", m.reserved1);
  f.add_num("crc_errors", m.crc_errors);
  f.add_num("framing_errors", m.framing_errors);
  f.add_num("hardware_overruns", m.hardware_overruns);
  f.add_num("buffer_overruns", m.buffer_overruns);
  f.add_num("timeout_errors", m.timeout_errors);
  f.add_num("alignment_errors", m.alignment_errors);
}
void fields(Field& f, const SetLinkInfo& m) {
  f.add_num("peer_call_id", m.peer_call_id);
  f.add_num("reserved1", m.reserved1);
  f.add_num("send_accm", m.send_accm);
  f.add_num("receive_accm", m.receive_accm);
}

std::uint16_t shown_type(const Message& message) {
  return std::holds_alternative<UnknownMessage>(message.body) ? message.header.control_message_type
                                                              : control_message_type_of(message.body);
}

}  // namespace

std::string summarize(const Message& message) {
  const std::uint16_t type = shown_type(message);
  const std::string head = find_code(control_message_types(), type) != nullptr
                               ? message_abbrev(type)
                               : fmt::format("PPTP type={}", type);
  return head + " " + std::visit([](const auto& m) { return line(m); }, message.body);
}

void describe(const Message& message, Field& layer) {
  const Header& h = message.header;
  const std::uint16_t type = shown_type(message);
  layer.add_text("message", message_abbrev(type));
  layer.add_num("length", h.length);
  layer.add_num("pptp_message_type", h.pptp_message_type);
  layer.add_num("magic_cookie", h.magic_cookie);
  layer.add_num("control_message_type", h.control_message_type);
  layer.add_text("control_message_name", code_name(control_message_types(), type));
  layer.add_num("reserved0", h.reserved0);
  std::visit([&layer](const auto& m) { fields(layer, m); }, message.body);
}

}  // namespace ts::pptp
