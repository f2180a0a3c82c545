#pragma once
// The RFC 1661 §5 control packet shared by LCP and the NCPs (IPCP, IPv6CP, CCP, ECP, BCP):
//   Code(1) Identifier(1) Length(2) Data...
// Configure-Request/Ack/Nak/Reject carry Configuration Options (RFC 1661 §6 format
// Type(1) Length(1) Data). Which Codes exist depends on the protocol:
//   LCP 1-11 (RFC 1661) plus 12 Identification, 13 Time-Remaining (RFC 1570 §1);
//   NCPs 1-7; CCP and ECP 1-7 plus 14 Reset-Request, 15 Reset-Ack (RFC 1962 §3.1).
//
// decode_control(): `info` is the PPP Information field. Views point into it. Octets past
// Length are padding (note). Length larger than the bytes present is truncation
// (complete=false). Option length errors and unknown codes/options are diagnostics.
// encode_control(): computes Length and each option's Length; ignores the `length` fields.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "src/core/bytes.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"
#include "src/core/name_table.h"

namespace ts::ppp {

namespace code {
inline constexpr std::uint8_t kConfigureRequest = 1;
inline constexpr std::uint8_t kConfigureAck = 2;
inline constexpr std::uint8_t kConfigureNak = 3;
inline constexpr std::uint8_t kConfigureReject = 4;
inline constexpr std::uint8_t kTerminateRequest = 5;
inline constexpr std::uint8_t kTerminateAck = 6;
inline constexpr std::uint8_t kCodeReject = 7;
inline constexpr std::uint8_t kProtocolReject = 8;   // LCP only
inline constexpr std::uint8_t kEchoRequest = 9;      // LCP only
inline constexpr std::uint8_t kEchoReply = 10;       // LCP only
inline constexpr std::uint8_t kDiscardRequest = 11;  // LCP only
inline constexpr std::uint8_t kIdentification = 12;  // LCP, RFC 1570 §1.1
inline constexpr std::uint8_t kTimeRemaining = 13;   // LCP, RFC 1570 §1.2
inline constexpr std::uint8_t kResetRequest = 14;    // CCP/ECP, RFC 1962 §3.1
inline constexpr std::uint8_t kResetAck = 15;        // CCP/ECP, RFC 1962 §3.1
}  // namespace code

struct ConfigOption {
  std::uint8_t type = 0;
  std::uint8_t length = 0;  // as on the wire (decode); recomputed by encode
  ByteView data;            // Length - 2 octets
};

struct ControlPacket {
  std::uint8_t code = 0;
  std::uint8_t identifier = 0;
  std::uint16_t length = 0;  // as on the wire (decode); recomputed by encode
  std::vector<ConfigOption> options;   // Configure-Request/Ack/Nak/Reject
  std::uint32_t magic_number = 0;      // Echo-Request/Reply, Discard-Request, Identification, Time-Remaining
  std::uint16_t rejected_protocol = 0; // Protocol-Reject
  std::uint32_t seconds_remaining = 0; // Time-Remaining
  // Terminate data, Code-Reject rejected packet, Protocol-Reject rejected information,
  // Echo/Discard data, Identification/Time-Remaining message, Reset data, unknown-code data.
  ByteView data;
};

// True when `code` exists for this PPP protocol.
bool is_known_code(std::uint16_t ppp_protocol, std::uint8_t code);
// Code names (all codes of all control protocols; use is_known_code to check validity).
std::span<const CodeName> control_code_names();
bool code_has_options(std::uint8_t code);  // 1-4

Decoded<ControlPacket> decode_control(std::uint16_t ppp_protocol, ByteView info);
Bytes encode_control(std::uint16_t ppp_protocol, const ControlPacket& packet);

// One line, e.g. "LCP Configure-Request id=1 MRU=1400 Auth=CHAP/MS-CHAPv2 Magic=0x1a2b3c4d PFC ACFC".
std::string summarize(std::uint16_t ppp_protocol, const ControlPacket& packet);
// Fills `layer` with code, identifier, length, options (each via describe_option) and body fields.
void describe(std::uint16_t ppp_protocol, const ControlPacket& packet, Field& layer);

// First option of `type`, or nullptr.
const ConfigOption* find_option(const ControlPacket& packet, std::uint8_t type);
inline bool has_option(const ControlPacket& packet, std::uint8_t type) {
  return find_option(packet, type) != nullptr;
}

}  // namespace ts::ppp
