#pragma once
// UDP header (RFC 768).
//
// Contract: decode_udp() never throws or allocates (diagnostics aside). The input is the
// IP payload. `payload` is cut to the UDP Length. Length < 8 -> net.udp.bad_length and the
// payload is the rest of the input; Length larger than the input -> complete = false,
// truncated_field "udp.payload"; Length smaller than the input ->
// net.udp.length_mismatch (the extra bytes are not UDP payload). The checksum is not
// verified here (see checksum.h); `checksum == 0` over IPv4 means "none".
#include <cstdint>
#include <string>

#include "dissectors/net/ip_address.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"

namespace ts::net {

struct UdpHeader {
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::uint16_t length = 0;
  std::uint16_t checksum = 0;
  ByteView payload;
  bool checksum_present() const { return checksum != 0; }
};

Decoded<UdpHeader> decode_udp(ByteView segment);
// Length computed; checksum computed over the pseudo header of src/dst (RFC 768: a
// computed 0 is sent as 0xFFFF).
Bytes encode_udp(const UdpHeader& h, ByteView payload, const IpAddress& src, const IpAddress& dst);

void describe(const UdpHeader& h, Field& layer);
std::string summarize(const UdpHeader& h);

}  // namespace ts::net
