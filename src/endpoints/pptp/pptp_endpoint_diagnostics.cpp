#include "src/endpoints/pptp/pptp_endpoint_diagnostics.h"

namespace ts::endpoints::pptp::diag {

using K = DiagKind;
using S = Severity;

const DiagnosticDef kMalformed{
    "pptp.peer.malformed_message", K::malformed, S::error, "RFC 2637 §1.4, §3",
    "control message with a bad Magic Cookie, Length or PPTP Message Type: the control "
    "connection should be closed"};
const DiagnosticDef kStreamDesync{
    "pptp.peer.stream_desync", K::malformed, S::error, "RFC 2637 §1.4",
    "control message Length below the header size: the TCP stream is out of sync"};
const DiagnosticDef kUnknownType{
    "pptp.peer.unknown_message_type", K::malformed, S::error, "RFC 2637 §1.4, §3",
    "unknown Control Message Type: an invalid control message closes the connection"};
const DiagnosticDef kIllegalControl{
    "pptp.peer.illegal_control_message", K::violation, S::error, "RFC 2637 §3.1",
    "control message not allowed in the control connection's state"};
const DiagnosticDef kIllegalCall{"pptp.peer.illegal_call_message", K::violation, S::error,
                                 "RFC 2637 §3.2", "call message not allowed in the call's state"};
const DiagnosticDef kWrongRole{"pptp.peer.wrong_role_message", K::violation, S::error,
                               "RFC 2637 §2",
                               "message that only the other role (PAC or PNS) may send"};
const DiagnosticDef kUnknownCallId{
    "pptp.peer.unknown_call_id", K::violation, S::warning, "RFC 2637 §2.16",
    "call message names a Call ID that belongs to no call (Bad-Call ID)"};
const DiagnosticDef kNoControlReply{
    "pptp.peer.no_control_reply", K::violation, S::warning, "RFC 2637 §3.1.4",
    "no Start-Control-Connection-Reply within the time-out: the connection is closed"};
const DiagnosticDef kEchoUnanswered{
    "pptp.peer.echo_unanswered", K::violation, S::warning, "RFC 2637 §3.1.4",
    "no Echo-Reply within the time-out: the control connection is closed"};
const DiagnosticDef kNoCallReply{
    "pptp.peer.no_call_reply", K::violation, S::warning, "RFC 2637 §3.2.1",
    "no reply to a call request within the time-out: the call is cleared"};
const DiagnosticDef kRefused{"pptp.peer.refused", K::note, S::info, "RFC 2637 §2.2, §2.8, §2.10",
                             "the peer answered a request with a negative Result Code"};
const DiagnosticDef kGreMalformed{
    "pptp.peer.gre_malformed", K::malformed, S::warning, "RFC 2637 §4.1",
    "GRE packet that is not enhanced GRE (version 1, K=1, protocol 0x880B)"};
const DiagnosticDef kGreUnknownCall{"pptp.peer.gre_unknown_call", K::violation, S::warning,
                                    "RFC 2637 §4.1",
                                    "GRE packet whose Key Call ID belongs to no established call"};
const DiagnosticDef kGreAckUnsent{"pptp.peer.gre_ack_unsent", K::violation, S::error,
                                  "RFC 2637 §4.1",
                                  "GRE Acknowledgment Number for a packet that was never sent"};

namespace {
const DiagnosticDef* const kAllDefs[] = {
    &kMalformed, &kStreamDesync,  &kUnknownType,    &kIllegalControl, &kIllegalCall,
    &kWrongRole, &kUnknownCallId, &kNoControlReply, &kEchoUnanswered, &kNoCallReply,
    &kRefused,   &kGreMalformed,  &kGreUnknownCall, &kGreAckUnsent};
const DiagnosticTable kRegister{kAllDefs};
}  // namespace

std::span<const DiagnosticDef* const> all_defs() { return kAllDefs; }

}  // namespace ts::endpoints::pptp::diag
