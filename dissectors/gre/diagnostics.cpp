#include "dissectors/gre/diagnostics.h"

#include <array>

namespace ts::gre {
namespace diag {

const DiagnosticDef kV1ChecksumPresent{"gre.v1.checksum_present", DiagKind::malformed, Severity::error,
                                       "RFC 2637 §4.1", "enhanced GRE: C (Checksum Present) is set to zero"};
const DiagnosticDef kV1RoutingPresent{"gre.v1.routing_present", DiagKind::malformed, Severity::error,
                                      "RFC 2637 §4.1", "enhanced GRE: R (Routing Present) is set to zero"};
const DiagnosticDef kV1KeyMissing{"gre.v1.key_missing", DiagKind::malformed, Severity::error, "RFC 2637 §4.1",
                                  "enhanced GRE: K (Key Present) is set to one; no Call ID without it"};
const DiagnosticDef kV1StrictRoute{"gre.v1.strict_route", DiagKind::malformed, Severity::error, "RFC 2637 §4.1",
                                   "enhanced GRE: s (Strict source route) is set to zero"};
const DiagnosticDef kV1RecursionNonzero{"gre.v1.recursion_nonzero", DiagKind::malformed, Severity::error,
                                        "RFC 2637 §4.1", "enhanced GRE: Recursion control is set to zero"};
const DiagnosticDef kV1FlagsNonzero{"gre.v1.flags_nonzero", DiagKind::malformed, Severity::error,
                                    "RFC 2637 §4.1", "enhanced GRE: Flags (bits 9-12) must be set to zero"};
const DiagnosticDef kV1BadProtocol{"gre.v1.bad_protocol", DiagKind::malformed, Severity::error, "RFC 2637 §4.1",
                                   "enhanced GRE: Protocol Type is set to 0x880B (PPP)"};
const DiagnosticDef kV1PayloadWithoutSequence{"gre.v1.payload_without_sequence", DiagKind::violation,
                                              Severity::warning, "RFC 2637 §4.1",
                                              "enhanced GRE: S is set to one if a payload packet is present"};
const DiagnosticDef kV1SequenceWithoutPayload{"gre.v1.sequence_without_payload", DiagKind::violation,
                                              Severity::warning, "RFC 2637 §4.1",
                                              "enhanced GRE: S is set to zero if no payload is present"};
const DiagnosticDef kV0AckPresent{"gre.v0.ack_present", DiagKind::malformed, Severity::warning,
                                  "RFC 2784 §2.3",
                                  "GRE v0: bit 8 is reserved and MUST be sent as zero (the A bit exists only "
                                  "in version 1, RFC 2637 §4.1)"};
const DiagnosticDef kV0FlagsNonzero{"gre.v0.flags_nonzero", DiagKind::malformed, Severity::warning,
                                    "RFC 2784 §2.3", "GRE v0: reserved bits 9-12 MUST be sent as zero"};
const DiagnosticDef kV0RecursionNonzero{"gre.v0.recursion_nonzero", DiagKind::note, Severity::info,
                                        "RFC 2784 §5",
                                        "GRE v0: Recursion Control set (RFC 1701; deprecated by RFC 2784)"};
const DiagnosticDef kV0Rfc1701Routing{"gre.v0.rfc1701_routing", DiagKind::note, Severity::info, "RFC 2784 §5",
                                      "GRE v0: Routing Present or Strict Source Route set (RFC 1701; "
                                      "deprecated by RFC 2784)"};
const DiagnosticDef kV0Reserved1Nonzero{"gre.v0.reserved1_nonzero", DiagKind::malformed, Severity::warning,
                                        "RFC 2784 §2.6", "GRE v0: Reserved1 MUST be transmitted as zero"};
const DiagnosticDef kV0BadChecksum{"gre.v0.bad_checksum", DiagKind::malformed, Severity::error, "RFC 2784 §2.5",
                                   "GRE v0: Checksum does not match the header and payload"};
const DiagnosticDef kVersionUnknown{"gre.version_unknown", DiagKind::malformed, Severity::warning,
                                    "RFC 2784 §2.3.1",
                                    "GRE Version is neither 0 (RFC 2784) nor 1 (PPTP, RFC 2637 §4.1)"};
const DiagnosticDef kPayloadLengthMismatch{"gre.payload_length_mismatch", DiagKind::note, Severity::info,
                                           "RFC 2637 §4.1",
                                           "enhanced GRE: more octets follow the header than Payload Length "
                                           "says (padding ignored)"};

}  // namespace diag

namespace {
constexpr std::array<const DiagnosticDef*, 17> kAllDefs{
    &diag::kV1ChecksumPresent,  &diag::kV1RoutingPresent,         &diag::kV1KeyMissing,
    &diag::kV1StrictRoute,      &diag::kV1RecursionNonzero,       &diag::kV1FlagsNonzero,
    &diag::kV1BadProtocol,      &diag::kV1PayloadWithoutSequence, &diag::kV1SequenceWithoutPayload,
    &diag::kV0AckPresent,       &diag::kV0FlagsNonzero,           &diag::kV0RecursionNonzero,
    &diag::kV0Rfc1701Routing,   &diag::kV0Reserved1Nonzero,       &diag::kV0BadChecksum,
    &diag::kVersionUnknown,     &diag::kPayloadLengthMismatch,
};
const ts::DiagnosticTable kRegister{kAllDefs};
}  // namespace

std::span<const DiagnosticDef* const> gre_diagnostics() { return kAllDefs; }

}  // namespace ts::gre
