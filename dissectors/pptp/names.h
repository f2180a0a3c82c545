#pragma once
// PPTP name tables (RFC 2637 §1.4, §2), as data. Result Code meanings differ per message,
// so result_table() picks the table for a Control Message Type.
#include <cstdint>
#include <span>
#include <string>

#include "src/core/name_table.h"

namespace ts::pptp {

// §1.4 Control Message Types: abbrev "SCCRQ", name "Start-Control-Connection-Request".
std::span<const CodeName> control_message_types();
// §2.16 General Error Codes: abbrev "Bad-Format", name its description.
std::span<const CodeName> general_error_codes();
// §2.1 Framing Capabilities and §2.1 Bearer Capabilities bits ("async", "sync" / "analog",
// "digital").
std::span<const CodeName> framing_capability_bits();
std::span<const CodeName> bearer_capability_bits();
// §2.7 Bearer Type / Framing Type values (1 analog/async, 2 digital/sync, 3 any/either).
std::span<const CodeName> bearer_types();
std::span<const CodeName> framing_types();

// The Result Code table for a message: SCCRP §2.2, StopCCRQ Reason §2.3, StopCCRP §2.4,
// Echo-Reply §2.6, OCRP §2.8, ICRP §2.10, CDN §2.13. Empty for types without one.
std::span<const CodeName> result_table(std::uint16_t control_message_type);

// "SCCRQ" or "unknown(42)".
std::string message_abbrev(std::uint16_t control_message_type);
// "Connected" (OCRP, 1), "OK" (ECHORP, 1) or "unknown(9)".
std::string result_text(std::uint16_t control_message_type, std::uint8_t result);
// "Bad-Value" or "unknown(9)".
std::string error_text(std::uint8_t error_code);
// Set bits by abbrev joined with ',', unknown bits as hex ("async,0x8"), "none" for 0.
std::string bits_text(std::span<const CodeName> bits, std::uint32_t value);

}  // namespace ts::pptp
