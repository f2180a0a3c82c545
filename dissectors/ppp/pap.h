#pragma once
// PAP packets (RFC 1334 §2.2): Authenticate-Request carries Peer-ID and Password
// (each length-prefixed), Authenticate-Ack/Nak carry a length-prefixed Message.
// Views point into the decoded buffer. encode_pap() computes all lengths.
#include <cstdint>
#include <span>
#include <string>

#include "src/core/bytes.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"
#include "src/core/name_table.h"

namespace ts::ppp {

namespace pap_code {
inline constexpr std::uint8_t kAuthenticateRequest = 1;
inline constexpr std::uint8_t kAuthenticateAck = 2;
inline constexpr std::uint8_t kAuthenticateNak = 3;
}  // namespace pap_code

struct PapPacket {
  std::uint8_t code = 0;
  std::uint8_t identifier = 0;
  std::uint16_t length = 0;  // as on the wire (decode); recomputed by encode
  ByteView peer_id;          // Authenticate-Request
  ByteView password;         // Authenticate-Request
  ByteView message;          // Authenticate-Ack / -Nak
};

std::span<const CodeName> pap_code_names();
Decoded<PapPacket> decode_pap(ByteView info);
Bytes encode_pap(const PapPacket& packet);
// "PAP Authenticate-Request id=1 peer=\"alice\" password=8B" (the password is never shown).
std::string summarize(const PapPacket& packet);
void describe(const PapPacket& packet, Field& layer);  // password as length only

}  // namespace ts::ppp
