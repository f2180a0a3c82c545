// `tunnelscope conform`: conformance suites with verdicts for CI. See docs/cli.md and
// docs/conformance-scripts.md. Today: --list, and --selftest (every script against our own
// reference endpoint in simulation: L2TP LNS/LAC, PPTP PAC/PNS); live targets come with the
// live runtime.
#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "conformance/engine/check_catalogue.h"
#include "conformance/engine/pptp_sim_runner.h"
#include "conformance/engine/sim_runner.h"
#include "conformance/engine/suite.h"
#include "conformance/engine/verdict_report.h"
#include "src/cli/subcommand.h"

namespace ts::cli {

namespace po = boost::program_options;
namespace cf = ts::conformance;

namespace {

struct ConformArgs {
  std::vector<std::string> suites;
  std::string dir = TS_CONFORMANCE_DIR;
  std::string target, junit, json;
  bool list = false, selftest = false;
};

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

int list(const ConformArgs& a, const std::vector<cf::CheckDef>& catalogue) {
  for (const auto& suite : cf::list_suites(a.dir + "/suites")) {
    auto scripts = cf::load_suite(a.dir + "/suites", suite, catalogue);
    if (!scripts.ok()) {
      std::fprintf(stderr, "tunnelscope conform: %s\n", scripts.error().c_str());
      return kExitUsage;
    }
    std::cout << fmt::format("suite {} ({} scripts)\n", suite, scripts.value().size());
    for (const auto& s : scripts.value()) {
      const auto slash = s.file.find_last_of('/');
      std::cout << fmt::format("  {}\n", s.file.substr(slash + 1));
      for (const auto& id : s.checks)
        for (const auto& c : catalogue)
          if (c.id == id) std::cout << fmt::format("    {:<40} {:<6} {}\n", c.id, cf::to_string(c.level), c.clause);
    }
  }
  std::cout << fmt::format("{} checks in the catalogue (docs/checks.md)\n", catalogue.size());
  return kExitOk;
}

}  // namespace

int run_conform(const std::vector<std::string>& args) {
  ConformArgs a;
  po::options_description d("tunnelscope conform (--list | --suite SUITE... (--selftest | --target ADDRESS)) [options]");
  d.add_options()("help,h", "show this help")("list", po::bool_switch(&a.list), "list suites, scripts and their checks")(
      "suite", po::value(&a.suites)->composing(), "a suite to run, PROTOCOL.ROLE (l2tp.lns); repeatable")(
      "selftest", po::bool_switch(&a.selftest), "run against our own reference endpoint in simulation")(
      "target", po::value(&a.target), "the device under test (live runs: not available yet)")(
      "junit", po::value(&a.junit), "write JUnit XML to FILE")("json", po::value(&a.json), "write JSON Lines verdicts to FILE")(
      "conformance-dir", po::value(&a.dir), "where checks/ and suites/ are (default: the source tree's)");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(d).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "tunnelscope conform: %s\n", e.what());
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << d << "\n";
    return kExitOk;
  }
  auto catalogue = cf::load_check_catalogue(a.dir + "/checks");
  if (!catalogue.ok()) {
    std::fprintf(stderr, "tunnelscope conform: %s\n", catalogue.error().c_str());
    return kExitUsage;
  }
  if (a.list) return list(a, catalogue.value());
  if (a.suites.empty()) {
    std::fprintf(stderr, "tunnelscope conform: give --suite SUITE (tunnelscope conform --list)\n");
    return kExitUsage;
  }
  if (!a.target.empty() || !a.selftest) {
    std::fprintf(stderr,
                 "tunnelscope conform: script runs against a live device (--target) are not implemented yet "
                 "(tunnelscope emulate runs whole roles against real peers); use --selftest to run the suites "
                 "against the reference endpoints\n");
    return kExitUsage;
  }
  std::string junit, json;
  int failed = 0, total = 0;
  for (auto suite : a.suites) {
    std::replace(suite.begin(), suite.end(), '/', '.');  // pptp/pac is pptp.pac
    auto scripts = cf::load_suite(a.dir + "/suites", suite, catalogue.value());
    if (!scripts.ok()) {
      std::fprintf(stderr, "tunnelscope conform: %s\n", scripts.error().c_str());
      return kExitUsage;
    }
    std::vector<cf::Verdict> verdicts;
    for (const auto& s : scripts.value()) {
      if (s.device.rfind("pptp.", 0) == 0)
        verdicts.push_back(cf::run_pptp_script_in_sim(s, endpoints::pptp::PptpRoleConfig{}));
      else
        verdicts.push_back(cf::run_l2tp_script_in_sim(s, endpoints::l2tp::L2tpConfig{}));
      const auto& v = verdicts.back();
      ++total;
      failed += v.outcome == cf::Outcome::pass ? 0 : 1;
      const auto slash = v.script.find_last_of('/');
      std::cout << fmt::format("{:<12} {:<10} {}{}\n", cf::to_string(v.outcome), suite, v.script.substr(slash + 1),
                               v.outcome == cf::Outcome::pass ? "" : fmt::format(":{}: {}", v.line, v.reason));
    }
    junit += cf::junit_testsuite(suite, verdicts, catalogue.value());
    json += cf::verdicts_json(suite, verdicts, catalogue.value());
  }
  if ((!a.junit.empty() && !write_file(a.junit, cf::junit_document(junit))) || (!a.json.empty() && !write_file(a.json, json))) {
    std::fprintf(stderr, "tunnelscope conform: cannot write the report file\n");
    return kExitUsage;
  }
  std::cout << fmt::format("{} scripts, {} passed, {} not passed\n", total, total - failed, failed);
  return failed == 0 ? kExitOk : kExitGate;
}

}  // namespace ts::cli
