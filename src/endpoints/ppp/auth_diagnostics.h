#pragma once
// Diagnostics the PPP authentication components (Authenticator, Authenticatee) report
// about the peer. Contract: ids are stable and never reused ("ppp.authn.*": the analyzer's
// own "ppp.auth.*" ids are different rules); registered with ts::all_diagnostic_defs() at
// static initialisation (auth_diagnostics.cpp) when the components are linked in.
#include <span>

#include "src/core/diagnostic.h"

namespace ts::endpoints::ppp::diag {

extern const DiagnosticDef kMalformedPacket;           // ppp.authn.malformed_packet
extern const DiagnosticDef kBadValueSize;              // ppp.authn.bad_value_size
extern const DiagnosticDef kBadAuthenticatorResponse;  // ppp.authn.bad_authenticator_response
extern const DiagnosticDef kNakToNonAuthRequest;       // ppp.authn.eap_nak_to_non_auth_request
// ppp.authn.eap_success_before_mutual_auth
extern const DiagnosticDef kEapSuccessWithoutMutualAuth;

std::span<const DiagnosticDef* const> all_defs();

}  // namespace ts::endpoints::ppp::diag
