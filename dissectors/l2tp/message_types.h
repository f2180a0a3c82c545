#pragma once
// L2TP name tables as data: control message types (RFC 2661 §3.2), Result Codes for
// StopCCN and CDN and the General Error codes (§4.4.2), Proxy Authen Types (§4.4.5).
// Abbreviations are the RFC's; for result codes the abbreviation is a short label.
#include <cstdint>
#include <span>

#include "src/core/name_table.h"

namespace ts::l2tp {

enum class MessageType : std::uint16_t {
  sccrq = 1, sccrp = 2, scccn = 3, stopccn = 4, hello = 6, ocrq = 7, ocrp = 8, occn = 9,
  icrq = 10, icrp = 11, iccn = 12, cdn = 14, wen = 15, sli = 16,
};
constexpr std::uint16_t to_u16(MessageType t) { return static_cast<std::uint16_t>(t); }

// Defined types only: the reserved values 0, 5 and 13 are absent (unknown).
std::span<const CodeName> message_type_names();
// Result Code values: StopCCN and CDN define different meanings for the same numbers.
std::span<const CodeName> stopccn_result_names();
std::span<const CodeName> cdn_result_names();
std::span<const CodeName> general_error_names();
std::span<const CodeName> proxy_authen_type_names();

}  // namespace ts::l2tp
