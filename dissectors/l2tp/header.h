#pragma once
// L2TP header (RFC 2661 §3.1), shared by control and data messages.
//
//   |T|L|x|x|S|x|O|P|x|x|x|x|  Ver  |          Length (opt)         |
//   |           Tunnel ID           |           Session ID          |
//   |             Ns (opt)          |             Nr (opt)          |
//   |      Offset Size (opt)        |    Offset pad... (opt)
//
// Contract: decode_header() reads through a ByteReader and never throws. Version 2 headers
// are decoded in full; any other Ver (1 = L2F, 3 = L2TPv3 over UDP, RFC 3931) stops after
// the first two octets with l2tp.header.version_unsupported. Flag-rule violations are
// diagnostics (the header is still decoded by its flags). Running out of bytes leaves the
// reader failed; the caller reports truncation by the reader's field name.
#include <cstdint>

#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"
#include "src/core/bytes.h"
#include "src/core/diagnostic.h"

namespace ts::l2tp {

inline constexpr std::uint8_t kVersionL2tpV2 = 2;
inline constexpr std::uint8_t kVersionL2tpV3 = 3;

struct Header {
  bool type_control = false;     // T: 1 control, 0 data
  bool length_present = false;   // L
  bool sequence_present = false;  // S: Ns and Nr present
  bool offset_present = false;   // O: Offset Size (and pad) present
  bool priority = false;         // P (data only)
  std::uint8_t reserved_bits = 0;  // the 8 x bits, packed in wire order (MSB first)
  std::uint8_t version = kVersionL2tpV2;
  std::uint16_t length = 0;        // valid when length_present
  std::uint16_t tunnel_id = 0;
  std::uint16_t session_id = 0;
  std::uint16_t ns = 0, nr = 0;    // valid when sequence_present
  std::uint16_t offset_size = 0;   // valid when offset_present
  ByteView offset_pad;             // offset_size octets of undefined data

  // Octets this header occupies on the wire for its flags (offset pad included).
  std::size_t wire_size() const;
};

// Reads a header at the reader's position. Appends header diagnostics to `diags`. For a
// version other than 2, only the first two octets are consumed.
Header decode_header(ByteReader& r, Diagnostics& diags);

// Writes a canonical header: reserved bits 0, Ver 2, Length = `total_length` when L is set,
// Offset Size = h.offset_size followed by h.offset_pad cut or zero-extended to that size.
void encode_header(const Header& h, std::uint16_t total_length, ByteWriter& w);

}  // namespace ts::l2tp
