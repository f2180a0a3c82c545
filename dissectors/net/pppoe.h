#pragma once
// PPPoE header and discovery TAGs (RFC 2516 §4, §5, Appendix A).
//
//   VER(4) TYPE(4) CODE(8) SESSION_ID(16) LENGTH(16) payload
//
// Contract: decode_pppoe() never throws. A session packet (CODE 0x00) does not allocate:
// `payload` is the PPP frame starting at the PPP protocol field (RFC 2516 §6), cut to
// LENGTH (Ethernet padding dropped). A discovery packet's TAGs are listed in `tags`
// (a vector: discovery is rare), each with a view of its value. LENGTH larger than the
// bytes -> complete = false, truncated_field "pppoe.payload". Diagnostics: bad_version,
// bad_type, unknown_code, bad_session_id (per code, §5.1-5.5 and §6), tag_overrun.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "src/core/decoded.h"
#include "src/core/fields.h"
#include "src/core/name_table.h"

namespace ts::net {

namespace pppoe_code {
inline constexpr std::uint8_t kSession = 0x00;
inline constexpr std::uint8_t kPado = 0x07;
inline constexpr std::uint8_t kPadi = 0x09;
inline constexpr std::uint8_t kPadr = 0x19;
inline constexpr std::uint8_t kPads = 0x65;
inline constexpr std::uint8_t kPadt = 0xA7;
}  // namespace pppoe_code

namespace pppoe_tag {
inline constexpr std::uint16_t kEndOfList = 0x0000;
inline constexpr std::uint16_t kServiceName = 0x0101;
inline constexpr std::uint16_t kAcName = 0x0102;
inline constexpr std::uint16_t kHostUniq = 0x0103;
inline constexpr std::uint16_t kAcCookie = 0x0104;
inline constexpr std::uint16_t kVendorSpecific = 0x0105;
inline constexpr std::uint16_t kRelaySessionId = 0x0110;
inline constexpr std::uint16_t kServiceNameError = 0x0201;
inline constexpr std::uint16_t kAcSystemError = 0x0202;
inline constexpr std::uint16_t kGenericError = 0x0203;
}  // namespace pppoe_tag

std::span<const CodeName> pppoe_code_names();
std::span<const CodeName> pppoe_tag_names();

struct PppoeTag {
  std::uint16_t type = 0;
  ByteView value;
};

struct PppoeHeader {
  std::uint8_t version = 1;
  std::uint8_t type = 1;
  std::uint8_t code = 0;
  std::uint16_t session_id = 0;
  std::uint16_t length = 0;
  ByteView payload;            // session: PPP frame; discovery: the raw TAG bytes
  std::vector<PppoeTag> tags;  // discovery only

  bool is_session() const { return code == pppoe_code::kSession; }
  // First TAG of `type`, or nullptr.
  const PppoeTag* find_tag(std::uint16_t t) const;
};

Decoded<PppoeHeader> decode_pppoe(ByteView packet);

// Header with LENGTH computed, then `payload` (session) or the TAGs of h.tags
// (discovery, when payload is empty).
Bytes encode_pppoe(const PppoeHeader& h, ByteView payload = {});

void describe(const PppoeHeader& h, Field& layer);
std::string summarize(const PppoeHeader& h);

}  // namespace ts::net
