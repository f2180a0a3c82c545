#pragma once
// The 2-octet MPPE/MPPC header at the start of a 0x00FD (compressed datagram) Information
// field (RFC 3078 §3.1, RFC 2118 §3.1):  A B C D | Coherency Count (12 bits) | data.
//   A: FLUSHED (tables / history re-initialised), B: MPPC "at front", C: MPPC compressed,
//   D: MPPE encrypted.
// Whether MPPE or MPPC applies is a CCP negotiation result the caller knows; this decoder
// only splits the header. `data` views the caller's buffer.
#include <cstdint>
#include <string>

#include "src/core/bytes.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"

namespace ts::ppp {

struct MppeHeader {
  bool flushed = false;     // A
  bool at_front = false;    // B
  bool compressed = false;  // C
  bool encrypted = false;   // D
  std::uint16_t coherency_count = 0;  // 0..4095
  ByteView data;
};

Decoded<MppeHeader> decode_mppe_header(ByteView info);
Bytes encode_mppe_header(const MppeHeader& h);
// "MPPE cc=5 flushed encrypted 118 bytes"
std::string summarize(const MppeHeader& h);
void describe(const MppeHeader& h, Field& layer);

}  // namespace ts::ppp
