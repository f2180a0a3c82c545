#pragma once
// PPP Protocol field values (RFC 1661 §2, IANA "PPP DLL Protocol Numbers") and their names.
// Contract: constants only plus a name table; no decoding here.
#include <cstdint>
#include <span>
#include <string>

#include "src/core/name_table.h"

namespace ts::ppp {

// Network-layer datagrams (0x0xxx-0x3xxx).
inline constexpr std::uint16_t kIpv4 = 0x0021;
inline constexpr std::uint16_t kVjCompressed = 0x002D;    // RFC 1332 §4 / RFC 1144
inline constexpr std::uint16_t kVjUncompressed = 0x002F;  // RFC 1332 §4 / RFC 1144
inline constexpr std::uint16_t kBridged = 0x0031;         // RFC 3518 (BCP data)
inline constexpr std::uint16_t kMp = 0x003D;              // RFC 1990 multilink
inline constexpr std::uint16_t kIpv6 = 0x0057;
inline constexpr std::uint16_t kEncrypted = 0x0053;       // RFC 1968 (ECP data)
inline constexpr std::uint16_t kIndividualLinkEncrypted = 0x0055;
inline constexpr std::uint16_t kCompressed = 0x00FD;      // RFC 1962 (CCP data; MPPE/MPPC)
inline constexpr std::uint16_t kIndividualLinkCompressed = 0x00FB;
// Network control protocols (0x8xxx-0xbxxx).
inline constexpr std::uint16_t kIpcp = 0x8021;    // RFC 1332
inline constexpr std::uint16_t kBcp = 0x8031;     // RFC 3518
inline constexpr std::uint16_t kEcp = 0x8053;     // RFC 1968
inline constexpr std::uint16_t kIpv6cp = 0x8057;  // RFC 5072
inline constexpr std::uint16_t kIndividualLinkEcp = 0x8055;
inline constexpr std::uint16_t kIndividualLinkCcp = 0x80FB;
inline constexpr std::uint16_t kCcp = 0x80FD;     // RFC 1962
// Link-layer control protocols (0xcxxx-0xfxxx).
inline constexpr std::uint16_t kLcp = 0xC021;   // RFC 1661
inline constexpr std::uint16_t kPap = 0xC023;   // RFC 1334
inline constexpr std::uint16_t kLqr = 0xC025;   // RFC 1989
inline constexpr std::uint16_t kCbcp = 0xC029;  // Microsoft callback control
inline constexpr std::uint16_t kBap = 0xC02D;   // RFC 2125
inline constexpr std::uint16_t kChap = 0xC223;  // RFC 1994
inline constexpr std::uint16_t kEap = 0xC227;   // RFC 3748

// Protocol name table: abbrev ("LCP") and long name.
std::span<const CodeName> protocol_names();
// "LCP" or "0x1234".
std::string protocol_abbrev(std::uint16_t protocol);

// Protocols whose packets use the RFC 1661 §5 Code/Identifier/Length/Options format and
// that decode_control() understands.
bool is_control_protocol(std::uint16_t protocol);

}  // namespace ts::ppp
