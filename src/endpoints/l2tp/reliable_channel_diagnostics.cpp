#include "src/endpoints/l2tp/reliable_channel_diagnostics.h"

namespace ts::endpoints::l2tp::diag {

using K = DiagKind;
using S = Severity;

const DiagnosticDef kNrUnsent{
    "l2tp.reliable.nr_unsent", K::violation, S::error, "RFC 2661 §5.8",
    "Nr acknowledges a control message that was never sent"};
const DiagnosticDef kNsBeyondWindow{
    "l2tp.reliable.ns_beyond_window", K::violation, S::error, "RFC 2661 §5.8",
    "control message Ns beyond the Receive Window Size we advertised"};

namespace {
const DiagnosticDef* const kAllDefs[] = {&kNrUnsent, &kNsBeyondWindow};
const DiagnosticTable kRegister{kAllDefs};
}  // namespace

std::span<const DiagnosticDef* const> all_defs() { return kAllDefs; }

}  // namespace ts::endpoints::l2tp::diag
