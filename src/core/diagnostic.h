#pragma once
// Diagnostics: everything tunnelscope says about what it saw, with a stable dotted id.
//
// Four kinds of failure are never mixed (docs/architecture.md):
//   malformed  - the peer sent bytes that break the wire format (bad length, reserved bits);
//   violation  - the peer broke a behavioural rule (illegal transition, timer, missing AVP);
//   capture    - an artefact of the capture (snaplen cut, TCP gap), never blamed on a device;
//   note       - informational facts worth a line (unknown vendor AVP, unsupported feature).
// Our own bugs are assertions, and environment errors are user messages: neither is here.
//
// Each protocol declares its diagnostics as constexpr DiagnosticDef data, in a table that
// docs and tests enumerate. Ids are never reused or renamed once released.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ts {

enum class DiagKind : std::uint8_t { malformed, violation, capture, note };
// error: a MUST was broken; warning: a SHOULD, or a likely fault; info: a fact.
enum class Severity : std::uint8_t { info, warning, error };

struct DiagnosticDef {
  std::string_view id;      // stable dotted id, e.g. "l2tp.avp.mandatory_unknown"
  DiagKind kind;
  Severity severity;
  std::string_view clause;  // e.g. "RFC 2661 §4.1"; empty when no RFC clause applies
  std::string_view text;    // one-line statement of the rule or the fact
};

struct Diagnostic {
  const DiagnosticDef* def = nullptr;
  std::string detail;        // what exactly was seen (values, field names)
  std::uint64_t frame = 0;   // 1-based capture frame number, 0 when not from a capture
};

using Diagnostics = std::vector<Diagnostic>;

inline void add_diag(Diagnostics& out, const DiagnosticDef& def, std::string detail = {}) {
  out.push_back(Diagnostic{&def, std::move(detail), 0});
}

std::string_view to_string(DiagKind k);
std::string_view to_string(Severity s);

// Every DiagnosticDef known to the program, in id order (for docs and `--list-diagnostics`).
// Protocol tables register themselves through DiagnosticTable objects at static init.
std::span<const DiagnosticDef* const> all_diagnostic_defs();

class DiagnosticTable {
 public:
  explicit DiagnosticTable(std::span<const DiagnosticDef* const> defs);
};

}  // namespace ts
