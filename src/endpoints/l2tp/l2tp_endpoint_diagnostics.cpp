#include "src/endpoints/l2tp/l2tp_endpoint_diagnostics.h"

namespace ts::endpoints::l2tp::diag {

using K = DiagKind;
using S = Severity;

const DiagnosticDef kIllegalControl{
    "l2tp.peer.illegal_control_message", K::violation, S::error, "RFC 2661 §7.2.1",
    "control message not allowed in the tunnel's state"};
const DiagnosticDef kIllegalSession{
    "l2tp.peer.illegal_session_message", K::violation, S::error, "RFC 2661 §7.4, §7.5",
    "session message not allowed in the session's state"};
const DiagnosticDef kMissingAvp{
    "l2tp.peer.avp_missing", K::violation, S::error, "RFC 2661 §6",
    "a control message lacks an AVP it MUST carry"};
const DiagnosticDef kMandatoryUnknown{
    "l2tp.peer.mandatory_avp_unknown", K::violation, S::error, "RFC 2661 §4.2",
    "unknown AVP with the M bit set: the session or tunnel is shut down"};
const DiagnosticDef kUnknownMessage{
    "l2tp.peer.message_type_unknown", K::violation, S::error, "RFC 2661 §4.4.1, §7.1",
    "mandatory control message of an unknown type: the tunnel is cleared"};
const DiagnosticDef kAuthFailed{
    "l2tp.peer.tunnel_auth_failed", K::violation, S::error, "RFC 2661 §5.1.1",
    "Challenge Response missing or wrong: tunnel establishment disallowed"};
const DiagnosticDef kAuthUnanswerable{
    "l2tp.peer.challenge_without_secret", K::note, S::warning, "RFC 2661 §5.1.1",
    "the peer sent a Challenge but no shared secret is configured here"};
const DiagnosticDef kVersionUnsupported{
    "l2tp.peer.protocol_version", K::violation, S::error, "RFC 2661 §4.4.3",
    "Protocol Version AVP other than 1.0"};
const DiagnosticDef kUnknownTunnel{
    "l2tp.peer.unknown_tunnel", K::violation, S::warning, "RFC 2661 §3.1",
    "message for a Tunnel ID we never assigned (or already cleared)"};
const DiagnosticDef kUnknownSession{
    "l2tp.peer.unknown_session", K::violation, S::warning, "RFC 2661 §4.4.2",
    "message for a Session ID that does not exist in this tunnel"};
const DiagnosticDef kZeroId{
    "l2tp.peer.zero_assigned_id", K::violation, S::error, "RFC 2661 §5.3",
    "Assigned Tunnel or Session ID of 0, which MUST NOT be used"};
const DiagnosticDef kUndecodable{
    "l2tp.peer.undecodable", K::malformed, S::error, "RFC 2661 §7.1",
    "control message with a malformed header or AVPs: discarded"};
const DiagnosticDef kDataUnsequenced{
    "l2tp.peer.data_unsequenced", K::violation, S::error, "RFC 2661 §5.4",
    "data message without sequence numbers after Sequencing Required"};
const DiagnosticDef kSetupTimeout{
    "l2tp.peer.setup_timeout", K::violation, S::warning, "RFC 2661 §7.3",
    "the peer did not complete tunnel or session establishment in time"};
const DiagnosticDef kTunnelDead{
    "l2tp.peer.tunnel_dead", K::violation, S::warning, "RFC 2661 §5.8",
    "a control message was never acknowledged: tunnel and sessions cleared"};
const DiagnosticDef kStopReceived{
    "l2tp.peer.stopccn_error", K::note, S::info, "RFC 2661 §6.4",
    "the peer cleared the control connection with an error result"};
const DiagnosticDef kCallRefused{
    "l2tp.peer.call_refused", K::note, S::info, "RFC 2661 §6.12",
    "the peer refused or failed a call (CDN before establishment)"};

namespace {
const DiagnosticDef* const kAllDefs[] = {
    &kIllegalControl, &kIllegalSession, &kMissingAvp,      &kMandatoryUnknown, &kUnknownMessage,
    &kAuthFailed,     &kAuthUnanswerable, &kVersionUnsupported, &kUnknownTunnel, &kUnknownSession,
    &kZeroId,         &kUndecodable,    &kDataUnsequenced, &kSetupTimeout,     &kTunnelDead,
    &kStopReceived,   &kCallRefused};
const DiagnosticTable kRegister{kAllDefs};
}  // namespace

std::span<const DiagnosticDef* const> endpoint_defs() { return kAllDefs; }

}  // namespace ts::endpoints::l2tp::diag
