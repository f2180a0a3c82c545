#pragma once
// GRE header codec: version 0 (RFC 2784, with the RFC 2890 Key and Sequence Number and the
// RFC 1701 Routing/Offset fields) and version 1, the enhanced GRE of PPTP (RFC 2637 §4.1).
//
// Layout, following the flag bits for every version (RFC 1701 §"GRE header"):
//   flags+version, protocol type; checksum+offset if C or R; key if K; sequence if S;
//   acknowledgment if A and version 1; SRE routing list if R and version 0; payload.
// decode(): never throws, never reads out of bounds. Breaking a rule of the version is a
//   diagnostic (gre.*); running out of header bytes gives complete=false. Version 1 with K
//   splits the key into payload_length (high 16) and call_id (low 16) and cuts `payload`
//   to payload_length: fewer bytes present -> complete=false, truncated_field "payload";
//   more -> note gre.payload_length_mismatch (padding). Version 0 has no length: the
//   payload is everything after the header. Versions 2-7 decode only the first 4 octets.
//   Views (payload, routing) point into the caller's buffer.
// encode(): canonical bytes: flag bits from the booleans; version 1 writes the key as
//   payload.size() << 16 | call_id (h.key and h.payload_length ignored; a payload over
//   65535 octets cannot be described and gets the low 16 bits), version 0 writes
//   h.key; the checksum is computed when checksum_present; routing is h.routing, or a
//   NULL SRE when routing_present and h.routing is empty.
#include <cstdint>
#include <string>

#include "src/core/bytes.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"

namespace ts::gre {

// RFC 2637 §4.1: Protocol Type of PPP.
inline constexpr std::uint16_t kProtocolPpp = 0x880B;
// RFC 2784 §4: IP protocol number of GRE.
inline constexpr std::uint8_t kIpProtocol = 47;

struct Header {
  bool checksum_present = false;     // C, bit 0
  bool routing_present = false;      // R, bit 1
  bool key_present = false;          // K, bit 2
  bool sequence_present = false;     // S, bit 3
  bool strict_source_route = false;  // s, bit 4
  bool ack_present = false;          // A, bit 8 (RFC 2637 §4.1; reserved in version 0)
  std::uint8_t recursion = 0;        // bits 5-7
  std::uint8_t flags = 0;            // bits 9-12
  std::uint8_t version = 0;          // bits 13-15
  std::uint16_t protocol_type = 0;
  std::uint16_t checksum = 0;  // present with C or R
  std::uint16_t offset = 0;    // RFC 1701 Offset / RFC 2784 Reserved1; present with C or R
  std::uint32_t key = 0;
  std::uint16_t payload_length = 0;  // version 1: high 16 bits of the key
  std::uint16_t call_id = 0;         // version 1: low 16 bits of the key (peer's Call ID)
  std::uint32_t sequence_number = 0;
  std::uint32_t acknowledgment_number = 0;
  ByteView routing;  // version 0 with R: the SRE list including its NULL SRE
  ByteView payload;

  // Field-by-field; views compared by content.
  friend bool operator==(const Header& a, const Header& b);
};

// Octets of header that the flag bits of `h` imply (routing counted as written).
std::size_t header_size(const Header& h);

Decoded<Header> decode(ByteView gre_packet);
// The same for a packet the capture cut: `wire_length` is its length on the wire (from the
// IP header). When it exceeds captured.size(), version 0 too reports complete=false with
// truncated_field "payload", and the checksum is not verified (RFC 2784 §2.5 needs it all).
Decoded<Header> decode(ByteView captured, std::size_t wire_length);
// decode()'s two branches, exposed for tests/unit/gre/common_v1_test.cpp (callers use decode()):
// decode_common_v1 reads the packet every PPTP call sends (RFC 2637 §4.1: version 1, K set,
// C, R, s, Recur and Flags zero, Protocol Type 0x880B, S exactly when there is a payload,
// Payload Length equal to what follows the header, nothing cut) into `out` without
// diagnostics and returns true, or returns false and leaves the packet to decode_general.
bool decode_common_v1(ByteView captured, std::size_t wire_length, Decoded<Header>& out);
Decoded<Header> decode_general(ByteView captured, std::size_t wire_length);
Bytes encode(const Header& h, ByteView payload);

// "GRE v1 call=40000 seq=12 ack=10 PPP 60 bytes", "GRE v0 proto=0x0800 (IPv4) key=0x2a 84 bytes".
std::string summarize(const Header& h);
void describe(const Header& h, Field& layer);

}  // namespace ts::gre
