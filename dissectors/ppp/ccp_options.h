#pragma once
// CCP Configuration Options (RFC 1962 §4) including MPPC/MPPE option 18 (RFC 2118 §2,
// RFC 3078 §2): table, typed views, summaries. ECP (RFC 1968) options are not tabled here.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/option_spec.h"
#include "src/core/diagnostic.h"
#include "src/core/fields.h"

namespace ts::ppp {

namespace ccp_opt {
inline constexpr std::uint8_t kOui = 0;            // RFC 1962 §4.1
inline constexpr std::uint8_t kPredictor1 = 1;     // RFC 1978
inline constexpr std::uint8_t kPredictor2 = 2;     // RFC 1978
inline constexpr std::uint8_t kPuddleJumper = 3;
inline constexpr std::uint8_t kHpPpc = 16;
inline constexpr std::uint8_t kStacLzs = 17;       // RFC 1974
inline constexpr std::uint8_t kMppe = 18;          // RFC 2118 §2 / RFC 3078 §2 (MPPC/MPPE)
inline constexpr std::uint8_t kGandalfFza = 19;    // RFC 1993
inline constexpr std::uint8_t kV42bis = 20;
inline constexpr std::uint8_t kBsdCompress = 21;   // RFC 1977
inline constexpr std::uint8_t kLzsDcp = 23;        // RFC 1967
inline constexpr std::uint8_t kMvrca = 24;         // RFC 1975
inline constexpr std::uint8_t kDeflate = 26;       // RFC 1979
}  // namespace ccp_opt

// Supported Bits of option 18 (RFC 3078 §2 figure; RFC 2118 §2 for C).
inline constexpr std::uint32_t kMppcBitC = 0x00000001;  // MPPC compression
inline constexpr std::uint32_t kMppeBitD = 0x00000010;  // obsolete
inline constexpr std::uint32_t kMppeBitL = 0x00000020;  // 40-bit keys
inline constexpr std::uint32_t kMppeBitS = 0x00000040;  // 128-bit keys
inline constexpr std::uint32_t kMppeBitM = 0x00000080;  // 56-bit keys
inline constexpr std::uint32_t kMppeBitH = 0x01000000;  // stateless mode
inline constexpr std::uint32_t kMppeKnownBits = kMppcBitC | kMppeBitD | kMppeBitL | kMppeBitS | kMppeBitM | kMppeBitH;

struct MppeBits {
  std::uint32_t raw = 0;
  bool mppc = false;       // C
  bool obsolete_d = false; // D
  bool bits40 = false;     // L
  bool bits56 = false;     // M
  bool bits128 = false;    // S
  bool stateless = false;  // H
  std::uint32_t reserved = 0;  // raw & ~kMppeKnownBits (must be 0)

  static MppeBits from_raw(std::uint32_t raw);
  // "MPPE-128 stateless", "MPPE-40,128 MPPC", "none".
  std::string text() const;
};

std::span<const OptionSpec> ccp_option_specs();
std::optional<MppeBits> ccp_mppe(const ControlPacket& p);
std::string summarize_ccp_option(const ConfigOption& o);
void describe_ccp_option(const ConfigOption& o, Field& obj);
void check_ccp_option(const ConfigOption& o, Diagnostics& out);

}  // namespace ts::ppp
