#pragma once
// Ethernet II / IEEE 802.3 frame header with stacked VLAN tags (802.1Q 0x8100, 802.1ad
// 0x88A8, legacy QinQ 0x9100), plus the EtherType constants and name table.
//
// Contract: decode_ethernet() never throws, never allocates, and returns views into the
// frame. Up to kMaxVlanTags tags are walked; a deeper stack stops the walk with
// net.ethernet.vlan_depth and `ethertype` is the TPID that was not decoded. A type/length
// field <= 1500 is an 802.3 length (is_length = true): payload is cut to it (LLC not
// decoded). The FCS is not expected (pcap rarely has it) and is left in the payload;
// IPv4/IPv6 trim trailing bytes by their own length fields.
#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "src/core/byte_reader.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"
#include "src/core/name_table.h"

namespace ts::net {

namespace ethertype {
inline constexpr std::uint16_t kIpv4 = 0x0800;
inline constexpr std::uint16_t kArp = 0x0806;
inline constexpr std::uint16_t kVlan = 0x8100;        // IEEE 802.1Q C-tag
inline constexpr std::uint16_t kIpv6 = 0x86DD;
inline constexpr std::uint16_t kPpp = 0x880B;         // PPP directly over a link (also GRE)
inline constexpr std::uint16_t kPppoeDiscovery = 0x8863;
inline constexpr std::uint16_t kPppoeSession = 0x8864;
inline constexpr std::uint16_t kQinQ = 0x88A8;        // IEEE 802.1ad S-tag
inline constexpr std::uint16_t kQinQLegacy = 0x9100;  // pre-standard QinQ
inline constexpr bool is_vlan_tpid(std::uint16_t t) { return t == kVlan || t == kQinQ || t == kQinQLegacy; }
}  // namespace ethertype

std::span<const CodeName> ethertype_names();

using MacAddress = std::array<std::uint8_t, 6>;
// "00:11:22:aa:bb:cc"
std::string mac_to_string(const MacAddress& m);

struct VlanTag {
  std::uint16_t tpid = ethertype::kVlan;
  std::uint8_t pcp = 0;  // priority code point (3 bits)
  bool dei = false;      // drop eligible indicator
  std::uint16_t vid = 0; // VLAN identifier (12 bits)
  friend bool operator==(const VlanTag&, const VlanTag&) = default;
};

inline constexpr std::size_t kMaxVlanTags = 4;

// Outermost tag first. Fixed storage: no allocation on the decode path.
struct VlanStack {
  std::array<VlanTag, kMaxVlanTags> tags{};
  std::uint8_t count = 0;
  std::span<const VlanTag> view() const { return {tags.data(), count}; }
  bool push(const VlanTag& t) {
    if (count >= kMaxVlanTags) return false;
    tags[count++] = t;
    return true;
  }
  friend bool operator==(const VlanStack& a, const VlanStack& b) {
    return std::equal(a.view().begin(), a.view().end(), b.view().begin(), b.view().end());
  }
};

// Reads VLAN tags while `type` is a VLAN TPID: on entry `type` is the TPID just read, on
// exit the inner EtherType (or the TPID left undecoded when the stack is too deep).
void decode_vlan_tags(ByteReader& r, std::uint16_t& type, VlanStack& vlans, Diagnostics& diags);

struct EthernetHeader {
  MacAddress dst{};
  MacAddress src{};
  VlanStack vlans;
  std::uint16_t ethertype = 0;  // inner EtherType, or the 802.3 length when is_length
  bool is_length = false;
  std::size_t header_length = 0;
  ByteView payload;
};

Decoded<EthernetHeader> decode_ethernet(ByteView frame);
// dst, src, each VLAN tag (tpid then TCI), ethertype, payload. No padding, no FCS.
Bytes encode_ethernet(const EthernetHeader& h, ByteView payload);
void describe(const EthernetHeader& h, Field& layer);
std::string summarize(const EthernetHeader& h);

}  // namespace ts::net
