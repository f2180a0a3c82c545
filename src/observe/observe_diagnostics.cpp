#include "src/observe/observe_diagnostics.h"


namespace ts::observe::diag {

using K = DiagKind;
using S = Severity;

// --- capture artefacts ---------------------------------------------------------------------
const DiagnosticDef kSnaplenCut{"capture.snaplen_cut", K::capture, S::info, "",
                                "the capture's snapshot length cut the frame; later layers were not decoded"};
const DiagnosticDef kFileTruncated{"capture.file_truncated", K::capture, S::warning, "",
                                   "the capture file ends in the middle of a record"};
const DiagnosticDef kL2tpControlMissing{
    "capture.l2tp_control_missing", K::capture, S::info, "RFC 2661 §5.8",
    "a control message's Ns skips ahead: earlier messages were not captured (or were lost before the tap)"};
const DiagnosticDef kMidstream{"capture.midstream", K::capture, S::info, "",
                               "the capture starts after the connection was set up; its early state is unknown"};

const DiagnosticDef kChecksSuspended{
    "capture.checks_suspended", K::capture, S::warning, "",
    "the capture lost part of this connection (snaplen cut, TCP gap): behaviour checks stop here, decoding goes on"};

// --- malformed across layers -----------------------------------------------------------------
const DiagnosticDef kFrameTruncated{
    "frame.truncated", K::malformed, S::error, "",
    "a length field claims more bytes than the (uncut) frame carries"};

// --- L2TP ----------------------------------------------------------------------------------
const DiagnosticDef kL2tpIllegalControl{
    "l2tp.state.illegal_control_message", K::violation, S::error, "RFC 2661 §7.2.1",
    "a control connection message arrived or was sent in a state where the state table does not allow it"};
const DiagnosticDef kL2tpIllegalSession{
    "l2tp.state.illegal_session_message", K::violation, S::error, "RFC 2661 §7.4, §7.5",
    "a session message arrived or was sent in a session state where the state tables do not allow it"};
const DiagnosticDef kL2tpUnknownTunnel{
    "l2tp.tunnel.unknown_id", K::note, S::info, "RFC 2661 §3.1",
    "a message names a Tunnel ID that no captured SCCRQ/SCCRP assigned (capture may have started late)"};
const DiagnosticDef kL2tpUnknownSession{
    "l2tp.session.unknown_id", K::note, S::info, "RFC 2661 §3.1",
    "a message names a Session ID that no captured ICRQ/ICRP/OCRQ/OCRP assigned"};
const DiagnosticDef kL2tpNrAhead{
    "l2tp.ctrl.nr_ahead", K::violation, S::error, "RFC 2661 §5.8",
    "Nr acknowledges a control message the peer has not sent"};
const DiagnosticDef kL2tpZlbWithoutPending{
    "l2tp.ctrl.zlb_nothing_to_ack", K::note, S::info, "RFC 2661 §5.8",
    "a ZLB acknowledgement was sent while nothing was waiting to be acknowledged"};
const DiagnosticDef kL2tpChallengeResponseMissing{
    "l2tp.auth.challenge_response_missing", K::violation, S::error, "RFC 2661 §4.4.3, §5.1.1",
    "a Challenge was sent but the peer's SCCRP/SCCCN carries no Challenge Response"};
const DiagnosticDef kL2tpChallengeResponseMismatch{
    "l2tp.auth.challenge_response_mismatch", K::violation, S::warning, "RFC 2661 §4.2, §5.1.1",
    "the Challenge Response does not match any given --l2tp-secret (wrong secret on the peer or on the command line)"};
const DiagnosticDef kL2tpChallengeResponseVerified{
    "l2tp.auth.challenge_response_verified", K::note, S::info, "RFC 2661 §4.2",
    "the Challenge Response matches the given --l2tp-secret"};
const DiagnosticDef kL2tpUnacknowledged{
    "l2tp.ctrl.unacknowledged", K::violation, S::warning, "RFC 2661 §5.8",
    "a control message was never acknowledged before the capture or the tunnel ended"};
const DiagnosticDef kL2tpHelloUnanswered{
    "l2tp.hello.unanswered", K::violation, S::warning, "RFC 2661 §6.5, §5.8",
    "a Hello was never acknowledged"};

// --- PPTP ----------------------------------------------------------------------------------
const DiagnosticDef kPptpIllegalControl{
    "pptp.state.illegal_control_message", K::violation, S::error, "RFC 2637 §3.1",
    "a control connection message was sent or received in a state where it is not allowed"};
const DiagnosticDef kPptpIllegalCall{
    "pptp.state.illegal_call_message", K::violation, S::error, "RFC 2637 §3.2",
    "a call message was sent or received in a call state where it is not allowed"};
const DiagnosticDef kPptpUnknownCall{
    "pptp.call.unknown_id", K::note, S::info, "RFC 2637 §3.2.2",
    "a message names a Call ID that no captured call request or reply assigned"};
const DiagnosticDef kPptpStreamDesync{
    "pptp.stream.desync", K::malformed, S::error, "RFC 2637 §1.4",
    "the TCP byte stream does not start a PPTP message where one must start (Length or Magic Cookie wrong)"};
const DiagnosticDef kPptpEchoUnanswered{
    "pptp.echo.unanswered", K::violation, S::warning, "RFC 2637 §2.5, §3.1.4",
    "an Echo-Request got no Echo-Reply"};
const DiagnosticDef kPptpNegativeReply{
    "pptp.result.negative", K::note, S::info, "RFC 2637 §2",
    "a reply carried a Result Code other than success"};
const DiagnosticDef kGreUnknownCall{
    "gre.call.unknown_id", K::note, S::info, "RFC 2637 §4.1",
    "an enhanced GRE packet carries a Call ID that no captured PPTP call assigned"};
const DiagnosticDef kGreAckAhead{
    "gre.ack.ahead", K::violation, S::error, "RFC 2637 §4.3",
    "an acknowledgement number acknowledges a packet the peer has not sent"};

// --- PPP -----------------------------------------------------------------------------------
const DiagnosticDef kPppIllegalEvent{
    "ppp.automaton.illegal_event", K::violation, S::error, "RFC 1661 §4.1",
    "a packet arrived in an automaton state where the state table marks the event illegal"};
const DiagnosticDef kPppMagicLoopback{
    "ppp.lcp.magic_loopback", K::violation, S::warning, "RFC 1661 §6.4",
    "both sides use the same Magic-Number: a looped-back link or a bad random source"};
const DiagnosticDef kPppEchoUnanswered{
    "ppp.lcp.echo_unanswered", K::violation, S::warning, "RFC 1661 §5.8",
    "an LCP Echo-Request in the Opened state got no Echo-Reply"};
const DiagnosticDef kPppAuthResponseMismatch{
    "ppp.auth.response_mismatch", K::violation, S::warning, "RFC 1334 §2.2, RFC 1994 §4.1, RFC 2759 §8",
    "the authentication response (PAP password, CHAP or MS-CHAP response) does not match --ppp-password"};
const DiagnosticDef kPppAuthResponseVerified{
    "ppp.auth.response_verified", K::note, S::info, "RFC 1334 §2.2, RFC 1994 §4.1, RFC 2759 §8",
    "the authentication response (PAP password, CHAP or MS-CHAP response) matches --ppp-password"};
const DiagnosticDef kPppAuthenticatorResponseMismatch{
    "ppp.mschapv2.authenticator_response_mismatch", K::violation, S::error, "RFC 2759 §8.7",
    "the authenticator's S= response is not the one the password and challenges give"};
const DiagnosticDef kPppDataBeforeNetwork{
    "ppp.data.before_ncp_opened", K::violation, S::warning, "RFC 1661 §3.6",
    "a network-layer packet was sent before its NCP reached the Opened state"};

const DiagnosticDef kPppAnswerIdMismatch{
    "ppp.control.answer_id_mismatch", K::violation, S::error, "RFC 1661 §5.2, §5.3, §5.4",
    "a Configure-Ack/Nak/Reject does not copy the Identifier of the Configure-Request it answers"};

const DiagnosticDef kIcmpErrorForTunnel{
    "net.icmp.error_for_tunnel", K::note, S::warning, "RFC 792, RFC 4443 §3",
    "an ICMP error reports that a tunnel packet was not delivered (e.g. nothing listens on the port)"};

const DiagnosticDef kEncryptedEsp{
    "capture.ipsec_encrypted", K::capture, S::info, "RFC 4303, RFC 3948",
    "IPsec ESP traffic (e.g. L2TP over IPsec) is in the capture: its tunnels cannot be analysed without decryption"};

const DiagnosticDef kTimeJump{
    "capture.time_jump", K::capture, S::warning, "",
    "capture timestamps jump by more than a day: the capturing host's clock changed; durations across it are wrong"};
const DiagnosticDef kDuplicateFrames{
    "capture.duplicate_frames", K::capture, S::info, "",
    "frames captured twice (identical bytes within 2 ms, e.g. a SPAN of both directions): the copies were skipped"};
const DiagnosticDef kPppEchoOutsideOpened{
    "ppp.lcp.echo_outside_opened", K::violation, S::error, "RFC 1661 §5.8",
    "Echo-Request and Echo-Reply packets MUST only be sent in the LCP Opened state"};
const DiagnosticDef kPptpWrongSender{
    "pptp.call.wrong_sender", K::violation, S::warning, "RFC 2637 §2.14, §2.15",
    "WAN-Error-Notify is sent by the PAC and Set-Link-Info by the PNS; this one came from the other side"};

namespace {
constexpr const DiagnosticDef* kAll[] = {
    &kSnaplenCut, &kChecksSuspended, &kFileTruncated, &kL2tpControlMissing, &kMidstream, &kFrameTruncated,
    &kL2tpIllegalControl, &kL2tpIllegalSession, &kL2tpUnknownTunnel, &kL2tpUnknownSession, &kL2tpNrAhead,
    &kL2tpZlbWithoutPending, &kL2tpChallengeResponseMissing, &kL2tpChallengeResponseMismatch,
    &kL2tpChallengeResponseVerified, &kL2tpUnacknowledged, &kL2tpHelloUnanswered, &kPptpIllegalControl,
    &kPptpIllegalCall, &kPptpUnknownCall, &kPptpStreamDesync, &kPptpEchoUnanswered, &kPptpNegativeReply,
    &kGreUnknownCall, &kGreAckAhead, &kPppIllegalEvent, &kPppMagicLoopback, &kPppEchoUnanswered,
    &kPppAuthResponseMismatch, &kPppAuthResponseVerified, &kPppAuthenticatorResponseMismatch,
    &kPppDataBeforeNetwork, &kPppAnswerIdMismatch, &kIcmpErrorForTunnel, &kEncryptedEsp, &kTimeJump, &kDuplicateFrames,
    &kPppEchoOutsideOpened, &kPptpWrongSender};
}  // namespace

std::span<const DiagnosticDef* const> all() { return kAll; }

}  // namespace ts::observe::diag
