#include "src/endpoints/ppp/ppp_endpoint_diagnostics.h"

namespace ts::endpoints::ppp::peer_diag {

using K = DiagKind;
using S = Severity;

const DiagnosticDef kIllegalEvent{
    "ppp.peer.illegal_event", K::violation, S::error, "RFC 1661 §4.1",
    "the peer's packet is an illegal event in the receiving automaton's state"};
const DiagnosticDef kMalformedPacket{
    "ppp.peer.malformed_packet", K::malformed, S::error, "RFC 1661 §5",
    "control packet does not decode (length or body too short); silently discarded"};
const DiagnosticDef kBadOption{"ppp.peer.bad_option", K::malformed, S::error, "RFC 1661 §6",
                               "Configuration Option with an invalid Length or value"};
const DiagnosticDef kAckMismatch{
    "ppp.peer.ack_mismatch", K::violation, S::error, "RFC 1661 §5.2",
    "Configure-Ack options do not exactly match the last Configure-Request; discarded"};
const DiagnosticDef kRejectNotSubset{
    "ppp.peer.reject_not_subset", K::violation, S::error, "RFC 1661 §5.4",
    "Configure-Reject names options that were not in the last Configure-Request; discarded"};
const DiagnosticDef kStaleReply{
    "ppp.peer.stale_reply", K::note, S::info, "RFC 1661 §5.2",
    "Configure reply whose Identifier is not the last Configure-Request's; silently discarded"};
const DiagnosticDef kNotConverging{
    "ppp.peer.not_converging", K::violation, S::warning, "RFC 1661 §4.6",
    "Max-Failure Configure-Naks sent without an Ack: further Naks become Rejects"};
const DiagnosticDef kUnacceptable{
    "ppp.peer.unacceptable_option", K::violation, S::error, "RFC 1661 §5.3",
    "the peer refuses an option this side cannot do without; the layer is closed"};
const DiagnosticDef kLoopedBack{
    "ppp.peer.looped_back", K::violation, S::error, "RFC 1661 §6.4",
    "our own Magic-Number keeps coming back: the link appears to be looped back"};
const DiagnosticDef kEchoBadMagic{
    "ppp.peer.echo_bad_magic", K::violation, S::warning, "RFC 1661 §5.8",
    "Echo packet carries our own Magic-Number, or not the peer's negotiated one"};
const DiagnosticDef kEchoTimeout{
    "ppp.peer.echo_timeout", K::violation, S::warning, "RFC 1661 §5.8",
    "Echo-Requests unanswered: the peer is considered dead and the link closed"};
const DiagnosticDef kCodeRejected{"ppp.peer.code_rejected", K::note, S::info, "RFC 1661 §5.6",
                                  "the peer sent a Code-Reject for one of our packets"};
const DiagnosticDef kProtocolRejected{"ppp.peer.protocol_rejected", K::note, S::info,
                                      "RFC 1661 §5.7",
                                      "the peer sent a Protocol-Reject; that protocol is stopped"};
const DiagnosticDef kUnknownProtocol{
    "ppp.peer.unknown_protocol", K::note, S::info, "RFC 1661 §5.7",
    "frame of a protocol this peer does not run; answered with Protocol-Reject"};
const DiagnosticDef kLcpCompressed{
    "ppp.peer.lcp_compressed", K::violation, S::error, "RFC 1661 §6.5",
    "LCP packet sent with a compressed Protocol field (LCP MUST NOT be compressed)"};
const DiagnosticDef kBadFrame{"ppp.peer.bad_frame", K::malformed, S::error, "RFC 1661 §2",
                              "PPP frame without a usable Protocol field; discarded"};
const DiagnosticDef kDataBeforeOpened{
    "ppp.peer.data_before_opened", K::violation, S::warning, "RFC 1661 §3.6",
    "network-layer packet before its NCP reached Opened (or refused by policy); discarded"};
const DiagnosticDef kNoResponse{
    "ppp.peer.no_response", K::violation, S::warning, "RFC 1661 §4.6",
    "Max-Configure Configure-Requests went unanswered; the layer gave up"};
const DiagnosticDef kHdlcFcsError{
    "ppp.peer.hdlc_fcs_error", K::malformed, S::warning, "RFC 1662 §4.3",
    "async HDLC frame with a bad FCS, aborted or too short; discarded"};
const DiagnosticDef kTerminatedByPeer{"ppp.peer.terminated", K::note, S::info, "RFC 1661 §5.5",
                                      "the peer sent a Terminate-Request"};

const DiagnosticDef kUnencryptedData{"ppp.peer.unencrypted_data", K::violation, S::error,
                                     "RFC 3078 §2",
                                     "clear-text network packet while MPPE is required; discarded"};
const DiagnosticDef kMppeNotAgreed{
    "ppp.peer.mppe_not_agreed", K::violation, S::error, "RFC 3078 §2",
    "MPPE is required but was not negotiated; the link is terminated"};

namespace {
const DiagnosticDef* const kAllDefs[] = {
    &kIllegalEvent,     &kMalformedPacket, &kBadOption,     &kAckMismatch,
    &kRejectNotSubset,  &kStaleReply,      &kNotConverging, &kUnacceptable,
    &kLoopedBack,       &kEchoBadMagic,    &kEchoTimeout,   &kCodeRejected,
    &kProtocolRejected, &kUnknownProtocol, &kLcpCompressed, &kBadFrame,
    &kDataBeforeOpened, &kNoResponse,      &kHdlcFcsError,  &kTerminatedByPeer,
    &kUnencryptedData,  &kMppeNotAgreed};
const DiagnosticTable kRegister{kAllDefs};
}  // namespace

std::span<const DiagnosticDef* const> all_defs() { return kAllDefs; }

}  // namespace ts::endpoints::ppp::peer_diag
