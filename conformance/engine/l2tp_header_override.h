#pragma once
// L2tpHeaderOverride: header fields of an L2TP control message a script breaks on purpose
// (RFC 2661 §3.1), written over the encoded bytes after everything else is right:
//   !flags=0xHHHH  the first two octets as given (T, L, x, S, x, O, P bits, reserved bits, Ver)
//   !version=N     only the Ver nibble (4 bits)
//   !length=N      only the Length field; the datagram keeps its size, so N above it claims
//                  octets that never come and N below it leaves trailing octets
// The message is assumed encoded as a control message (L=1, S=1: Length at octet 2). Such a
// message goes out once, outside the reliable channel, like a deliberate Ns or Nr, because a
// device may rightly discard it (§3.1, §7.1) and must not make us retransmit it.
#include <cstdint>
#include <optional>
#include <string>

#include "src/core/bytes.h"
#include "src/core/result.h"

namespace ts::conformance {

class L2tpHeaderOverride {
 public:
  // Whether `key` is one of the header fields above (then take() must be given it).
  static bool handles(const std::string& key);
  // Records KEY=VALUE; an error for a value that does not fit the field.
  Result<bool> take(const std::string& key, const std::string& value);
  bool any() const { return flags_ || version_ || length_; }
  // Writes the overridden fields over an encoded control message (at least 6 octets).
  void apply(Bytes& datagram) const;
  // "flags=0x... version=... length=..." for the violation recorded as ours.
  std::string describe() const;

 private:
  std::optional<std::uint16_t> flags_;
  std::optional<std::uint8_t> version_;
  std::optional<std::uint16_t> length_;
};

}  // namespace ts::conformance
