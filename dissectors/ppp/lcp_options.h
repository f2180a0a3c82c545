#pragma once
// LCP Configuration Options (RFC 1661 §6, RFC 1662 §7.1, RFC 1570 §2, RFC 1990 §5.1,
// RFC 2125, RFC 2484): the table of types with allowed lengths, typed views over a decoded
// ControlPacket, and summaries. Typed views return nullopt when the option is absent or its
// length is wrong (a diagnostic reports the latter at decode time).
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/option_spec.h"
#include "src/core/diagnostic.h"
#include "src/core/fields.h"

namespace ts::ppp {

namespace lcp_opt {
inline constexpr std::uint8_t kVendorSpecific = 0;
inline constexpr std::uint8_t kMru = 1;
inline constexpr std::uint8_t kAccm = 2;
inline constexpr std::uint8_t kAuthProtocol = 3;
inline constexpr std::uint8_t kQualityProtocol = 4;
inline constexpr std::uint8_t kMagicNumber = 5;
inline constexpr std::uint8_t kPfc = 7;
inline constexpr std::uint8_t kAcfc = 8;
inline constexpr std::uint8_t kFcsAlternatives = 9;
inline constexpr std::uint8_t kSelfDescribingPadding = 10;
inline constexpr std::uint8_t kNumberedMode = 11;
inline constexpr std::uint8_t kCallback = 13;
inline constexpr std::uint8_t kCompoundFrames = 15;
inline constexpr std::uint8_t kMrru = 17;
inline constexpr std::uint8_t kShortSequence = 18;
inline constexpr std::uint8_t kEndpointDiscriminator = 19;
inline constexpr std::uint8_t kLinkDiscriminator = 23;
inline constexpr std::uint8_t kInternationalization = 28;
}  // namespace lcp_opt

// CHAP algorithm octet of the Authentication-Protocol option (RFC 1994 §3; RFC 2433 §2;
// RFC 2759 §2).
inline constexpr std::uint8_t kChapMd5 = 5;
inline constexpr std::uint8_t kChapMsV1 = 0x80;
inline constexpr std::uint8_t kChapMsV2 = 0x81;

struct AuthProtocol {
  std::uint16_t protocol = 0;      // kPap, kChap, kEap, ...
  std::uint8_t chap_algorithm = 0; // only for CHAP; 0 when absent
};

std::span<const OptionSpec> lcp_option_specs();

std::optional<std::uint16_t> lcp_mru(const ControlPacket& p);
std::optional<std::uint32_t> lcp_accm(const ControlPacket& p);
std::optional<AuthProtocol> lcp_auth(const ControlPacket& p);
std::optional<std::uint32_t> lcp_magic(const ControlPacket& p);
std::optional<std::uint16_t> lcp_mrru(const ControlPacket& p);

// "PAP", "CHAP/MD5", "CHAP/MS-CHAPv2", "EAP", "CHAP/alg=0x12".
std::string auth_protocol_text(const AuthProtocol& a);
std::string summarize_lcp_option(const ConfigOption& o);
void describe_lcp_option(const ConfigOption& o, Field& obj);  // adds value fields to obj
void check_lcp_option(const ConfigOption& o, Diagnostics& out);

}  // namespace ts::ppp
