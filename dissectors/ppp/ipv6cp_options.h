#pragma once
// IPv6CP Configuration Options (RFC 5072 §4; compression option type 2 from RFC 2472 §4.2).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/option_spec.h"
#include "src/core/diagnostic.h"
#include "src/core/fields.h"

namespace ts::ppp {

namespace ipv6cp_opt {
inline constexpr std::uint8_t kInterfaceIdentifier = 1;  // RFC 5072 §4.1
inline constexpr std::uint8_t kIpv6Compression = 2;      // RFC 2472 §4.2
}  // namespace ipv6cp_opt

using InterfaceId = std::array<std::uint8_t, 8>;

std::span<const OptionSpec> ipv6cp_option_specs();
std::optional<InterfaceId> ipv6cp_interface_id(const ControlPacket& p);
std::string interface_id_text(const InterfaceId& id);  // "0211:22ff:fe33:4455"
std::string summarize_ipv6cp_option(const ConfigOption& o);
void describe_ipv6cp_option(const ConfigOption& o, Field& obj);
void check_ipv6cp_option(const ConfigOption& o, Diagnostics& out);

}  // namespace ts::ppp
