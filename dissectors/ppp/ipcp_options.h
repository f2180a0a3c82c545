#pragma once
// IPCP Configuration Options (RFC 1332 §3, RFC 1877 §1): table, typed views, summaries.
// Addresses are returned host-order uint32 (a.b.c.d == a<<24|b<<16|c<<8|d).
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/option_spec.h"
#include "src/core/diagnostic.h"
#include "src/core/fields.h"

namespace ts::ppp {

namespace ipcp_opt {
inline constexpr std::uint8_t kIpAddresses = 1;        // RFC 1332 §3.1 (deprecated)
inline constexpr std::uint8_t kIpCompression = 2;      // RFC 1332 §3.2
inline constexpr std::uint8_t kIpAddress = 3;          // RFC 1332 §3.3
inline constexpr std::uint8_t kPrimaryDns = 129;       // RFC 1877 §1.1
inline constexpr std::uint8_t kPrimaryNbns = 130;      // RFC 1877 §1.2
inline constexpr std::uint8_t kSecondaryDns = 131;     // RFC 1877 §1.3
inline constexpr std::uint8_t kSecondaryNbns = 132;    // RFC 1877 §1.4
}  // namespace ipcp_opt

struct IpCompression {
  std::uint16_t protocol = 0;   // 0x002D Van Jacobson
  std::uint8_t max_slot_id = 0; // VJ only (RFC 1332 §4.1)
  std::uint8_t comp_slot_id = 0;
  bool vj_fields = false;       // true when the two VJ octets were present
};

std::span<const OptionSpec> ipcp_option_specs();

std::optional<std::uint32_t> ipcp_address(const ControlPacket& p);
std::optional<std::uint32_t> ipcp_dns(const ControlPacket& p, bool primary = true);
std::optional<std::uint32_t> ipcp_nbns(const ControlPacket& p, bool primary = true);
std::optional<IpCompression> ipcp_compression(const ControlPacket& p);

std::string ipv4_text(std::uint32_t addr);  // "192.0.2.1"
std::string summarize_ipcp_option(const ConfigOption& o);
void describe_ipcp_option(const ConfigOption& o, Field& obj);
void check_ipcp_option(const ConfigOption& o, Diagnostics& out);

}  // namespace ts::ppp
