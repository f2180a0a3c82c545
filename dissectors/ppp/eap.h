#pragma once
// EAP packets (RFC 3748 §4, §5) as carried in PPP (protocol 0xC227):
//   Code(1) Identifier(1) Length(2) [Type(1) Type-Data] (Type only in Request/Response).
// Type-data is interpreted for Identity/Notification (text), legacy Nak (desired types,
// RFC 3748 §5.3.1), MD5-Challenge (Value-Size/Value/Name, §5.4), Expanded (§5.7),
// TLS-style methods TLS 13 / TTLS 21 / PEAP 25 / FAST 43 (Flags L/M/S + version, TLS
// Message Length: RFC 5216 §3.1) and EAP-MSCHAPv2 26 (draft-kamath-pppext-eap-mschapv2:
// OpCode, MS-CHAPv2-ID, MS-Length, Value-Size/Value/Name or Message).
// Views point into the decoded buffer.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dissectors/ppp/mschap_messages.h"
#include "src/core/bytes.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"
#include "src/core/name_table.h"

namespace ts::ppp {

namespace eap_code {
inline constexpr std::uint8_t kRequest = 1;
inline constexpr std::uint8_t kResponse = 2;
inline constexpr std::uint8_t kSuccess = 3;
inline constexpr std::uint8_t kFailure = 4;
}  // namespace eap_code

namespace eap_type {
inline constexpr std::uint8_t kIdentity = 1;
inline constexpr std::uint8_t kNotification = 2;
inline constexpr std::uint8_t kNak = 3;
inline constexpr std::uint8_t kMd5Challenge = 4;
inline constexpr std::uint8_t kOtp = 5;
inline constexpr std::uint8_t kGtc = 6;
inline constexpr std::uint8_t kTls = 13;
inline constexpr std::uint8_t kLeap = 17;
inline constexpr std::uint8_t kSim = 18;
inline constexpr std::uint8_t kTtls = 21;
inline constexpr std::uint8_t kAka = 23;
inline constexpr std::uint8_t kPeap = 25;
inline constexpr std::uint8_t kMsChapV2 = 26;
inline constexpr std::uint8_t kTlv = 33;
inline constexpr std::uint8_t kFast = 43;
inline constexpr std::uint8_t kIkev2 = 49;
inline constexpr std::uint8_t kAkaPrime = 50;
inline constexpr std::uint8_t kPwd = 52;
inline constexpr std::uint8_t kExpanded = 254;
inline constexpr std::uint8_t kExperimental = 255;
}  // namespace eap_type

// TLS-style flags octet (RFC 5216 §3.1; PEAP/TTLS/FAST put a version in the low 3 bits).
inline constexpr std::uint8_t kEapTlsFlagL = 0x80;  // Length included
inline constexpr std::uint8_t kEapTlsFlagM = 0x40;  // More fragments
inline constexpr std::uint8_t kEapTlsFlagS = 0x20;  // EAP-TLS Start

struct EapTls {
  std::uint8_t flags = 0;
  std::uint8_t version = 0;                    // flags & 0x07 (PEAP, TTLS, FAST)
  std::optional<std::uint32_t> message_length; // present when L is set
  ByteView data;                               // TLS records (fragment)
  bool length_included() const { return (flags & kEapTlsFlagL) != 0; }
  bool more_fragments() const { return (flags & kEapTlsFlagM) != 0; }
  bool start() const { return (flags & kEapTlsFlagS) != 0; }
};

struct EapMsChapV2 {
  std::uint8_t opcode = 0;       // 1 Challenge, 2 Response, 3 Success, 4 Failure, 7 Change-Password
  std::uint8_t ms_chap_id = 0;   // absent (0) in a peer's one-octet Success/Failure
  std::uint16_t ms_length = 0;
  bool header_only = false;      // one-octet Success/Failure Response from the peer
  ByteView value;                // Challenge/Response
  ByteView name;                 // Challenge/Response
  ByteView message;              // Success/Failure request text, Change-Password data
  std::optional<MsChapV2Response> response;  // Response value split as RFC 2759 §4 (49 octets)
};

struct EapMd5 {
  ByteView value;
  ByteView name;
};

struct EapPacket {
  std::uint8_t code = 0;
  std::uint8_t identifier = 0;
  std::uint16_t length = 0;   // as on the wire (decode); recomputed by encode
  std::uint8_t type = 0;      // Request/Response only
  ByteView type_data;         // everything after Type
  // Interpretations of type_data, filled for the types above:
  std::vector<std::uint8_t> nak_types;  // legacy Nak desired types
  std::uint32_t vendor_id = 0;          // Expanded type (24 bits)
  std::uint32_t vendor_type = 0;        // Expanded type
  std::optional<EapTls> tls;
  std::optional<EapMd5> md5;
  std::optional<EapMsChapV2> mschapv2;
};

std::span<const CodeName> eap_code_names();
std::span<const CodeName> eap_type_names();

Decoded<EapPacket> decode_eap(ByteView info);
// Writes code, identifier, computed Length, and for Request/Response type + type_data.
Bytes encode_eap(const EapPacket& packet);
// Type-data builders for the interpreted formats (inverse of the decoder).
Bytes encode_eap_tls_data(const EapTls& tls);
Bytes encode_eap_mschapv2_data(const EapMsChapV2& m);

// "EAP Request id=1 Identity", "EAP Response id=2 Identity \"alice\"", "EAP Request id=3 PEAP flags=S ver=0".
std::string summarize(const EapPacket& packet);
void describe(const EapPacket& packet, Field& layer);

}  // namespace ts::ppp
