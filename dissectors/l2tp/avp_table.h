#pragma once
// The AVPs of RFC 2661 §4.4 as data: name, value format, allowed value lengths and the
// M/H rules each AVP's clause states. Used by decode() checks, summarize() and describe().
//
// Contract: lengths are Attribute Value octets (AVP Length minus 6) before hiding.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ts::l2tp {

// IETF attribute types (vendor 0), RFC 2661 §4.4.
enum class AvpType : std::uint16_t {
  message_type = 0, result_code = 1, protocol_version = 2, framing_capabilities = 3,
  bearer_capabilities = 4, tie_breaker = 5, firmware_revision = 6, host_name = 7,
  vendor_name = 8, assigned_tunnel_id = 9, receive_window_size = 10, challenge = 11,
  q931_cause_code = 12, challenge_response = 13, assigned_session_id = 14,
  call_serial_number = 15, minimum_bps = 16, maximum_bps = 17, bearer_type = 18,
  framing_type = 19, called_number = 21, calling_number = 22, sub_address = 23,
  tx_connect_speed = 24, physical_channel_id = 25, initial_received_lcp_confreq = 26,
  last_sent_lcp_confreq = 27, last_received_lcp_confreq = 28, proxy_authen_type = 29,
  proxy_authen_name = 30, proxy_authen_challenge = 31, proxy_authen_id = 32,
  proxy_authen_response = 33, call_errors = 34, accm = 35, random_vector = 36,
  private_group_id = 37, rx_connect_speed = 38, sequencing_required = 39,
};
constexpr std::uint16_t to_u16(AvpType t) { return static_cast<std::uint16_t>(t); }

enum class AvpFormat : std::uint8_t { none, u16, u32, u64, string, bytes, structured };

struct AvpInfo {
  std::uint16_t type;
  std::string_view name;         // RFC name, e.g. "Assigned Tunnel ID"
  std::string_view key;          // short snake_case key for summaries, e.g. "assigned_tunnel"
  AvpFormat format;
  std::uint16_t min_len;         // value octets
  std::uint16_t max_len;         // value octets (1017 = open-ended)
  bool mandatory;                // the value the M bit MUST have
  bool may_hide;                 // false: the H bit MUST be 0
  std::string_view clause;       // e.g. "RFC 2661 §4.4.3"
};

std::span<const AvpInfo> avp_table();
// nullptr for an attribute type RFC 2661 does not define (vendor 0 only).
const AvpInfo* find_avp_info(std::uint16_t vendor_id, std::uint16_t type);
// The entry whose `key` is `key` ("assigned_tunnel"); nullptr for none.
const AvpInfo* find_avp_info_by_key(std::string_view key);
// "Host Name", or "unknown(42)" / "vendor 9 type 42".
std::string avp_name(std::uint16_t vendor_id, std::uint16_t type);

}  // namespace ts::l2tp
