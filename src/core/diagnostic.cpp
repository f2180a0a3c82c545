#include "src/core/diagnostic.h"

#include <algorithm>

namespace ts {

std::string_view to_string(DiagKind k) {
  switch (k) {
    case DiagKind::malformed: return "malformed";
    case DiagKind::violation: return "violation";
    case DiagKind::capture: return "capture";
    case DiagKind::note: return "note";
  }
  return "?";
}

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "?";
}

namespace {
std::vector<const DiagnosticDef*>& registry() {
  static std::vector<const DiagnosticDef*> defs;
  return defs;
}
}  // namespace

DiagnosticTable::DiagnosticTable(std::span<const DiagnosticDef* const> defs) {
  auto& r = registry();
  for (const DiagnosticDef* d : defs)
    if (d && std::find(r.begin(), r.end(), d) == r.end()) r.push_back(d);
  std::sort(r.begin(), r.end(), [](auto* a, auto* b) { return a->id < b->id; });
}

std::span<const DiagnosticDef* const> all_diagnostic_defs() { return registry(); }

}  // namespace ts
