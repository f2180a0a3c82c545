#pragma once
// Asynchronous HDLC-like framing of PPP (RFC 1662 §4): Flag 0x7E delimits frames, Control
// Escape 0x7D escapes (octet XOR 0x20) flags, escapes and ACCM-selected control characters,
// and each frame ends with an FCS (16-bit, RFC 1662 §C.2; 32-bit in §C.3).
//
// AsyncHdlcDeframer is the one stateful piece of the PPP dissectors: it is fed a byte
// stream in arbitrary chunks and returns each completed frame once. Frames are bounded by
// max_frame octets (after unescaping); a longer frame is dropped and reported oversize.
#include <cstdint>
#include <vector>

#include "src/core/bytes.h"
#include "src/core/diagnostic.h"

namespace ts::ppp {

inline constexpr std::uint8_t kHdlcFlag = 0x7E;    // RFC 1662 §3.1
inline constexpr std::uint8_t kHdlcEscape = 0x7D;  // RFC 1662 §4.2
inline constexpr std::uint16_t kFcs16Init = 0xFFFF;
inline constexpr std::uint16_t kFcs16Good = 0xF0B8;  // residue over data + FCS (RFC 1662 §C.2)
inline constexpr std::uint32_t kFcs32Init = 0xFFFFFFFF;
inline constexpr std::uint32_t kFcs32Good = 0xDEBB20E3;  // RFC 1662 §C.3

// Running FCS update (no final complement): start with kFcs16Init / kFcs32Init.
std::uint16_t fcs16(std::uint16_t fcs, ByteView data);
std::uint32_t fcs32(std::uint32_t fcs, ByteView data);
// The FCS to transmit (ones' complement of the running value), sent least significant octet first.
std::uint16_t fcs16_of(ByteView data);
std::uint32_t fcs32_of(ByteView data);

// Frames `frame_without_fcs` (Address..Information): appends FCS-16, escapes 0x7E, 0x7D and
// every octet < 0x20 whose bit is set in `accm` (bit n = character n), adds opening and
// closing flags. accm = 0xFFFFFFFF is the RFC 1662 §7.1 default.
Bytes hdlc_encode(ByteView frame_without_fcs, std::uint32_t accm = 0xFFFFFFFF);

struct HdlcFrame {
  Bytes data;            // unescaped, FCS removed (whole content when too short to hold one)
  bool fcs_ok = false;
  bool aborted = false;  // Control Escape then Flag: discarded frame (RFC 1662 §4.3)
  bool oversize = false; // exceeded max_frame; data holds the first max_frame octets
  Diagnostics diags;     // ppp.hdlc.* for the conditions above and short frames
};

class AsyncHdlcDeframer {
 public:
  explicit AsyncHdlcDeframer(std::size_t max_frame = 8192) : max_frame_(max_frame) {}

  // Consumes `bytes`; returns the frames completed by a closing flag within them.
  // Empty frames (back-to-back flags) are skipped.
  std::vector<HdlcFrame> feed(ByteView bytes);
  // Octets buffered for a frame that has not been closed yet.
  std::size_t pending() const { return buf_.size(); }
  void reset();

 private:
  void close_frame(std::vector<HdlcFrame>& out, bool aborted);

  std::size_t max_frame_;
  Bytes buf_;
  bool escape_ = false;
  bool oversize_ = false;
};

}  // namespace ts::ppp
