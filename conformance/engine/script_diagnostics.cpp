#include "conformance/engine/script_diagnostics.h"

#include <array>

namespace ts::conformance {

const DiagnosticDef kScriptOverride{
    "conform.script.deliberate_violation", DiagKind::note, Severity::info, "",
    "the script broke a rule on purpose (a `!` field); never counted against the device"};

namespace {
const std::array<const DiagnosticDef*, 1> kAllDefs{&kScriptOverride};
const DiagnosticTable kRegister{kAllDefs};
}  // namespace

}  // namespace ts::conformance
