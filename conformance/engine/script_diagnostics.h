#pragma once
// Diagnostics of the script side itself (never the device's): what every script peer
// (L2TP, PPTP) records as an engine::Violation with by_us = true when a script breaks a
// rule on purpose (a `!` field).
#include "src/core/diagnostic.h"

namespace ts::conformance {

// conform.script.deliberate_violation
extern const DiagnosticDef kScriptOverride;

}  // namespace ts::conformance
