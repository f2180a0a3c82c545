#pragma once
// Linux "cooked" capture headers: LINKTYPE_LINUX_SLL (113, 16 bytes) and
// LINKTYPE_LINUX_SLL2 (276, 20 bytes), as documented for the pcap link-type registry.
//
//   SLL : packet_type(2) ARPHRD type(2) addr_len(2) addr(8) protocol(2)
//   SLL2: protocol(2) reserved(2) ifindex(4) ARPHRD type(2) packet_type(1) addr_len(1) addr(8)
//
// Contract: decode never throws or allocates; `protocol` is the EtherType for the usual
// ARPHRD types (Linux also uses small values, e.g. 0x0004 for 802.2 LLC, which the link
// layer maps to "other"). `payload` is everything after the header.
#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "src/core/decoded.h"
#include "src/core/fields.h"
#include "src/core/name_table.h"

namespace ts::net {

namespace sll_packet_type {
inline constexpr std::uint16_t kHost = 0;       // addressed to us
inline constexpr std::uint16_t kBroadcast = 1;
inline constexpr std::uint16_t kMulticast = 2;
inline constexpr std::uint16_t kOtherHost = 3;
inline constexpr std::uint16_t kOutgoing = 4;   // sent by us
}  // namespace sll_packet_type

std::span<const CodeName> sll_packet_type_names();

struct SllHeader {
  std::uint8_t version = 1;  // 1 = SLL, 2 = SLL2
  std::uint16_t packet_type = 0;
  std::uint16_t hatype = 1;  // ARPHRD_* (1 = Ethernet, 512 = PPP, 772 = loopback)
  std::uint8_t addr_len = 0;
  std::array<std::uint8_t, 8> addr{};
  std::uint16_t protocol = 0;
  std::uint32_t ifindex = 0;  // SLL2 only
  ByteView payload;
};

Decoded<SllHeader> decode_sll(ByteView frame);   // version 1
Decoded<SllHeader> decode_sll2(ByteView frame);  // version 2
// Writes the header of h.version (1 or 2) then the payload.
Bytes encode_sll(const SllHeader& h, ByteView payload);
void describe(const SllHeader& h, Field& layer);

}  // namespace ts::net
