#pragma once
// PlainIpv4: the frame almost every tunnel packet arrives in (untagged Ethernet II, IPv4
// without options, not a fragment, the whole datagram captured), read with a few loads and
// no diagnostics.
//
// Contract: read_plain_ipv4 returns a value only when decode_link(LINKTYPE_ETHERNET, frame)
// would be complete with no diagnostics and find IPv4, and decode_ipv4(its payload, false)
// would be complete with no diagnostics and not a fragment; the fields are then the ones
// those decoders give. Anything else (VLAN tags, NDISWAN fake Ethernet, options, fragments,
// a cut datagram, a bad version or IHL, the reserved flag) returns nullopt, and the caller
// takes the general decoders, which say what is unusual. The analyzer uses it ahead of the
// general path (src/observe/analyzer.cpp); tests/unit/net/plain_ipv4_test.cpp checks the
// contract against the general decoders over mutated frames.
#include <cstdint>
#include <optional>

#include "dissectors/net/ip_address.h"
#include "src/core/bytes.h"

namespace ts::net {

struct PlainIpv4 {
  IpAddress src;
  IpAddress dst;
  std::uint8_t protocol = 0;
  std::uint16_t identification = 0;
  ByteView payload;  // Total Length - 20 octets (link padding after it left out)
};

std::optional<PlainIpv4> read_plain_ipv4(ByteView ethernet_frame);

}  // namespace ts::net
