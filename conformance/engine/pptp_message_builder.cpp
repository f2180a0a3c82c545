#include "conformance/engine/pptp_message_builder.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>

#include "conformance/engine/text_number.h"
#include "dissectors/pptp/names.h"

namespace ts::conformance {

namespace {

using namespace ts::pptp;

// The settable fields of each body, RFC 2637 §2.1-§2.15 order (reserved fields included:
// a script may set them, the device then sees a Bad-Value).
template <class F> void each(StartControlConnectionRequest& m, F&& f) {
  f("protocol_version", m.protocol_version), f("reserved1", m.reserved1);
  f("framing_capabilities", m.framing_capabilities), f("bearer_capabilities", m.bearer_capabilities);
  f("maximum_channels", m.maximum_channels), f("firmware_revision", m.firmware_revision);
  f("host_name", m.host_name), f("vendor_string", m.vendor_string);
}
template <class F> void each(StartControlConnectionReply& m, F&& f) {
  f("protocol_version", m.protocol_version), f("result_code", m.result_code), f("error_code", m.error_code);
  f("framing_capabilities", m.framing_capabilities), f("bearer_capabilities", m.bearer_capabilities);
  f("maximum_channels", m.maximum_channels), f("firmware_revision", m.firmware_revision);
  f("host_name", m.host_name), f("vendor_string", m.vendor_string);
}
template <class F> void each(StopControlConnectionRequest& m, F&& f) {
  f("reason", m.reason), f("reserved1", m.reserved1), f("reserved2", m.reserved2);
}
template <class F> void each(StopControlConnectionReply& m, F&& f) {
  f("result_code", m.result_code), f("error_code", m.error_code), f("reserved1", m.reserved1);
}
template <class F> void each(EchoRequest& m, F&& f) { f("identifier", m.identifier); }
template <class F> void each(EchoReply& m, F&& f) {
  f("identifier", m.identifier), f("result_code", m.result_code), f("error_code", m.error_code);
  f("reserved1", m.reserved1);
}
template <class F> void each(OutgoingCallRequest& m, F&& f) {
  f("call_id", m.call_id), f("call_serial_number", m.call_serial_number);
  f("minimum_bps", m.minimum_bps), f("maximum_bps", m.maximum_bps);
  f("bearer_type", m.bearer_type), f("framing_type", m.framing_type);
  f("packet_recv_window_size", m.packet_recv_window_size), f("packet_processing_delay", m.packet_processing_delay);
  f("phone_number_length", m.phone_number_length), f("reserved1", m.reserved1);
  f("phone_number", m.phone_number), f("subaddress", m.subaddress);
}
template <class F> void each(OutgoingCallReply& m, F&& f) {
  f("call_id", m.call_id), f("peer_call_id", m.peer_call_id);
  f("result_code", m.result_code), f("error_code", m.error_code), f("cause_code", m.cause_code);
  f("connect_speed", m.connect_speed), f("packet_recv_window_size", m.packet_recv_window_size);
  f("packet_processing_delay", m.packet_processing_delay), f("physical_channel_id", m.physical_channel_id);
}
template <class F> void each(IncomingCallRequest& m, F&& f) {
  f("call_id", m.call_id), f("call_serial_number", m.call_serial_number);
  f("call_bearer_type", m.call_bearer_type), f("physical_channel_id", m.physical_channel_id);
  f("dialed_number_length", m.dialed_number_length), f("dialing_number_length", m.dialing_number_length);
  f("dialed_number", m.dialed_number), f("dialing_number", m.dialing_number), f("subaddress", m.subaddress);
}
template <class F> void each(IncomingCallReply& m, F&& f) {
  f("call_id", m.call_id), f("peer_call_id", m.peer_call_id);
  f("result_code", m.result_code), f("error_code", m.error_code);
  f("packet_recv_window_size", m.packet_recv_window_size), f("packet_transmit_delay", m.packet_transmit_delay);
  f("reserved1", m.reserved1);
}
template <class F> void each(IncomingCallConnected& m, F&& f) {
  f("peer_call_id", m.peer_call_id), f("reserved1", m.reserved1), f("connect_speed", m.connect_speed);
  f("packet_recv_window_size", m.packet_recv_window_size), f("packet_transmit_delay", m.packet_transmit_delay);
  f("framing_type", m.framing_type);
}
template <class F> void each(CallClearRequest& m, F&& f) { f("call_id", m.call_id), f("reserved1", m.reserved1); }
template <class F> void each(CallDisconnectNotify& m, F&& f) {
  f("call_id", m.call_id), f("result_code", m.result_code), f("error_code", m.error_code);
  f("cause_code", m.cause_code), f("reserved1", m.reserved1), f("call_statistics", m.call_statistics);
}
template <class F> void each(WanErrorNotify& m, F&& f) {
  f("peer_call_id", m.peer_call_id), f("reserved1", m.reserved1), f("crc_errors", m.crc_errors);
  f("framing_errors", m.framing_errors), f("hardware_overruns", m.hardware_overruns);
  f("buffer_overruns", m.buffer_overruns), f("timeout_errors", m.timeout_errors);
  f("alignment_errors", m.alignment_errors);
}
template <class F> void each(SetLinkInfo& m, F&& f) {
  f("peer_call_id", m.peer_call_id), f("reserved1", m.reserved1);
  f("send_accm", m.send_accm), f("receive_accm", m.receive_accm);
}
template <class F> void each(UnknownMessage&, F&&) {}

// Sets `key` of the body to `value`: nullopt when set, else the error.
std::optional<std::string> set_field(Body& body, const std::string& key, const std::string& value) {
  std::optional<std::string> error = "unknown field '" + key + "'";
  std::visit(
      [&](auto& m) {
        each(m, [&](std::string_view name, auto& member) {
          if (name != key) return;
          using T = std::decay_t<decltype(member)>;
          if constexpr (std::is_same_v<T, std::string>) {
            member = value;
            error.reset();
          } else {
            const auto n = parse_number(value);
            if (!n || *n > std::numeric_limits<T>::max()) {
              error = "bad value '" + value + "' for " + key;
              return;
            }
            member = static_cast<T>(*n);
            error.reset();
          }
        });
      },
      body);
  return error;
}

template <std::size_t I = 0>
std::optional<Body> body_of_type(std::uint16_t type) {
  if constexpr (I < std::variant_size_v<Body>) {
    using T = std::variant_alternative_t<I, Body>;
    if constexpr (!std::is_same_v<T, UnknownMessage>)
      if (static_cast<std::uint16_t>(T::kType) == type) return Body{std::in_place_index<I>};
    return body_of_type<I + 1>(type);
  }
  return std::nullopt;
}

// The header fields: octet offset and width in the 12-octet header (RFC 2637 §1.4).
struct HeaderField {
  std::string_view key;
  std::size_t offset;
  std::size_t width;
};
constexpr HeaderField kHeaderFields[] = {{"length", 0, 2},
                                         {"pptp_message_type", 2, 2},
                                         {"magic_cookie", 4, 4},
                                         {"control_message_type", 8, 2},
                                         {"reserved0", 10, 2}};

// The length field that goes with a number text field.
std::string_view length_key(std::string_view key) {
  if (key == "phone_number") return "phone_number_length";
  if (key == "dialed_number") return "dialed_number_length";
  if (key == "dialing_number") return "dialing_number_length";
  return {};
}

}  // namespace

Result<Body> pptp_body(const std::string& name) {
  for (const auto& n : control_message_types())
    if (n.abbrev == name)
      if (auto b = body_of_type(static_cast<std::uint16_t>(n.code))) return *b;
  return Error{"no PPTP control message '" + name + "'"};
}

Result<Bytes> build_pptp_message(Body body, const std::vector<ResolvedField>& fields) {
  std::vector<std::pair<const HeaderField*, std::uint64_t>> header;
  std::vector<std::string> set;
  for (const auto& f : fields) {
    const HeaderField* h = nullptr;
    for (const auto& hf : kHeaderFields)
      if (hf.key == f.key) h = &hf;
    if (h) {
      if (!f.deliberate) return Error{f.key + " is the framing's: write !" + f.key + "= to break it on purpose"};
      const auto n = parse_number(f.value);
      if (!n || *n >> (8 * h->width) != 0) return Error{"bad value '" + f.value + "' for " + f.key};
      header.emplace_back(h, *n);
      continue;
    }
    if (auto e = set_field(body, f.key, f.value)) return Error{*e};
    set.push_back(f.key);
  }
  // A number set without its length: the length follows (§2.7, §2.9 "Phone Number Length").
  for (const auto& key : set) {
    const auto lk = length_key(key);
    if (lk.empty() || std::find(set.begin(), set.end(), lk) != set.end()) continue;
    const auto& value = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.key == key; })->value;
    set_field(body, std::string(lk), std::to_string(std::min<std::size_t>(value.size(), kPhoneNumberSize)));
  }
  Bytes bytes = encode(make_message(std::move(body)));
  for (const auto& [h, value] : header) {
    if (h->key == "length" && value >= kHeaderSize) bytes.resize(value, 0);
    for (std::size_t i = 0; i < h->width; ++i)
      bytes[h->offset + i] = static_cast<std::uint8_t>(value >> (8 * (h->width - 1 - i)));
  }
  return bytes;
}

}  // namespace ts::conformance
