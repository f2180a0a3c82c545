#pragma once
// One L2TP Attribute-Value Pair (RFC 2661 §4.1).
//
//   |M|H| rsvd  |      Length       |           Vendor ID           |
//   |         Attribute Type        |        Attribute Value...
//
// Contract: wire_value points into the decoded buffer (the caller keeps it alive). `unhidden`
// is the cleartext value this Avp owns: decode() fills it for a hidden AVP it could unhide
// (RFC 2661 §4.3), and the make_avp_* builders (avp_values.h) fill it for AVPs built to be
// encoded. value() is what every reader of the AVP should use.
#include <cstdint>

#include "src/core/bytes.h"

namespace ts::l2tp {

inline constexpr std::size_t kAvpHeaderSize = 6;
inline constexpr std::uint16_t kAvpMaxLength = 1023;  // 10-bit Length field

struct Avp {
  bool mandatory = false;       // M
  bool hidden = false;          // H
  std::uint8_t reserved = 0;    // the 4 rsvd bits
  std::uint16_t length = 0;     // 10-bit Length as on the wire (6 + value octets)
  std::uint16_t vendor_id = 0;  // 0 = IETF
  std::uint16_t attribute_type = 0;
  ByteView wire_value;          // Attribute Value as on the wire (ciphertext when hidden)
  Bytes unhidden;               // owned cleartext value, valid when unhidden_ok
  bool unhidden_ok = false;

  // The cleartext value when this Avp owns one, else the wire value (which for a hidden
  // AVP that could not be unhidden is still ciphertext: check hidden && !unhidden_ok).
  ByteView value() const { return unhidden_ok ? ByteView{unhidden} : wire_value; }
  // True when value() is cleartext.
  bool value_known() const { return !hidden || unhidden_ok; }
  bool is_ietf(std::uint16_t type) const { return vendor_id == 0 && attribute_type == type; }
};

}  // namespace ts::l2tp
