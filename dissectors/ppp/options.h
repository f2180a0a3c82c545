#pragma once
// Configuration Option knowledge dispatched by PPP protocol number (LCP, IPCP, IPv6CP,
// CCP/ECP). Each protocol's table and typed views live in <proto>_options.h.
#include <cstdint>
#include <span>
#include <string>

#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/option_spec.h"
#include "src/core/diagnostic.h"
#include "src/core/fields.h"

namespace ts::ppp {

// The option table of a control protocol; empty for protocols without one here.
std::span<const OptionSpec> option_specs(std::uint16_t ppp_protocol);
// "MRU=1400", "Auth=CHAP/MS-CHAPv2", "PFC", "MPPE=MPPE-128 stateless", "opt99(len=4)".
std::string summarize_option(std::uint16_t ppp_protocol, const ConfigOption& option);
// Appends one object (type, name, length, typed value fields or hex data) to `options_array`.
void describe_option(std::uint16_t ppp_protocol, const ConfigOption& option, Field& options_array);
// Length against the spec (ppp.option.bad_length), unknown type (ppp.option.unknown) and
// value rules (zero magic, MPPE reserved bits ...).
void check_option(std::uint16_t ppp_protocol, const ConfigOption& option, Diagnostics& out);

}  // namespace ts::ppp

namespace ts::ppp {
// Shared helpers for the per-protocol option files.
// True when `o` is in `table` and its Length is within the spec's range.
bool option_fits(std::span<const OptionSpec> table, const ConfigOption& o);
// Adds ppp.option.unknown / ppp.option.bad_length; returns true when the value may be read.
bool check_option_length(std::span<const OptionSpec> table, std::string_view proto, const ConfigOption& o,
                         Diagnostics& out);
}  // namespace ts::ppp
