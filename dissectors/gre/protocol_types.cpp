#include "dissectors/gre/protocol_types.h"

#include <array>

#include <fmt/format.h>

namespace ts::gre {
namespace {

// Ethertypes seen in GRE; RFC 1701 "Current List of Protocol Types" plus later common ones.
constexpr std::array kProtocolTypes{
    CodeName{0x0000, "Reserved", "Reserved (also used by keepalives)"},
    CodeName{0x0004, "SNA", "SNA"},
    CodeName{0x00FE, "OSI", "OSI network layer"},
    CodeName{0x0200, "PUP", "PUP"},
    CodeName{0x0600, "XNS", "XNS"},
    CodeName{0x0800, "IPv4", "Internet Protocol version 4"},
    CodeName{0x0804, "Chaos", "Chaos"},
    CodeName{0x0806, "ARP", "RFC 826 ARP"},
    CodeName{0x0808, "FR-ARP", "Frame Relay ARP"},
    CodeName{0x0BAD, "VINES", "VINES"},
    CodeName{0x0BAE, "VINES-Echo", "VINES Echo"},
    CodeName{0x0BAF, "VINES-Loopback", "VINES Loopback"},
    CodeName{0x22EB, "ERSPAN-III", "ERSPAN Type III"},
    CodeName{0x6003, "DECnet", "DECnet (Phase IV)"},
    CodeName{0x6558, "TEB", "Transparent Ethernet Bridging"},
    CodeName{0x6559, "Raw-FR", "Raw Frame Relay"},
    CodeName{0x8019, "Apollo", "Apollo Domain"},
    CodeName{0x809B, "AppleTalk", "Ethertalk (Appletalk)"},
    CodeName{0x8100, "VLAN", "IEEE 802.1Q VLAN-tagged frame"},
    CodeName{0x8137, "IPX", "Novell IPX"},
    CodeName{0x86DD, "IPv6", "Internet Protocol version 6"},
    CodeName{0x876B, "TCP/IP-compression", "RFC 1144 TCP/IP compression"},
    CodeName{0x876C, "IP-AS", "IP Autonomous Systems"},
    CodeName{0x8847, "MPLS", "MPLS unicast"},
    CodeName{0x8848, "MPLS-multicast", "MPLS multicast"},
    CodeName{0x880B, "PPP", "Point-to-Point Protocol (PPTP enhanced GRE)"},
    CodeName{0x88BE, "ERSPAN", "ERSPAN Type II"},
    CodeName{0x894F, "NSH", "Network Service Header"},
};

}  // namespace

std::span<const CodeName> protocol_types() { return kProtocolTypes; }

std::string protocol_abbrev(std::uint16_t protocol_type) {
  if (const auto* e = find_code(kProtocolTypes, protocol_type)) return std::string(e->abbrev);
  return fmt::format("unknown({:#06x})", protocol_type);
}

}  // namespace ts::gre
