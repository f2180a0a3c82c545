#pragma once
// Diagnostics the MPPE data engine (MppeCodec) reports about the peer's encrypted packets
// (RFC 3078 §3). Loss and reordering are the network's doing and never appear here; they
// are counters. Contract: ids are stable and never reused; registered with
// ts::all_diagnostic_defs() at static initialisation (mppe_diagnostics.cpp).
#include <span>

#include "src/core/diagnostic.h"

namespace ts::endpoints::ppp::diag {

extern const DiagnosticDef kMppeTruncated;        // ppp.mppe.truncated
extern const DiagnosticDef kMppeNotEncrypted;     // ppp.mppe.not_encrypted
extern const DiagnosticDef kMppeStatelessNotFlushed;  // ppp.mppe.stateless_not_flushed
extern const DiagnosticDef kMppeBadProtocol;      // ppp.mppe.bad_protocol

std::span<const DiagnosticDef* const> mppe_defs();

}  // namespace ts::endpoints::ppp::diag
