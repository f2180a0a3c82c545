#pragma once
// Diagnostics the L2TP LAC/LNS endpoints report about their peer (RFC 2661 §4-§7).
// Contract: ids are stable and never reused; registered at static initialisation
// (l2tp_endpoint_diagnostics.cpp) when the endpoints are linked in.
#include <span>

#include "src/core/diagnostic.h"

namespace ts::endpoints::l2tp::diag {

extern const DiagnosticDef kIllegalControl;       // l2tp.peer.illegal_control_message
extern const DiagnosticDef kIllegalSession;       // l2tp.peer.illegal_session_message
extern const DiagnosticDef kMissingAvp;           // l2tp.peer.avp_missing
extern const DiagnosticDef kMandatoryUnknown;     // l2tp.peer.mandatory_avp_unknown
extern const DiagnosticDef kUnknownMessage;       // l2tp.peer.message_type_unknown
extern const DiagnosticDef kAuthFailed;           // l2tp.peer.tunnel_auth_failed
extern const DiagnosticDef kAuthUnanswerable;     // l2tp.peer.challenge_without_secret
extern const DiagnosticDef kVersionUnsupported;   // l2tp.peer.protocol_version
extern const DiagnosticDef kUnknownTunnel;        // l2tp.peer.unknown_tunnel
extern const DiagnosticDef kUnknownSession;       // l2tp.peer.unknown_session
extern const DiagnosticDef kZeroId;               // l2tp.peer.zero_assigned_id
extern const DiagnosticDef kUndecodable;          // l2tp.peer.undecodable
extern const DiagnosticDef kDataUnsequenced;      // l2tp.peer.data_unsequenced
extern const DiagnosticDef kSetupTimeout;         // l2tp.peer.setup_timeout
extern const DiagnosticDef kTunnelDead;           // l2tp.peer.tunnel_dead
extern const DiagnosticDef kStopReceived;         // l2tp.peer.stopccn_error
extern const DiagnosticDef kCallRefused;          // l2tp.peer.call_refused

std::span<const DiagnosticDef* const> endpoint_defs();

}  // namespace ts::endpoints::l2tp::diag
