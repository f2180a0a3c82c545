#pragma once
// The check catalogue (conformance/checks/*.checks): every behaviour a conformance script
// can decide, as data, one per line: `id | level | clause | statement`.
//   id        stable dotted lowercase id (protocol.area.name), never reused
//   level     MUST, SHOULD or MAY (RFC 2119), deciding how a failure counts
//   clause    where the rule is written: "RFC 2661 §5.8", "[MS-SSTP] §3.2.5.2"
//   statement one line: what the device must do
// '#' lines and blank lines are comments. Scripts name the checks they decide (`check ID`);
// the runner refuses a script naming an id that is not here.
#include <string>
#include <string_view>
#include <vector>

#include "src/core/result.h"

namespace ts::conformance {

enum class Level : std::uint8_t { must, should, may };
std::string_view to_string(Level l);

struct CheckDef {
  std::string id;
  Level level = Level::must;
  std::string clause;
  std::string statement;
  std::string file;  // where it is defined, for messages
  int line = 0;
};

// Parses one catalogue file; errors name FILE:LINE.
Result<std::vector<CheckDef>> parse_checks(std::string_view text, const std::string& file);
// Every *.checks file of `dir`, in file-name order; ids must be unique across files.
Result<std::vector<CheckDef>> load_check_catalogue(const std::string& dir);
// The catalogue as a Markdown table per protocol (docs/checks.md is made from it).
std::string checks_markdown(const std::vector<CheckDef>& checks);

}  // namespace ts::conformance
