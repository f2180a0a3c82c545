#pragma once
// Diagnostics of the link, IP, UDP, TCP and PPPoE decoders (ids "net.*").
//
// Contract: every definition below is registered once in the program-wide table (see
// net_diagnostics.cpp) and its id is stable. Decoders add them with ts::add_diag().
// Plain truncation is never a diagnostic (Decoded::complete says it).
#include <span>

#include "src/core/diagnostic.h"

namespace ts::net::diag {

// Link layers
extern const DiagnosticDef kEthernetVlanDepth;     // more stacked VLAN tags than we walk
extern const DiagnosticDef kEthernetBadType;       // type/length field in 1501..1535
extern const DiagnosticDef kEthernetLengthMismatch; // 802.3 length larger than the frame
extern const DiagnosticDef kLinkUnknownType;       // pcap link type not decoded
extern const DiagnosticDef kLinkNullUnknownFamily; // BSD NULL/LOOP family not IPv4/IPv6
extern const DiagnosticDef kLinkRawBadVersion;     // RAW frame whose version is not 4 or 6
// IPv4
extern const DiagnosticDef kIpv4BadVersion;
extern const DiagnosticDef kIpv4BadIhl;
extern const DiagnosticDef kIpv4BadChecksum;
extern const DiagnosticDef kIpv4TotalLengthShort;
extern const DiagnosticDef kIpv4ReservedFlag;
extern const DiagnosticDef kIpv4FragmentOverlap;
extern const DiagnosticDef kIpv4FragmentBadLength;
// IPv6
extern const DiagnosticDef kIpv6BadVersion;
extern const DiagnosticDef kIpv6ExtHeaderLimit;
extern const DiagnosticDef kIpv6HopByHopNotFirst;
extern const DiagnosticDef kIpv6FragmentOverlap;
extern const DiagnosticDef kIpv6FragmentBadLength;
// UDP
extern const DiagnosticDef kUdpBadLength;
extern const DiagnosticDef kUdpLengthMismatch;
// TCP
extern const DiagnosticDef kTcpBadDataOffset;
extern const DiagnosticDef kTcpBadOption;
// PPPoE
extern const DiagnosticDef kPppoeBadVersion;
extern const DiagnosticDef kPppoeBadType;
extern const DiagnosticDef kPppoeUnknownCode;
extern const DiagnosticDef kPppoeBadSessionId;
extern const DiagnosticDef kPppoeTagOverrun;

// All of the above, in declaration order (for docs and tests).
std::span<const DiagnosticDef* const> all();

}  // namespace ts::net::diag
