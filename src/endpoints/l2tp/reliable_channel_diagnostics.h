#pragma once
// Diagnostics the L2TP reliable control channel reports about the peer (RFC 2661 §5.8).
// Contract: ids are stable and never reused; registered with ts::all_diagnostic_defs() at
// static initialisation (reliable_channel_diagnostics.cpp) when the channel is linked in.
#include <span>

#include "src/core/diagnostic.h"

namespace ts::endpoints::l2tp::diag {

extern const DiagnosticDef kNrUnsent;        // l2tp.reliable.nr_unsent
extern const DiagnosticDef kNsBeyondWindow;  // l2tp.reliable.ns_beyond_window

std::span<const DiagnosticDef* const> all_defs();

}  // namespace ts::endpoints::l2tp::diag
