#pragma once
// GRE diagnostics (ids "gre.<area>.<what>", never reused). The table is registered with
// ts::all_diagnostic_defs() by diagnostics.cpp.
#include <span>

#include "src/core/diagnostic.h"

namespace ts::gre {

namespace diag {
extern const DiagnosticDef kV1ChecksumPresent;        // gre.v1.checksum_present
extern const DiagnosticDef kV1RoutingPresent;         // gre.v1.routing_present
extern const DiagnosticDef kV1KeyMissing;             // gre.v1.key_missing
extern const DiagnosticDef kV1StrictRoute;            // gre.v1.strict_route
extern const DiagnosticDef kV1RecursionNonzero;       // gre.v1.recursion_nonzero
extern const DiagnosticDef kV1FlagsNonzero;           // gre.v1.flags_nonzero
extern const DiagnosticDef kV1BadProtocol;            // gre.v1.bad_protocol
extern const DiagnosticDef kV1PayloadWithoutSequence; // gre.v1.payload_without_sequence
extern const DiagnosticDef kV1SequenceWithoutPayload; // gre.v1.sequence_without_payload
extern const DiagnosticDef kV0AckPresent;             // gre.v0.ack_present
extern const DiagnosticDef kV0FlagsNonzero;           // gre.v0.flags_nonzero
extern const DiagnosticDef kV0RecursionNonzero;       // gre.v0.recursion_nonzero
extern const DiagnosticDef kV0Rfc1701Routing;         // gre.v0.rfc1701_routing
extern const DiagnosticDef kV0Reserved1Nonzero;       // gre.v0.reserved1_nonzero
extern const DiagnosticDef kV0BadChecksum;            // gre.v0.bad_checksum
extern const DiagnosticDef kVersionUnknown;           // gre.version_unknown
extern const DiagnosticDef kPayloadLengthMismatch;    // gre.payload_length_mismatch
}  // namespace diag

// Every GRE DiagnosticDef, for docs and tests.
std::span<const DiagnosticDef* const> gre_diagnostics();

}  // namespace ts::gre
