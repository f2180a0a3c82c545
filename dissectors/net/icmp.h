#pragma once
// ICMP (RFC 792) and ICMPv6 (RFC 4443) as far as tunnel analysis needs them: the type and
// code, and for error messages the quoted datagram (the offending packet's IP header and the
// start of its payload), so an error can be tied to the tunnel packet it reports.
#include <cstdint>
#include <string>

#include "src/core/decoded.h"
#include "src/core/fields.h"

namespace ts::net {

struct IcmpHeader {
  bool v6 = false;
  std::uint8_t type = 0;
  std::uint8_t code = 0;
  std::uint16_t checksum = 0;
  std::uint32_t rest = 0;  // the 4 octets after the checksum (unused, MTU, pointer, id/seq)
  ByteView quoted;         // error messages: the offending datagram as quoted
  bool is_error() const;
};

Decoded<IcmpHeader> decode_icmp(ByteView message, bool v6);
// "destination unreachable (port unreachable)", "time exceeded (TTL exceeded in transit)", ...
std::string icmp_text(const IcmpHeader& h);
void describe(const IcmpHeader& h, Field& layer);

}  // namespace ts::net
