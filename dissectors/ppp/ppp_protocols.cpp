#include "dissectors/ppp/ppp_protocols.h"

#include <fmt/format.h>

namespace ts::ppp {
namespace {
constexpr CodeName kProtocols[] = {
    {kIpv4, "IPv4", "Internet Protocol version 4"},
    {kVjCompressed, "VJ-comp", "Van Jacobson Compressed TCP/IP"},
    {kVjUncompressed, "VJ-uncomp", "Van Jacobson Uncompressed TCP/IP"},
    {kBridged, "BPDU", "Bridging PDU"},
    {kMp, "MP", "Multi-Link Protocol"},
    {kIpv6, "IPv6", "Internet Protocol version 6"},
    {kEncrypted, "encrypted", "Encrypted datagram (ECP)"},
    {kIndividualLinkEncrypted, "link-encrypted", "Individual link encrypted datagram"},
    {kCompressed, "compressed", "Compressed datagram (CCP)"},
    {kIndividualLinkCompressed, "link-compressed", "Individual link compressed datagram"},
    {kIpcp, "IPCP", "Internet Protocol Control Protocol"},
    {kBcp, "BCP", "Bridging Control Protocol"},
    {kEcp, "ECP", "Encryption Control Protocol"},
    {kIpv6cp, "IPv6CP", "IPv6 Control Protocol"},
    {kIndividualLinkEcp, "link-ECP", "Individual link Encryption Control Protocol"},
    {kIndividualLinkCcp, "link-CCP", "Individual link Compression Control Protocol"},
    {kCcp, "CCP", "Compression Control Protocol"},
    {kLcp, "LCP", "Link Control Protocol"},
    {kPap, "PAP", "Password Authentication Protocol"},
    {kLqr, "LQR", "Link Quality Report"},
    {kCbcp, "CBCP", "Callback Control Protocol"},
    {kBap, "BAP", "Bandwidth Allocation Protocol"},
    {kChap, "CHAP", "Challenge Handshake Authentication Protocol"},
    {kEap, "EAP", "Extensible Authentication Protocol"},
    // Further assigned numbers seen on real links (Cisco, MPLS, multilink bandwidth).
    {0x0023, "OSI", "OSI Network Layer"},
    {0x002B, "IPX", "Novell IPX"},
    {0x0207, "CDP", "Cisco Discovery Protocol"},
    {0x0281, "MPLS", "MPLS Unicast"},
    {0x0283, "MPLS-mc", "MPLS Multicast"},
    {0x8023, "OSINLCP", "OSI Network Layer Control Protocol"},
    {0x802B, "IPXCP", "Novell IPX Control Protocol"},
    {0x8207, "CDPCP", "Cisco Discovery Protocol Control Protocol"},
    {0x8281, "MPLSCP", "MPLS Control Protocol"},
    {0xC02B, "BACP", "Bandwidth Allocation Control Protocol"},
};
}  // namespace

std::span<const CodeName> protocol_names() { return kProtocols; }

std::string protocol_abbrev(std::uint16_t protocol) {
  if (const auto* e = find_code(kProtocols, protocol)) return std::string(e->abbrev);
  return fmt::format("0x{:04x}", protocol);
}

bool is_control_protocol(std::uint16_t protocol) {
  switch (protocol) {
    case kLcp:
    case kIpcp:
    case kIpv6cp:
    case kCcp:
    case kEcp:
    case kBcp:
    case kIndividualLinkCcp:
    case kIndividualLinkEcp:
      return true;
    default:
      return false;
  }
}

}  // namespace ts::ppp
