#pragma once
// The PPP Protocol field inside MPPE's encrypted data (RFC 3078 §3, §3.1): only protocols
// 0x0021-0x00FA pass through MPPE, and the encrypted data begins with the Protocol field.
// The RFC's example and deployed senders put the 2-octet form; a sender could have
// compressed it to one octet (RFC 1661 §6.5, Protocol-Field-Compression). Accepting that
// form is optional: an odd first octet then passes about 43% of the time on garbage, so the
// check that catches tampered data and keys out of step would be much weaker.
#include <cstdint>
#include <optional>

#include "src/core/bytes.h"

namespace ts::endpoints::ppp {

inline constexpr std::uint16_t kMppeFirstProtocol = 0x0021;
inline constexpr std::uint16_t kMppeLastProtocol = 0x00FA;
inline constexpr std::uint16_t kCompressedDatagram = 0x00FD;  // RFC 1962 §2.1, RFC 3078 §3

// RFC 3078 §3: "Only packets with PPP Protocol numbers in the range 0x0021 to 0x00FA are
// encrypted." Also requires an odd low octet, as every PPP protocol number has (RFC 1661 §2).
constexpr bool mppe_encrypts(std::uint16_t protocol) {
  return protocol >= kMppeFirstProtocol && protocol <= kMppeLastProtocol && (protocol & 1) == 1;
}

// Decrypted Protocol + Information with the Protocol field in its 2-octet form (with
// accept_pfc, a 1-octet field is expanded); nullopt when the field is missing, compressed
// without accept_pfc, or not one MPPE carries.
std::optional<Bytes> mppe_plaintext(Bytes decrypted, bool accept_pfc);

}  // namespace ts::endpoints::ppp
