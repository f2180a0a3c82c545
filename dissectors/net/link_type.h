#pragma once
// pcap link types and the first decode step of every captured frame: find the network
// layer (IPv4, IPv6, PPPoE, PPP) behind the link header.
//
// Contract: decode_link() never throws and never allocates (diagnostics aside); the
// payload is a view into `frame`. An unknown link type gives Next::other with
// net.link.unknown_type. Truncation inside the link header gives complete = false.
//
// Per link type:
//   ETHERNET 1      Ethernet II / 802.3 with up to 4 VLAN tags (see ethernet.h)
//   NULL 0, LOOP 108  4-byte address family, accepted in either byte order (NULL is the
//                   writer's host order, LOOP is big-endian); 2 = IPv4, 24/28/30 = IPv6
//   RAW 101, 12, 14 the IP version nibble decides; IPV4 228, IPV6 229 fixed
//   LINUX_SLL 113, LINUX_SLL2 276  cooked headers (see sll.h); VLAN tags after them walked
//   PPP 9, PPP_HDLC 50  Next::ppp, payload = the whole frame (starts at the PPP
//                   address/control 0xFF 0x03 or directly at the protocol field). Frames
//                   whose first byte is 0x0F / 0x8F are Cisco HDLC (RFC 1547 §4.3.1;
//                   impossible as a PPP protocol's first byte, which is even): address,
//                   control, 2-byte EtherType protocol, and map like an EtherType.
//   PPP_ETHER 51    a PPPoE header with no Ethernet header: code 0 -> pppoe_session,
//                   otherwise pppoe_discovery; payload starts at the PPPoE header.
#include <cstdint>
#include <span>
#include <string>

#include "dissectors/net/ethernet.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"
#include "src/core/name_table.h"

namespace ts::net {

namespace linktype {
inline constexpr std::uint32_t kNull = 0;
inline constexpr std::uint32_t kEthernet = 1;
inline constexpr std::uint32_t kPpp = 9;
inline constexpr std::uint32_t kRawDlt12 = 12;  // DLT_RAW on most BSDs, seen in old files
inline constexpr std::uint32_t kRawDlt14 = 14;  // DLT_RAW on OpenBSD
inline constexpr std::uint32_t kPppHdlc = 50;
inline constexpr std::uint32_t kPppEther = 51;
inline constexpr std::uint32_t kRaw = 101;
inline constexpr std::uint32_t kLoop = 108;
inline constexpr std::uint32_t kLinuxSll = 113;
inline constexpr std::uint32_t kIpv4 = 228;
inline constexpr std::uint32_t kIpv6 = 229;
inline constexpr std::uint32_t kLinuxSll2 = 276;
inline constexpr std::uint32_t kPppWithDir = 204;  // 1 direction octet, then PPP (FF 03 ...)
}  // namespace linktype

std::span<const CodeName> linktype_names();

struct LinkLayer {
  enum class Next : std::uint8_t { ipv4, ipv6, pppoe_session, pppoe_discovery, ppp, other };

  Next next = Next::other;
  std::uint32_t linktype = 0;
  // EtherType-like protocol of the payload: Ethernet/SLL protocol after VLAN tags, Cisco
  // HDLC protocol, 0x0800/0x86DD for NULL/LOOP/RAW/IPV4/IPV6, 0x8863/0x8864 for
  // PPP_ETHER, 0x880B for PPP links. For an 802.3 length frame, the length.
  std::uint16_t ethertype = 0;
  VlanStack vlans;
  bool has_mac = false;  // Ethernet
  MacAddress src_mac{};
  MacAddress dst_mac{};
  bool has_sll = false;  // LINUX_SLL / SLL2
  std::uint16_t sll_packet_type = 0;
  std::uint16_t sll_hatype = 0;
  std::uint32_t sll_ifindex = 0;  // SLL2 only
  std::uint32_t null_family = 0;  // NULL / LOOP, normalised to the small value
  bool cisco_hdlc = false;        // PPP_HDLC / PPP carrying Cisco HDLC
  // Direction of a PPP frame when the capture records it: 0 sent by the capturing host,
  // 1 received by it, -1 unknown (LINKTYPE_PPP_WITH_DIR, Windows NDISWAN SEND/RECV frames).
  std::int8_t ppp_direction = -1;
  std::size_t header_length = 0;  // bytes of `frame` before payload
  ByteView payload;
};

// Next layer for an EtherType (0x0800 ipv4, 0x86DD ipv6, 0x8863/0x8864 PPPoE, 0x880B ppp).
LinkLayer::Next next_for_ethertype(std::uint16_t type);
std::string_view to_string(LinkLayer::Next n);

Decoded<LinkLayer> decode_link(std::uint32_t linktype, ByteView frame);
void describe(const LinkLayer& l, Field& layer);
std::string summarize(const LinkLayer& l);

}  // namespace ts::net
