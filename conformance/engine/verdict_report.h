#pragma once
// Verdicts for CI systems: JUnit XML (one testsuite per suite, one testcase per script and
// check, a <failure> or <error> with the verdict's sentence and line) and JSON (one object
// per verdict). Pure functions of the verdicts.
#include <string>
#include <vector>

#include "conformance/engine/check_catalogue.h"
#include "conformance/engine/verdict.h"

namespace ts::conformance {

// One <testsuite> element.
std::string junit_testsuite(const std::string& suite, const std::vector<Verdict>& verdicts,
                            const std::vector<CheckDef>& catalogue);
// The whole JUnit document around testsuite elements.
std::string junit_document(const std::string& testsuites);
// Both for one suite.
inline std::string junit_xml(const std::string& suite, const std::vector<Verdict>& verdicts,
                             const std::vector<CheckDef>& catalogue) {
  return junit_document(junit_testsuite(suite, verdicts, catalogue));
}
std::string verdicts_json(const std::string& suite, const std::vector<Verdict>& verdicts,
                          const std::vector<CheckDef>& catalogue);

}  // namespace ts::conformance
