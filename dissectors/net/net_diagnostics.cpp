#include "dissectors/net/net_diagnostics.h"

namespace ts::net::diag {

using K = DiagKind;
using S = Severity;

const DiagnosticDef kEthernetVlanDepth{"net.ethernet.vlan_depth", K::note, S::info, "IEEE 802.1Q §9.6",
                                       "more stacked VLAN tags than decoded; rest left undecoded"};
const DiagnosticDef kEthernetBadType{"net.ethernet.bad_type", K::malformed, S::warning, "IEEE 802.3 §3.2.6",
                                     "type/length field between 1501 and 1535 is neither a length nor a type"};
const DiagnosticDef kEthernetLengthMismatch{"net.ethernet.length_mismatch", K::malformed, S::warning,
                                            "IEEE 802.3 §3.2.6",
                                            "802.3 length field larger than the frame's data"};
const DiagnosticDef kLinkUnknownType{"net.link.unknown_type", K::note, S::info, "",
                                     "pcap link type not decoded by tunnelscope"};
const DiagnosticDef kLinkNullUnknownFamily{"net.link.null_unknown_family", K::note, S::info, "",
                                           "BSD loopback address family is neither IPv4 nor IPv6"};
const DiagnosticDef kLinkRawBadVersion{"net.link.raw_bad_version", K::malformed, S::warning, "",
                                       "raw IP frame whose version nibble is neither 4 nor 6"};

const DiagnosticDef kIpv4BadVersion{"net.ipv4.bad_version", K::malformed, S::error, "RFC 791 §3.1",
                                    "IPv4 version field is not 4"};
const DiagnosticDef kIpv4BadIhl{"net.ipv4.bad_ihl", K::malformed, S::error, "RFC 791 §3.1",
                                "IHL below the minimum of 5 (20 octets); header taken as 20 octets"};
const DiagnosticDef kIpv4BadChecksum{"net.ipv4.bad_checksum", K::note, S::info, "RFC 791 §3.1",
                                     "IPv4 header checksum does not verify (often checksum offload on the "
                                     "capturing host)"};
const DiagnosticDef kIpv4TotalLengthShort{"net.ipv4.total_length_short", K::malformed, S::error,
                                          "RFC 791 §3.1", "total length smaller than the header length"};
const DiagnosticDef kIpv4ReservedFlag{"net.ipv4.reserved_flag", K::malformed, S::warning, "RFC 791 §3.1",
                                      "reserved flag bit 0 must be zero"};
const DiagnosticDef kIpv4FragmentOverlap{"net.ipv4.fragment_overlap", K::malformed, S::error, "RFC 791 §3.2",
                                         "overlapping IPv4 fragments carry different data; first kept"};
const DiagnosticDef kIpv4FragmentBadLength{"net.ipv4.fragment_bad_length", K::malformed, S::error,
                                           "RFC 791 §3.2",
                                           "fragment inconsistent with the datagram's length (data past "
                                           "the last fragment, two different ends, or > 65535 octets)"};

const DiagnosticDef kIpv6BadVersion{"net.ipv6.bad_version", K::malformed, S::error, "RFC 8200 §3",
                                    "IPv6 version field is not 6"};
const DiagnosticDef kIpv6ExtHeaderLimit{"net.ipv6.ext_header_limit", K::note, S::warning, "RFC 8200 §4.1",
                                        "extension header chain longer than the walk limit; rest undecoded"};
const DiagnosticDef kIpv6HopByHopNotFirst{"net.ipv6.hop_by_hop_not_first", K::malformed, S::error,
                                          "RFC 8200 §4.3",
                                          "Hop-by-Hop Options header not immediately after the IPv6 header"};
const DiagnosticDef kIpv6FragmentOverlap{"net.ipv6.fragment_overlap", K::malformed, S::error, "RFC 8200 §4.5",
                                         "overlapping IPv6 fragments; the datagram must be discarded"};
const DiagnosticDef kIpv6FragmentBadLength{"net.ipv6.fragment_bad_length", K::malformed, S::error,
                                           "RFC 8200 §4.5",
                                           "fragment inconsistent with the datagram's length (data past "
                                           "the last fragment, two different ends, or > 65535 octets)"};

const DiagnosticDef kUdpBadLength{"net.udp.bad_length", K::malformed, S::error, "RFC 768",
                                  "UDP length below the 8-octet header"};
const DiagnosticDef kUdpLengthMismatch{"net.udp.length_mismatch", K::malformed, S::warning, "RFC 768",
                                       "UDP length differs from the IP payload length"};

const DiagnosticDef kTcpBadDataOffset{"net.tcp.bad_data_offset", K::malformed, S::error, "RFC 9293 §3.1",
                                      "TCP data offset below 5 (20 octets); header taken as 20 octets"};
const DiagnosticDef kTcpBadOption{"net.tcp.bad_option", K::malformed, S::warning, "RFC 9293 §3.2",
                                  "TCP option with an invalid length or running past the header"};

const DiagnosticDef kPppoeBadVersion{"net.pppoe.bad_version", K::malformed, S::error, "RFC 2516 §4",
                                     "PPPoE VER field MUST be 0x1"};
const DiagnosticDef kPppoeBadType{"net.pppoe.bad_type", K::malformed, S::error, "RFC 2516 §4",
                                  "PPPoE TYPE field MUST be 0x1"};
const DiagnosticDef kPppoeUnknownCode{"net.pppoe.unknown_code", K::malformed, S::warning, "RFC 2516 §5",
                                      "PPPoE CODE is not one of PADI/PADO/PADR/PADS/PADT/session"};
const DiagnosticDef kPppoeBadSessionId{"net.pppoe.bad_session_id", K::violation, S::error, "RFC 2516 §5",
                                       "SESSION_ID MUST be 0x0000 in PADI/PADO/PADR and non-zero in "
                                       "PADS(success)/PADT/session"};
const DiagnosticDef kPppoeTagOverrun{"net.pppoe.tag_overrun", K::malformed, S::error, "RFC 2516 §4",
                                     "discovery TAG runs past the PPPoE payload"};

namespace {
const DiagnosticDef* const kAllDefs[] = {
    &kEthernetVlanDepth, &kEthernetBadType, &kEthernetLengthMismatch, &kLinkUnknownType,
    &kLinkNullUnknownFamily, &kLinkRawBadVersion, &kIpv4BadVersion, &kIpv4BadIhl, &kIpv4BadChecksum,
    &kIpv4TotalLengthShort, &kIpv4ReservedFlag, &kIpv4FragmentOverlap, &kIpv4FragmentBadLength,
    &kIpv6BadVersion, &kIpv6ExtHeaderLimit, &kIpv6HopByHopNotFirst, &kIpv6FragmentOverlap,
    &kIpv6FragmentBadLength, &kUdpBadLength, &kUdpLengthMismatch, &kTcpBadDataOffset,
    &kTcpBadOption, &kPppoeBadVersion, &kPppoeBadType, &kPppoeUnknownCode, &kPppoeBadSessionId,
    &kPppoeTagOverrun,
};
const DiagnosticTable kRegister{kAllDefs};
}  // namespace

std::span<const DiagnosticDef* const> all() { return kAllDefs; }

}  // namespace ts::net::diag
