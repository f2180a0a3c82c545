#include "dissectors/l2tp/avp_table.h"

#include <fmt/format.h>

namespace ts::l2tp {

namespace {
using F = AvpFormat;
constexpr std::uint16_t kOpen = 1017;  // 1023 - 6
constexpr std::string_view k441 = "RFC 2661 §4.4.1", k442 = "RFC 2661 §4.4.2",
                           k443 = "RFC 2661 §4.4.3", k444 = "RFC 2661 §4.4.4",
                           k445 = "RFC 2661 §4.4.5", k446 = "RFC 2661 §4.4.6";

// type, name, key, format, min, max, M must be, may hide, clause
constexpr AvpInfo kTable[] = {
    {0, "Message Type", "message_type", F::u16, 2, 2, true, false, k441},
    {1, "Result Code", "result", F::structured, 2, kOpen, true, false, k442},
    {2, "Protocol Version", "protocol_version", F::structured, 2, 2, true, false, k443},
    {3, "Framing Capabilities", "framing_caps", F::structured, 4, 4, true, true, k443},
    {4, "Bearer Capabilities", "bearer_caps", F::structured, 4, 4, true, true, k443},
    {5, "Tie Breaker", "tie_breaker", F::u64, 8, 8, false, false, k443},
    {6, "Firmware Revision", "firmware", F::u16, 2, 2, false, true, k443},
    {7, "Host Name", "host", F::string, 1, kOpen, true, false, k443},
    {8, "Vendor Name", "vendor", F::string, 0, kOpen, false, true, k443},
    {9, "Assigned Tunnel ID", "assigned_tunnel", F::u16, 2, 2, true, true, k443},
    {10, "Receive Window Size", "window", F::u16, 2, 2, true, false, k443},
    {11, "Challenge", "challenge", F::bytes, 1, kOpen, true, true, k443},
    {12, "Q.931 Cause Code", "q931", F::structured, 3, kOpen, true, false, k444},
    {13, "Challenge Response", "response", F::bytes, 16, 16, true, true, k443},
    {14, "Assigned Session ID", "assigned_session", F::u16, 2, 2, true, true, k444},
    {15, "Call Serial Number", "serial", F::u32, 4, 4, true, true, k444},
    {16, "Minimum BPS", "min_bps", F::u32, 4, 4, true, true, k444},
    {17, "Maximum BPS", "max_bps", F::u32, 4, 4, true, true, k444},
    {18, "Bearer Type", "bearer", F::structured, 4, 4, true, true, k444},
    {19, "Framing Type", "framing", F::structured, 4, 4, true, true, k444},
    {21, "Called Number", "called", F::string, 0, kOpen, true, true, k444},
    {22, "Calling Number", "calling", F::string, 0, kOpen, true, true, k444},
    {23, "Sub-Address", "sub_address", F::string, 0, kOpen, true, true, k444},
    {24, "(Tx) Connect Speed", "tx_speed", F::u32, 4, 4, true, true, k444},
    {25, "Physical Channel ID", "channel", F::u32, 4, 4, false, true, k444},
    {26, "Initial Received LCP CONFREQ", "initial_rx_confreq", F::bytes, 0, kOpen, false, true, k445},
    {27, "Last Sent LCP CONFREQ", "last_tx_confreq", F::bytes, 0, kOpen, false, true, k445},
    {28, "Last Received LCP CONFREQ", "last_rx_confreq", F::bytes, 0, kOpen, false, true, k445},
    {29, "Proxy Authen Type", "proxy_authen_type", F::structured, 2, 2, false, true, k445},
    {30, "Proxy Authen Name", "proxy_authen_name", F::string, 0, kOpen, false, true, k445},
    {31, "Proxy Authen Challenge", "proxy_authen_challenge", F::bytes, 1, kOpen, false, true, k445},
    {32, "Proxy Authen ID", "proxy_authen_id", F::structured, 2, 2, false, true, k445},
    {33, "Proxy Authen Response", "proxy_authen_response", F::bytes, 0, kOpen, false, true, k445},
    {34, "Call Errors", "call_errors", F::structured, 26, 26, true, true, k446},
    {35, "ACCM", "accm", F::structured, 10, 10, true, true, k446},
    {36, "Random Vector", "random_vector", F::bytes, 0, kOpen, true, false, k441},
    {37, "Private Group ID", "private_group", F::bytes, 0, kOpen, false, true, k444},
    {38, "Rx Connect Speed", "rx_speed", F::u32, 4, 4, false, true, k444},
    {39, "Sequencing Required", "sequencing_required", F::none, 0, 0, true, false, k444},
};
}  // namespace

std::span<const AvpInfo> avp_table() { return kTable; }

const AvpInfo* find_avp_info(std::uint16_t vendor_id, std::uint16_t type) {
  if (vendor_id != 0) return nullptr;
  for (const auto& e : kTable)
    if (e.type == type) return &e;
  return nullptr;
}

const AvpInfo* find_avp_info_by_key(std::string_view key) {
  for (const auto& e : kTable)
    if (e.key == key) return &e;
  return nullptr;
}

std::string avp_name(std::uint16_t vendor_id, std::uint16_t type) {
  if (const auto* info = find_avp_info(vendor_id, type)) return std::string(info->name);
  if (vendor_id != 0) return fmt::format("vendor {} type {}", vendor_id, type);
  return fmt::format("unknown({})", type);
}

}  // namespace ts::l2tp
