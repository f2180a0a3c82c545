#pragma once
// Options shared by the report writers. `tool_version` is injected (not read from a
// global) so golden files can fix it.
#include <string>

namespace ts::report {

struct ReportOptions {
  std::string tool_version = "dev";
  bool packets = false;   // --packets: one record per decoded frame
};

// JSON Lines schema of `analyze --format json` (docs/json-schema.md). Bump on any
// incompatible change: renamed or removed fields, changed meaning.
inline constexpr const char* kJsonSchemaName = "tunnelscope.analyze";
inline constexpr int kJsonSchemaVersion = 1;

}  // namespace ts::report
