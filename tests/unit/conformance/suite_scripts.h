#pragma once
// Test helpers shared by the tests of every suite (conformance/suites/<proto>/<role>/): a
// suite script, parsed (a parse error fails the test), and the line of a script that holds
// a marker (the step a verdict must stop at).
#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "conformance/engine/script_parser.h"
#include "conformance/engine/verdict.h"

namespace ts::conformance {

// `suite` is the directory under conformance/suites/, e.g. "l2tp/lns" or "pptp/pac".
inline std::string suite_script_path(const std::string& suite, const std::string& name) {
  return std::string(TS_SOURCE_DIR) + "/conformance/suites/" + suite + "/" + name;
}

// The script `name` of `suite`, parsed under the file name `label`.
inline Script load_suite_script(const std::string& suite, const std::string& name, const std::string& label) {
  std::ifstream in(suite_script_path(suite, name));
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = parse_script(ss.str(), label);
  INFO((r.ok() ? std::string() : r.error()));
  REQUIRE(r.ok());
  return r.value();
}

// The 1-based line of the script `name` of `suite` holding `marker`; -1 when none does.
inline int suite_script_line_of(const std::string& suite, const std::string& name, const std::string& marker) {
  std::ifstream in(suite_script_path(suite, name));
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(marker) != std::string::npos) return n;
  return -1;
}

// One row of a fault table: the script `script` of `<proto>/<role>` passes against the
// reference and fails against the reference changed by `breaks`, at the line holding `marker`
// (proof that it cannot pass whatever the device does).
template <class Config>
struct FaultRow {
  const char* role;
  const char* script;
  std::function<void(Config&)> breaks;
  const char* marker;
};

// Checks one FaultRow; `run(script, config)` runs a script against a device configured so.
template <class Config, class Run>
void check_fault_row(const std::string& proto, const FaultRow<Config>& row, const Config& reference, Run run) {
  const std::string suite = proto + "/" + row.role;
  const Script s = load_suite_script(suite, row.script, suite + "/" + row.script);
  const Verdict ok = run(s, reference);
  CAPTURE(row.role, row.script, ok.line, ok.reason);
  CHECK(ok.outcome == Outcome::pass);
  Config broken = reference;
  row.breaks(broken);
  const Verdict v = run(s, broken);
  CAPTURE(v.line, v.reason);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.line == suite_script_line_of(suite, row.script, row.marker));
}

}  // namespace ts::conformance
