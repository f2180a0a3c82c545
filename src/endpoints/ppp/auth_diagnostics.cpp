#include "src/endpoints/ppp/auth_diagnostics.h"

namespace ts::endpoints::ppp::diag {

using K = DiagKind;
using S = Severity;

const DiagnosticDef kMalformedPacket{
    "ppp.authn.malformed_packet", K::malformed, S::error,
    "RFC 1334 §2.2, RFC 1994 §4, RFC 3748 §4",
    "authentication packet that does not decode (truncated or inconsistent Length); discarded"};
const DiagnosticDef kBadValueSize{
    "ppp.authn.bad_value_size", K::violation, S::error,
    "RFC 2433 §5, RFC 2759 §3, §4, RFC 3748 §5.4",
    "Challenge or Response Value of the wrong size for the method (MS-CHAPv1 Challenge 8, "
    "MS-CHAPv2 Challenge 16, MD5 Response 16, MS-CHAP Response 49 octets)"};
const DiagnosticDef kBadAuthenticatorResponse{
    "ppp.authn.bad_authenticator_response", K::violation, S::error, "RFC 2759 §5, §8.8",
    "MS-CHAPv2 Success whose authenticator response is missing or wrong: the authenticator "
    "does not know the password, the link must fail"};
const DiagnosticDef kNakToNonAuthRequest{
    "ppp.authn.eap_nak_to_non_auth_request", K::violation, S::error, "RFC 3748 §5.3.1",
    "legacy Nak in reply to a Request that is not an authentication Type (Identity, "
    "Notification)"};
const DiagnosticDef kEapSuccessWithoutMutualAuth{
    "ppp.authn.eap_success_before_mutual_auth", K::violation, S::error,
    "RFC 3748 §4.2, draft-kamath-pppext-eap-mschapv2 §2",
    "EAP Success before the EAP-MS-CHAPv2 Success Request proved the authenticator knows the "
    "password"};

namespace {
const DiagnosticDef* const kAllDefs[] = {&kMalformedPacket, &kBadValueSize,
                                         &kBadAuthenticatorResponse, &kNakToNonAuthRequest,
                                         &kEapSuccessWithoutMutualAuth};
const DiagnosticTable kRegister{kAllDefs};
}  // namespace

std::span<const DiagnosticDef* const> all_defs() { return kAllDefs; }

}  // namespace ts::endpoints::ppp::diag
