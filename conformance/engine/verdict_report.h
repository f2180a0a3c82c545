#pragma once
// Verdicts for CI systems: JUnit XML (one testsuite per suite, one testcase per script and
// check, a <failure> or <error> with the verdict's sentence and line) and JSON (one object
// per verdict). Pure functions of the verdicts.
#include <string>
#include <vector>

#include "conformance/engine/check_catalogue.h"
#include "conformance/engine/verdict.h"

namespace ts::conformance {

std::string junit_xml(const std::string& suite, const std::vector<Verdict>& verdicts,
                      const std::vector<CheckDef>& catalogue);
std::string verdicts_json(const std::string& suite, const std::vector<Verdict>& verdicts,
                          const std::vector<CheckDef>& catalogue);

}  // namespace ts::conformance
