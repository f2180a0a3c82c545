#include "src/endpoints/ppp/mppe_diagnostics.h"

namespace ts::endpoints::ppp::diag {

using K = DiagKind;
using S = Severity;

const DiagnosticDef kMppeTruncated{
    "ppp.mppe.truncated", K::malformed, S::error, "RFC 3078 §3.1",
    "MPPE packet shorter than its 2-octet header and an encrypted Protocol field"};
const DiagnosticDef kMppeNotEncrypted{
    "ppp.mppe.not_encrypted", K::violation, S::error, "RFC 3078 §3.1",
    "MPPE negotiated but the packet's D bit is 0 (not encrypted); the packet is discarded"};
const DiagnosticDef kMppeStatelessNotFlushed{
    "ppp.mppe.stateless_not_flushed", K::violation, S::error, "RFC 3078 §3.1",
    "stateless mode negotiated: the FLUSHED bit must be set on every encrypted packet"};
const DiagnosticDef kMppeBadProtocol{
    "ppp.mppe.bad_protocol", K::violation, S::error, "RFC 3078 §3",
    "decrypted Protocol field outside 0x0021-0x00FA (tampered data or unsynchronised keys)"};

namespace {
const DiagnosticDef* const kAllDefs[] = {&kMppeTruncated, &kMppeNotEncrypted,
                                         &kMppeStatelessNotFlushed, &kMppeBadProtocol};
const DiagnosticTable kRegister{kAllDefs};
}  // namespace

std::span<const DiagnosticDef* const> mppe_defs() { return kAllDefs; }

}  // namespace ts::endpoints::ppp::diag
