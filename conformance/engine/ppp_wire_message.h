#pragma once
// PPP packets as WireMessages (wire_message.h), for the matcher and the PPP script peer.
//
// ppp_wire_message(): one PPP frame (Address/Control and Protocol possibly compressed, no
// HDLC flags, escapes or FCS; RFC 1661 §2, RFC 1662 §3).
//   name:   PROTOCOL.CODE: LCP.ConfReq, LCP.ConfAck, LCP.ConfNak, LCP.ConfRej, LCP.TermReq,
//           LCP.TermAck, LCP.CodeRej, LCP.ProtRej, LCP.EchoReq, LCP.EchoRep, LCP.DiscReq,
//           LCP.Ident, LCP.TimeRem (RFC 1661 §5, RFC 1570); IPCP.* with codes 1-7 (RFC 1332
//           §2); PAP.AuthReq/AuthAck/AuthNak (RFC 1334 §2.2); CHAP.Challenge/Response/
//           Success/Failure (RFC 1994 §4); LCP.Code<n> / IPCP.Code<n> for an unknown code;
//           FRAME for any other protocol.
//   fields: control packets: id, length; Configure-*: options (the option keys in wire
//           order, comma-separated) then one KEY=VALUE per option (ppp_option_keys(): mru
//           decimal, accm and magic 0x%08x, auth pap|chap-md5|mschap-v1|mschap-v2|eap,
//           pfc/acfc "on", address/dns1/dns2/nbns1/nbns2 dotted quad, compression 0x%04x;
//           other types or bad lengths opt<N>=hex); Terminate-*: data (hex); Code-Reject:
//           rejected_code, rejected_id, rejected (hex); Protocol-Reject: rejected_protocol
//           (0x%04x), rejected (hex); Echo/Discard/Ident/TimeRem: magic, data.
//           PAP: id, peer_id, password (AuthReq) or message. CHAP: id, value (hex), name
//           (Challenge/Response), message (Success/Failure); MS-CHAPv2 Responses also
//           peer_challenge and nt_response (hex). FRAME: protocol (0x%04x), info (hex).
//   `chap` is the CHAP algorithm agreed by LCP (decode_chap's hint).
//   nullopt when the bytes are not a complete PPP frame; a control packet shorter than its
//   header is LCP.Truncated (IPCP.Truncated ...) with field length.
// kPppClosedMessage: the pseudo message recorded when the device closes the byte stream.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "conformance/engine/wire_message.h"
#include "dissectors/ppp/chap.h"
#include "src/core/bytes.h"

namespace ts::conformance {

inline constexpr const char* kPppClosedMessage = "CLOSED";

// How an option's value is written in scripts and wire messages.
enum class PppOptionFormat : std::uint8_t { decimal16, hex32, auth, flag, ipv4, hex16 };

struct PppOptionKey {
  std::uint16_t protocol;  // kLcp, kIpcp
  std::uint8_t type;
  std::string_view key;
  PppOptionFormat format;
};
std::span<const PppOptionKey> ppp_option_keys();

struct PppCodeName {
  std::uint16_t protocol;  // kLcp, kIpcp, kPap, kChap
  std::uint8_t code;
  std::string_view abbrev;  // ConfReq ...
};
std::span<const PppCodeName> ppp_code_names();
// "LCP", "IPCP", "PAP", "CHAP" <-> protocol number; 0 / "" when not a script protocol.
std::uint16_t ppp_script_protocol(std::string_view prefix);
std::string_view ppp_script_prefix(std::uint16_t protocol);

// The Authentication-Protocol values by script name (RFC 1334 §3.1, RFC 1994 §3, RFC 2759
// §2, RFC 3748): pap, chap-md5, mschap-v1, mschap-v2, eap.
struct PppAuthName {
  std::string_view name;
  std::uint16_t protocol;
  std::uint8_t chap_algorithm;  // 0 when not CHAP
};
std::span<const PppAuthName> ppp_auth_names();

// The value text of an option (nullopt: not a keyed option of the right length, shown as
// opt<N>=hex).
std::optional<std::string> ppp_option_value(const PppOptionKey& k, ByteView data);

std::optional<WireMessage> ppp_wire_message(ByteView frame, ts::ppp::ChapAlgorithm chap);

}  // namespace ts::conformance
