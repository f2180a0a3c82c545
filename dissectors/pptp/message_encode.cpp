// PPTP control message encoding (RFC 2637 §2): canonical bytes, Length computed.
#include <type_traits>
#include <utility>

#include "dissectors/pptp/message.h"
#include "src/core/byte_writer.h"

namespace ts::pptp {
namespace {

void write(ByteWriter& w, const UnknownMessage& m) { w.bytes(m.data); }

void write(ByteWriter& w, const StartControlConnectionRequest& m) {
  w.be16(m.protocol_version).be16(m.reserved1).be32(m.framing_capabilities).be32(m.bearer_capabilities);
  w.be16(m.maximum_channels).be16(m.firmware_revision);
  w.padded(m.host_name, kHostNameSize).padded(m.vendor_string, kHostNameSize);
}

void write(ByteWriter& w, const StartControlConnectionReply& m) {
  w.be16(m.protocol_version).u8(m.result_code).u8(m.error_code);
  w.be32(m.framing_capabilities).be32(m.bearer_capabilities);
  w.be16(m.maximum_channels).be16(m.firmware_revision);
  w.padded(m.host_name, kHostNameSize).padded(m.vendor_string, kHostNameSize);
}

void write(ByteWriter& w, const StopControlConnectionRequest& m) {
  w.u8(m.reason).u8(m.reserved1).be16(m.reserved2);
}

void write(ByteWriter& w, const StopControlConnectionReply& m) {
  w.u8(m.result_code).u8(m.error_code).be16(m.reserved1);
}

void write(ByteWriter& w, const EchoRequest& m) { w.be32(m.identifier); }

void write(ByteWriter& w, const EchoReply& m) {
  w.be32(m.identifier).u8(m.result_code).u8(m.error_code).be16(m.reserved1);
}

void write(ByteWriter& w, const OutgoingCallRequest& m) {
  w.be16(m.call_id).be16(m.call_serial_number).be32(m.minimum_bps).be32(m.maximum_bps);
  w.be32(m.bearer_type).be32(m.framing_type);
  w.be16(m.packet_recv_window_size).be16(m.packet_processing_delay);
  w.be16(m.phone_number_length).be16(m.reserved1);
  w.padded(m.phone_number, kPhoneNumberSize).padded(m.subaddress, kPhoneNumberSize);
}

void write(ByteWriter& w, const OutgoingCallReply& m) {
  w.be16(m.call_id).be16(m.peer_call_id).u8(m.result_code).u8(m.error_code).be16(m.cause_code);
  w.be32(m.connect_speed).be16(m.packet_recv_window_size).be16(m.packet_processing_delay);
  w.be32(m.physical_channel_id);
}

void write(ByteWriter& w, const IncomingCallRequest& m) {
  w.be16(m.call_id).be16(m.call_serial_number).be32(m.call_bearer_type).be32(m.physical_channel_id);
  w.be16(m.dialed_number_length).be16(m.dialing_number_length);
  w.padded(m.dialed_number, kPhoneNumberSize).padded(m.dialing_number, kPhoneNumberSize);
  w.padded(m.subaddress, kPhoneNumberSize);
}

void write(ByteWriter& w, const IncomingCallReply& m) {
  w.be16(m.call_id).be16(m.peer_call_id).u8(m.result_code).u8(m.error_code);
  w.be16(m.packet_recv_window_size).be16(m.packet_transmit_delay).be16(m.reserved1);
}

void write(ByteWriter& w, const IncomingCallConnected& m) {
  w.be16(m.peer_call_id).be16(m.reserved1).be32(m.connect_speed);
  w.be16(m.packet_recv_window_size).be16(m.packet_transmit_delay).be32(m.framing_type);
}

void write(ByteWriter& w, const CallClearRequest& m) { w.be16(m.call_id).be16(m.reserved1); }

void write(ByteWriter& w, const CallDisconnectNotify& m) {
  w.be16(m.call_id).u8(m.result_code).u8(m.error_code).be16(m.cause_code).be16(m.reserved1);
  w.padded(m.call_statistics, kCallStatisticsSize);
}

void write(ByteWriter& w, const WanErrorNotify& m) {
  w.be16(m.peer_call_id).be16(m.reserved1).be32(m.crc_errors).be32(m.framing_errors);
  w.be32(m.hardware_overruns).be32(m.buffer_overruns).be32(m.timeout_errors).be32(m.alignment_errors);
}

void write(ByteWriter& w, const SetLinkInfo& m) {
  w.be16(m.peer_call_id).be16(m.reserved1).be32(m.send_accm).be32(m.receive_accm);
}

template <typename T>
void match_length(std::uint16_t type, std::optional<std::size_t>& out) {
  if constexpr (!std::is_same_v<T, UnknownMessage>)
    if (static_cast<std::uint16_t>(T::kType) == type) out = T::kLength;
}

template <std::size_t... I>
std::optional<std::size_t> length_for(std::uint16_t type, std::index_sequence<I...>) {
  std::optional<std::size_t> out;
  (match_length<std::variant_alternative_t<I, Body>>(type, out), ...);
  return out;
}

}  // namespace

std::optional<std::size_t> fixed_length(std::uint16_t control_message_type) {
  return length_for(control_message_type, std::make_index_sequence<std::variant_size_v<Body>>{});
}

std::uint16_t control_message_type_of(const Body& body) {
  return std::visit(
      [](const auto& m) -> std::uint16_t {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, UnknownMessage>) return 0;
        else return static_cast<std::uint16_t>(T::kType);
      },
      body);
}

Message make_message(Body body) {
  Message m;
  m.body = std::move(body);
  m.header.control_message_type = control_message_type_of(m.body);
  m.header.length = static_cast<std::uint16_t>(encode(m).size());
  return m;
}

Bytes encode(const Message& message) {
  ByteWriter w(256);
  const std::uint16_t type = std::holds_alternative<UnknownMessage>(message.body)
                                 ? message.header.control_message_type
                                 : control_message_type_of(message.body);
  w.be16(0).be16(message.header.pptp_message_type).be32(kMagicCookie);
  w.be16(type).be16(message.header.reserved0);
  std::visit([&w](const auto& m) { write(w, m); }, message.body);
  w.patch_be16(0, static_cast<std::uint16_t>(w.size()));
  return w.take();
}

}  // namespace ts::pptp
