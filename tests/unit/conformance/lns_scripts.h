#pragma once
// Test helpers shared by the tests of the L2TP suites (conformance/suites/l2tp/lns/ and
// lac/): a script of a suite, parsed (a parse error fails the test), and the reference LNS the
// selftest runs it against.
#include <catch2/catch.hpp>

#include <string>

#include "src/endpoints/l2tp/l2tp_config.h"
#include "tests/unit/conformance/suite_scripts.h"

namespace ts::conformance {

inline std::string lns_suite_dir() { return std::string(TS_SOURCE_DIR) + "/conformance/suites/l2tp/lns"; }

// `role` is "lns" or "lac": the suite directory under conformance/suites/l2tp/.
inline Script load_l2tp_script(const std::string& role, const std::string& name) {
  return load_suite_script("l2tp/" + role, name, name);
}

inline Script load_lns_script(const std::string& name) { return load_l2tp_script("lns", name); }

// The 1-based line of the suite script `role`/`name` holding `marker` (to name the step a
// verdict must stop at); -1 when none does.
inline int l2tp_script_line_of(const std::string& role, const std::string& name, const std::string& marker) {
  return suite_script_line_of("l2tp/" + role, name, marker);
}

inline endpoints::l2tp::L2tpConfig reference_lns() {
  endpoints::l2tp::L2tpConfig c;
  c.role = endpoints::l2tp::L2tpRole::lns;
  c.seed = 3;
  return c;
}

}  // namespace ts::conformance
