#pragma once
// Diagnostics the observers raise about behaviour across messages (state, timers,
// reliability, authentication) and about the capture itself. Codec diagnostics live with
// each codec in dissectors/.
#include <span>

#include "src/core/diagnostic.h"

namespace ts::observe::diag {

// Capture artefacts: never counted against a device.
extern const DiagnosticDef kSnaplenCut;
extern const DiagnosticDef kFileTruncated;
extern const DiagnosticDef kL2tpControlMissing;
extern const DiagnosticDef kMidstream;
extern const DiagnosticDef kChecksSuspended;
// Malformed across layers.
extern const DiagnosticDef kFrameTruncated;
// L2TP behaviour.
extern const DiagnosticDef kL2tpIllegalControl;
extern const DiagnosticDef kL2tpIllegalSession;
extern const DiagnosticDef kL2tpUnknownTunnel;
extern const DiagnosticDef kL2tpUnknownSession;
extern const DiagnosticDef kL2tpNrAhead;
extern const DiagnosticDef kL2tpZlbWithoutPending;
extern const DiagnosticDef kL2tpChallengeResponseMissing;
extern const DiagnosticDef kL2tpChallengeResponseMismatch;
extern const DiagnosticDef kL2tpChallengeResponseVerified;
extern const DiagnosticDef kL2tpUnacknowledged;
extern const DiagnosticDef kL2tpHelloUnanswered;
// PPTP behaviour.
extern const DiagnosticDef kPptpIllegalControl;
extern const DiagnosticDef kPptpIllegalCall;
extern const DiagnosticDef kPptpUnknownCall;
extern const DiagnosticDef kPptpStreamDesync;
extern const DiagnosticDef kPptpEchoUnanswered;
extern const DiagnosticDef kPptpNegativeReply;
extern const DiagnosticDef kGreUnknownCall;
extern const DiagnosticDef kGreAckAhead;
// PPP behaviour.
extern const DiagnosticDef kPppIllegalEvent;
extern const DiagnosticDef kPppMagicLoopback;
extern const DiagnosticDef kPppEchoUnanswered;
extern const DiagnosticDef kPppAuthResponseMismatch;
extern const DiagnosticDef kPppAuthResponseVerified;
extern const DiagnosticDef kPppAuthenticatorResponseMismatch;
extern const DiagnosticDef kPppDataBeforeNetwork;
extern const DiagnosticDef kPppAnswerIdMismatch;
extern const DiagnosticDef kIcmpErrorForTunnel;
extern const DiagnosticDef kEncryptedEsp;
extern const DiagnosticDef kTimeJump;
extern const DiagnosticDef kDuplicateFrames;
extern const DiagnosticDef kPppEchoOutsideOpened;
extern const DiagnosticDef kPptpWrongSender;

std::span<const DiagnosticDef* const> all();

}  // namespace ts::observe::diag
