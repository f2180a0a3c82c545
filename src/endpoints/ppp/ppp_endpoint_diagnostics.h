#pragma once
// Diagnostics the reference PPP peer (src/endpoints/ppp) reports about its peer: faults of
// the RFC 1661 automaton, of option negotiation, of link maintenance and of the data phase.
// Contract: ids are stable and never reused; registered with ts::all_diagnostic_defs() at
// static initialisation (ppp_endpoint_diagnostics.cpp) when the PPP endpoint is linked in.
#include <span>

#include "src/core/diagnostic.h"

namespace ts::endpoints::ppp::peer_diag {

extern const DiagnosticDef kIllegalEvent;      // ppp.peer.illegal_event
extern const DiagnosticDef kMalformedPacket;   // ppp.peer.malformed_packet
extern const DiagnosticDef kBadOption;         // ppp.peer.bad_option
extern const DiagnosticDef kAckMismatch;       // ppp.peer.ack_mismatch
extern const DiagnosticDef kRejectNotSubset;   // ppp.peer.reject_not_subset
extern const DiagnosticDef kStaleReply;        // ppp.peer.stale_reply
extern const DiagnosticDef kNotConverging;     // ppp.peer.not_converging
extern const DiagnosticDef kUnacceptable;      // ppp.peer.unacceptable_option
extern const DiagnosticDef kLoopedBack;        // ppp.peer.looped_back
extern const DiagnosticDef kEchoBadMagic;      // ppp.peer.echo_bad_magic
extern const DiagnosticDef kEchoTimeout;       // ppp.peer.echo_timeout
extern const DiagnosticDef kCodeRejected;      // ppp.peer.code_rejected
extern const DiagnosticDef kProtocolRejected;  // ppp.peer.protocol_rejected
extern const DiagnosticDef kUnknownProtocol;   // ppp.peer.unknown_protocol
extern const DiagnosticDef kLcpCompressed;     // ppp.peer.lcp_compressed
extern const DiagnosticDef kBadFrame;          // ppp.peer.bad_frame
extern const DiagnosticDef kDataBeforeOpened;  // ppp.peer.data_before_opened
extern const DiagnosticDef kNoResponse;        // ppp.peer.no_response
extern const DiagnosticDef kHdlcFcsError;      // ppp.peer.hdlc_fcs_error
extern const DiagnosticDef kTerminatedByPeer;  // ppp.peer.terminated
extern const DiagnosticDef kUnencryptedData;   // ppp.peer.unencrypted_data
extern const DiagnosticDef kMppeNotAgreed;     // ppp.peer.mppe_not_agreed

std::span<const DiagnosticDef* const> all_defs();

}  // namespace ts::endpoints::ppp::peer_diag
