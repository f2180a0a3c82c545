#pragma once
// Suites: the scripts of conformance/suites/<protocol>/<role>/*.pkt, named "<protocol>.<role>"
// (l2tp.lns). load_suite() parses every script of one suite (in file-name order) and checks
// that each names only catalogued checks; list_suites() finds them all.
#include <string>
#include <vector>

#include "conformance/engine/check_catalogue.h"
#include "conformance/engine/script.h"
#include "src/core/result.h"

namespace ts::conformance {

std::vector<std::string> list_suites(const std::string& suites_dir);
Result<std::vector<Script>> load_suite(const std::string& suites_dir, const std::string& suite,
                                       const std::vector<CheckDef>& catalogue);

}  // namespace ts::conformance
