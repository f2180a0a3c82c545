#pragma once
// Diagnostics the PPTP PAC and PNS (and their GRE data channels) report about the peer
// (RFC 2637). Contract: ids "pptp.peer.<what>" are stable and never reused; registered with
// ts::all_diagnostic_defs() at static initialisation (pptp_endpoint_diagnostics.cpp).
#include <span>

#include "src/core/diagnostic.h"

namespace ts::endpoints::pptp::diag {

extern const DiagnosticDef kMalformed;       // pptp.peer.malformed_message
extern const DiagnosticDef kStreamDesync;    // pptp.peer.stream_desync
extern const DiagnosticDef kUnknownType;     // pptp.peer.unknown_message_type
extern const DiagnosticDef kIllegalControl;  // pptp.peer.illegal_control_message
extern const DiagnosticDef kIllegalCall;     // pptp.peer.illegal_call_message
extern const DiagnosticDef kWrongRole;       // pptp.peer.wrong_role_message
extern const DiagnosticDef kUnknownCallId;   // pptp.peer.unknown_call_id
extern const DiagnosticDef kNoControlReply;  // pptp.peer.no_control_reply
extern const DiagnosticDef kEchoUnanswered;  // pptp.peer.echo_unanswered
extern const DiagnosticDef kNoCallReply;     // pptp.peer.no_call_reply
extern const DiagnosticDef kRefused;         // pptp.peer.refused
extern const DiagnosticDef kGreMalformed;    // pptp.peer.gre_malformed
extern const DiagnosticDef kGreUnknownCall;  // pptp.peer.gre_unknown_call
extern const DiagnosticDef kGreAckUnsent;    // pptp.peer.gre_ack_unsent

std::span<const DiagnosticDef* const> all_defs();

}  // namespace ts::endpoints::pptp::diag
