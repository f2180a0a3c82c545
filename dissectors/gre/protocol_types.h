#pragma once
// GRE Protocol Type names (RFC 2784 §2.4: Ethernet types; RFC 1701 protocol list;
// RFC 2637 §4.1 for PPP), as data.
#include <cstdint>
#include <span>
#include <string>

#include "src/core/name_table.h"

namespace ts::gre {

std::span<const CodeName> protocol_types();
// "PPP", "IPv4", ... or "unknown(0x1234)".
std::string protocol_abbrev(std::uint16_t protocol_type);

}  // namespace ts::gre
