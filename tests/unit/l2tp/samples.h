#pragma once
// Sample L2TP messages for the L2TP unit tests: one valid message per control message type
// (every MUST AVP of RFC 2661 §6.x and a selection of MAY AVPs), and helpers to compare.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"
#include "dissectors/l2tp/message_types.h"

namespace l2tp_test {

using namespace ts;
using namespace ts::l2tp;

inline Header control_header(std::uint16_t tunnel, std::uint16_t session, std::uint16_t ns, std::uint16_t nr) {
  Header h;
  h.type_control = true;
  h.length_present = true;
  h.sequence_present = true;
  h.tunnel_id = tunnel;
  h.session_id = session;
  h.ns = ns;
  h.nr = nr;
  return h;
}

inline Bytes seq_bytes(std::size_t n, std::uint8_t start) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(start + i);
  return b;
}

inline std::vector<Avp> sample_avps(MessageType t) {
  using A = AvpType;
  const auto u = [](A a) { return to_u16(a); };
  switch (t) {
    case MessageType::sccrq:
      return {make_avp_protocol_version(), make_avp_string(u(A::host_name), "lac1", true),
              make_avp_framing(A::framing_capabilities, true, true),
              make_avp_u16(u(A::assigned_tunnel_id), 12, true),
              make_avp_bearer(A::bearer_capabilities, true, false),
              make_avp_u16(u(A::receive_window_size), 4, true),
              make_avp_bytes(u(A::challenge), seq_bytes(16, 1), true),
              make_avp_u64(u(A::tie_breaker), 0x0102030405060708ULL, false),
              make_avp_u16(u(A::firmware_revision), 0x0100, false),
              make_avp_string(u(A::vendor_name), "tunnelscope", false)};
    case MessageType::sccrp:
      return {make_avp_protocol_version(), make_avp_framing(A::framing_capabilities, false, true),
              make_avp_string(u(A::host_name), "lns1", true),
              make_avp_u16(u(A::assigned_tunnel_id), 34, true),
              make_avp_bytes(u(A::challenge_response), seq_bytes(16, 0x40), true),
              make_avp_u16(u(A::receive_window_size), 8, true)};
    case MessageType::scccn:
      return {make_avp_bytes(u(A::challenge_response), seq_bytes(16, 0x80), true)};
    case MessageType::stopccn:
      return {make_avp_u16(u(A::assigned_tunnel_id), 12, true),
              make_avp_result_code({1, std::uint16_t{0}, "bye"})};
    case MessageType::hello: return {};
    case MessageType::ocrq:
      return {make_avp_u16(u(A::assigned_session_id), 5, true),
              make_avp_u32(u(A::call_serial_number), 77, true),
              make_avp_u32(u(A::minimum_bps), 9600, true), make_avp_u32(u(A::maximum_bps), 64000, true),
              make_avp_bearer(A::bearer_type, false, true), make_avp_framing(A::framing_type, false, true),
              make_avp_string(u(A::called_number), "5551234", true),
              make_avp_string(u(A::sub_address), "12", true)};
    case MessageType::ocrp:
      return {make_avp_u16(u(A::assigned_session_id), 6, true),
              make_avp_u32(u(A::physical_channel_id), 3, false)};
    case MessageType::occn:
      return {make_avp_u32(u(A::tx_connect_speed), 64000, true),
              make_avp_framing(A::framing_type, false, true),
              make_avp_u32(u(A::rx_connect_speed), 56000, false),
              make_avp(u(A::sequencing_required), {}, true)};
    case MessageType::icrq:
      return {make_avp_u16(u(A::assigned_session_id), 3, true),
              make_avp_u32(u(A::call_serial_number), 1001, true),
              make_avp_bearer(A::bearer_type, true, false),
              make_avp_u32(u(A::physical_channel_id), 7, false),
              make_avp_string(u(A::calling_number), "5550000", true),
              make_avp_string(u(A::called_number), "5551111", true),
              make_avp_string(u(A::sub_address), "", true)};
    case MessageType::icrp: return {make_avp_u16(u(A::assigned_session_id), 4, true)};
    case MessageType::iccn:
      return {make_avp_u32(u(A::tx_connect_speed), 115200, true),
              make_avp_framing(A::framing_type, true, false),
              make_avp_bytes(u(A::initial_received_lcp_confreq), Bytes{1, 4, 5, 0xdc}, false),
              make_avp_bytes(u(A::last_sent_lcp_confreq), Bytes{1, 4, 5, 0xdc}, false),
              make_avp_bytes(u(A::last_received_lcp_confreq), Bytes{3, 5, 0xc2, 0x23, 5}, false),
              make_avp_u16(u(A::proxy_authen_type), 2, false),
              make_avp_string(u(A::proxy_authen_name), "alice", false),
              make_avp_bytes(u(A::proxy_authen_challenge), seq_bytes(16, 9), false),
              make_avp_proxy_authen_id(42),
              make_avp_bytes(u(A::proxy_authen_response), seq_bytes(16, 0x30), false),
              make_avp_bytes(u(A::private_group_id), Bytes{'g', '1'}, false),
              make_avp_u32(u(A::rx_connect_speed), 33600, false),
              make_avp(u(A::sequencing_required), {}, true)};
    case MessageType::cdn:
      return {make_avp_result_code({3, std::uint16_t{0}, ""}),
              make_avp_u16(u(A::assigned_session_id), 3, true),
              make_avp_q931_cause({16, 0x45, "normal"})};
    case MessageType::wen: return {make_avp_call_errors({0, 1, 2, 3, 4, 5, 6})};
    case MessageType::sli: return {make_avp_accm({0, 0, 0xffffffff})};
  }
  return {};
}

inline std::vector<MessageType> all_message_types() {
  using M = MessageType;
  return {M::sccrq, M::sccrp, M::scccn, M::stopccn, M::hello, M::ocrq, M::ocrp,
          M::occn,  M::icrq,  M::icrp,  M::iccn,    M::cdn,   M::wen,  M::sli};
}

inline Message sample_message(MessageType t) {
  Message m;
  // Tunnel-scoped messages and the session openers (ICRQ, OCRQ) carry Session ID 0.
  const bool session_scoped = t != MessageType::sccrq && t != MessageType::sccrp &&
                              t != MessageType::scccn && t != MessageType::stopccn &&
                              t != MessageType::hello && t != MessageType::icrq &&
                              t != MessageType::ocrq;
  m.header = control_header(t == MessageType::sccrq ? 0 : 12, session_scoped ? 3 : 0, 2, 5);
  m.message_type = to_u16(t);
  m.avps = sample_avps(t);
  return m;
}

// Field-by-field equality of AVPs as the tests need it (values by content).
inline void check_same_avps(const std::vector<Avp>& got, const std::vector<Avp>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("AVP #" << i << " type " << want[i].attribute_type);
    CHECK(got[i].mandatory == want[i].mandatory);
    CHECK(got[i].hidden == want[i].hidden);
    CHECK(got[i].vendor_id == want[i].vendor_id);
    CHECK(got[i].attribute_type == want[i].attribute_type);
    const ByteView g = got[i].value(), w = want[i].value();
    CHECK(Bytes(g.begin(), g.end()) == Bytes(w.begin(), w.end()));
  }
}

inline void check_same_header(const Header& got, const Header& want) {
  CHECK(got.type_control == want.type_control);
  CHECK(got.length_present == want.length_present);
  CHECK(got.sequence_present == want.sequence_present);
  CHECK(got.offset_present == want.offset_present);
  CHECK(got.priority == want.priority);
  CHECK(got.reserved_bits == 0);
  CHECK(got.version == 2);
  CHECK(got.tunnel_id == want.tunnel_id);
  CHECK(got.session_id == want.session_id);
  CHECK(got.ns == want.ns);
  CHECK(got.nr == want.nr);
  CHECK(got.offset_size == want.offset_size);
}

inline std::string diag_ids(const Diagnostics& d) {
  std::string s;
  for (const auto& x : d) s += std::string(x.def->id) + "(" + x.detail + ") ";
  return s;
}

inline bool has_diag(const Diagnostics& d, std::string_view id) {
  for (const auto& x : d)
    if (x.def->id == id) return true;
  return false;
}

}  // namespace l2tp_test
