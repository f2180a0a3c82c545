// `tunnelscope conform`: conformance suites with verdicts for CI. See docs/cli.md,
// docs/conformance-scripts.md and docs/device-profiles.md: --list; --selftest (every script
// against our own reference endpoint in simulation); --target / --profile (every script
// against a live device, with a pcap and an analyzer timeline per script).
#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "conformance/engine/check_catalogue.h"
#include "conformance/engine/device_profile.h"
#include "conformance/engine/ppp_l2tp_sim_runner.h"
#include "conformance/engine/ppp_sim_runner.h"
#include "conformance/engine/pptp_sim_runner.h"
#include "conformance/engine/script_runner.h"
#include "conformance/engine/sim_runner.h"
#include "conformance/engine/suite.h"
#include "conformance/engine/verdict_report.h"
#include "conformance/capture/capture_harness.h"
#include "conformance/live/live_harness.h"
#include "src/cli/subcommand.h"

namespace ts::cli {

namespace po = boost::program_options;
namespace cf = ts::conformance;

namespace {

struct ConformArgs {
  std::vector<std::string> suites;
  std::string dir = TS_CONFORMANCE_DIR;
  std::string target, profile, junit, json, pcap_dir, timeline_dir, capture_dir;
  std::string username, password, secret, local, ppp_transport;
  unsigned port = 1701;
  std::vector<std::string> features;
  std::vector<std::string> only;  // script stems to run (empty: all)
  bool list = false, selftest = false;
};

std::string stem(const std::string& path) {
  const auto slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (const auto dot = base.rfind('.'); dot != std::string::npos) base.resize(dot);
  return base;
}

// The device profile: the file, then the command line's settings over it.
Result<cf::DeviceProfile> device_profile(const ConformArgs& a, const po::variables_map& vm) {
  cf::DeviceProfile p;
  if (!a.profile.empty()) {
    std::ifstream in(a.profile, std::ios::binary);
    if (!in) return Error{"cannot read the profile " + a.profile};
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = cf::parse_device_profile(text.str(), a.profile);
    if (!parsed.ok()) return parsed;
    p = std::move(parsed.value());
  }
  if (vm.count("target")) p.target = a.target;
  if (vm.count("local")) p.local = a.local;
  if (vm.count("port")) {
    if (a.port == 0 || a.port > 65535) return Error{"--port must be 1 to 65535"};
    p.port = static_cast<std::uint16_t>(a.port);
  }
  if (vm.count("secret")) p.secret = a.secret;
  if (vm.count("username")) p.username = a.username;
  if (vm.count("password")) p.password = a.password;
  if (vm.count("ppp-transport")) {
    if (a.ppp_transport != "l2tp") return Error{"--ppp-transport must be l2tp"};
    p.ppp_transport = a.ppp_transport;
  }
  if (vm.count("feature")) p.features.insert(p.features.end(), a.features.begin(), a.features.end());
  if (p.target.empty()) return Error{"give the device with --target ADDRESS or target = in --profile FILE"};
  return p;
}

// A verdict for a script against the profile's device, before it runs; unclaimed_feature()
// makes it inconclusive when the script requires a feature the profile does not claim.
cf::Verdict device_verdict(const cf::Script& s, const cf::DeviceProfile& profile) {
  cf::Verdict v;
  v.script = s.file;
  v.checks = s.checks;
  v.target = profile.name.empty() ? profile.target : profile.name;
  return v;
}
// The runner's settings for a device: the profile's windows and tolerance, polled every 5 ms.
cf::RunnerOptions device_runner_options(const cf::DeviceProfile& profile) {
  cf::RunnerOptions ro;
  ro.default_window = profile.default_window;
  ro.slack = profile.slack;
  ro.poll = std::chrono::milliseconds(5);
  return ro;
}
bool unclaimed_feature(const cf::Script& s, const cf::DeviceProfile& profile, cf::Verdict& v) {
  for (const auto& f : s.requires_features)
    if (!profile.claims(f)) {
      v.outcome = cf::Outcome::inconclusive;
      v.reason = "the device profile does not claim '" + f + "'";
      return true;
    }
  return false;
}

// One script against the live device: a harness, the run, the device left clean, the
// recording and its analyzer timeline.
cf::Verdict run_live(const cf::Script& s, const std::string& suite, const cf::DeviceProfile& profile,
                     const ConformArgs& a) {
  cf::Verdict v = device_verdict(s, profile);
  if (unclaimed_feature(s, profile, v)) return v;
  const std::string base = suite + "-" + stem(s.file);
  const std::string pcap_dir = a.pcap_dir.empty() ? a.timeline_dir : a.pcap_dir;
  cf::LiveHarnessOptions ho;
  if (!pcap_dir.empty()) ho.pcap = pcap_dir + "/" + base + ".pcap";
  auto h = cf::LiveHarness::open(s.device, profile, ho);
  if (!h.ok()) {
    v.outcome = cf::Outcome::error;
    v.reason = h.error();
    return v;
  }
  cf::RunnerOptions ro = device_runner_options(profile);
  // Fresh IDs for each run (script_runner.h): 1000..64999, never 0.
  static std::mt19937 ids{std::random_device{}()};
  ro.preset = {{"tunnel", std::to_string(1000 + ids() % 64000)}, {"session", std::to_string(1000 + ids() % 64000)}};
  cf::Verdict run = cf::run_script(s, *h.value(), ro);
  run.target = v.target;
  const auto result = h.value()->close();
  if (const auto t = h.value()->trigger_status(); t && *t != 0 && run.outcome != cf::Outcome::pass)
    run.reason += fmt::format(" (the call trigger exited {})", *t);
  if (!ho.pcap.empty()) {
    if (result.recording_failed) {
      run.outcome = cf::Outcome::error;
      run.reason = "the recording " + ho.pcap + " could not be written";
      return run;
    }
    run.artefacts.push_back(ho.pcap);
    if (!a.timeline_dir.empty()) {
      const std::string timeline = a.timeline_dir + "/" + base + ".txt";
      std::vector<std::string> args{"--output", timeline};
      if (!profile.secret.empty()) args.insert(args.end(), {"--l2tp-secret", profile.secret});
      if (!profile.username.empty())
        args.insert(args.end(), {"--ppp-password", profile.username + ":" + profile.password});
      args.push_back(ho.pcap);
      if (run_analyze(args) != kExitUsage) run.artefacts.push_back(timeline);
    }
  }
  return run;
}

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

// One script's expectations against the recording DIR/SUITE-SCRIPT.pcap (what --pcap-dir
// wrote): the device's side of that conversation judged again, without the device
// (CaptureHarness: L2TP, PPTP, and PPP in an L2TP session, with the run's PPP credentials).
cf::Verdict run_capture(const cf::Script& s, const std::string& suite, const cf::DeviceProfile& profile,
                        const ConformArgs& a) {
  cf::Verdict v = device_verdict(s, profile);
  const std::string path = a.capture_dir + "/" + suite + "-" + stem(s.file) + ".pcap";
  v.artefacts.push_back(path);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    v.outcome = cf::Outcome::inconclusive;
    v.reason = "no recording " + path;
    return v;
  }
  if (unclaimed_feature(s, profile, v)) return v;
  if (s.device.rfind("ppp.", 0) == 0 && profile.ppp_transport != "l2tp") {
    // Live runs carry PPP in an L2TP session only (LiveHarness): nothing else is recorded.
    v.outcome = cf::Outcome::error;
    v.reason = "PPP scripts are judged from recordings of PPP in an L2TP session: give --ppp-transport l2tp";
    return v;
  }
  cf::RecordedDevice device{profile.target, profile.secret, {}};
  if (!profile.username.empty()) device.ppp.name = profile.username;
  if (!profile.password.empty()) device.ppp.password = profile.password;
  auto h = cf::CaptureHarness::open(s.device, path, device);
  if (!h.ok()) {
    v.outcome = cf::Outcome::error;
    v.reason = h.error();
    return v;
  }
  cf::RunnerOptions ro = device_runner_options(profile);
  ro.preset = h.value()->recorded_ids();
  cf::Verdict run = cf::run_script(s, *h.value(), ro);
  run.target = v.target;
  run.artefacts = v.artefacts;
  return run;
}

}  // namespace

int run_conform(const std::vector<std::string>& args) {
  ConformArgs a;
  po::options_description d(
      "tunnelscope conform (--list | --suite SUITE... (--selftest | --target ADDRESS | --profile FILE)) [options]");
  d.add_options()("help,h", "show this help")("list", po::bool_switch(&a.list), "list suites, scripts and their checks")(
      "suite", po::value(&a.suites)->composing(), "a suite to run, PROTOCOL.ROLE (l2tp.lns); repeatable")(
      "selftest", po::bool_switch(&a.selftest), "run against our own reference endpoint in simulation")(
      "target", po::value(&a.target), "the live device under test (IPv4 address)")(
      "profile", po::value(&a.profile), "the device profile FILE (docs/device-profiles.md)")(
      "local", po::value(&a.local), "our IPv4 address (default: the profile's, else any)")(
      "port", po::value(&a.port), "the device's L2TP port (default 1701)")(
      "secret", po::value(&a.secret), "the L2TP tunnel secret")("username", po::value(&a.username), "PPP user name")(
      "password", po::value(&a.password), "PPP password")(
      "ppp-transport", po::value(&a.ppp_transport), "PPP devices: l2tp (PPP in an L2TP session to the target; with --selftest, to our reference LNS)")(
      "feature", po::value(&a.features)->composing(), "a feature the device claims, in addition to the profile's")(
      "script", po::value(&a.only)->composing(), "run only this script of the suites (file name without .pkt); repeatable")(
      "junit", po::value(&a.junit), "write JUnit XML to FILE")("json", po::value(&a.json), "write JSON Lines verdicts to FILE")(
      "pcap-dir", po::value(&a.pcap_dir), "live runs: write a pcap per script into DIR")(
      "timeline-dir", po::value(&a.timeline_dir), "live runs: write the analyzer timeline (and pcap) per script into DIR")(
      "capture-dir", po::value(&a.capture_dir),
      "judge the expectations against the recordings DIR/SUITE-SCRIPT.pcap of an earlier run (device: --target)")(
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
  if (vm.count("ppp-transport") && a.ppp_transport != "l2tp") {
    std::fprintf(stderr, "tunnelscope conform: --ppp-transport must be l2tp\n");
    return kExitUsage;
  }
  const bool recorded = vm.count("capture-dir") > 0;
  const bool live = !recorded && (vm.count("target") || vm.count("profile"));
  if ((live || recorded) == a.selftest) {
    std::fprintf(stderr, "tunnelscope conform: give either --selftest or a device (--target ADDRESS, --profile FILE)\n");
    return kExitUsage;
  }
  cf::DeviceProfile profile;
  if (live || recorded) {
    auto p = device_profile(a, vm);
    if (!p.ok()) {
      std::fprintf(stderr, "tunnelscope conform: %s\n", p.error().c_str());
      return kExitUsage;
    }
    profile = std::move(p.value());
    for (const auto& dir : {a.pcap_dir, a.timeline_dir}) {
      std::error_code ec;
      if (!dir.empty() && !std::filesystem::create_directories(dir, ec) && ec) {
        std::fprintf(stderr, "tunnelscope conform: cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
        return kExitUsage;
      }
    }
  }
  std::string junit, json;
  int failed = 0, total = 0, inconclusive = 0, errors = 0;
  for (auto suite : a.suites) {
    std::replace(suite.begin(), suite.end(), '/', '.');  // pptp/pac is pptp.pac
    auto scripts = cf::load_suite(a.dir + "/suites", suite, catalogue.value());
    if (!scripts.ok()) {
      std::fprintf(stderr, "tunnelscope conform: %s\n", scripts.error().c_str());
      return kExitUsage;
    }
    std::vector<cf::Verdict> verdicts;
    for (const auto& s : scripts.value()) {
      if (!a.only.empty() && std::find(a.only.begin(), a.only.end(), stem(s.file)) == a.only.end()) continue;
      if (recorded) {
        verdicts.push_back(run_capture(s, suite, profile, a));
      } else if (live) {
        if (!verdicts.empty()) std::this_thread::sleep_for(profile.settle);
        verdicts.push_back(run_live(s, suite, profile, a));
      } else if (s.device.rfind("ppp.", 0) == 0) {
        // --ppp-transport l2tp: the live path (PPP in an L2TP session) against our reference
        // LNS + PPP authenticator; otherwise the serial line.
        verdicts.push_back(a.ppp_transport == "l2tp" ? cf::run_ppp_script_over_l2tp_in_sim(s)
                                                     : cf::run_ppp_script_in_sim(s));
      } else if (s.device.rfind("pptp.", 0) == 0) {
        verdicts.push_back(cf::run_pptp_script_in_sim(s, endpoints::pptp::PptpRoleConfig{}));
      } else {
        verdicts.push_back(cf::run_l2tp_script_in_sim(s, endpoints::l2tp::L2tpConfig{}));
      }
      const auto& v = verdicts.back();
      ++total;
      failed += v.outcome == cf::Outcome::fail ? 1 : 0;
      errors += v.outcome == cf::Outcome::error ? 1 : 0;
      inconclusive += v.outcome == cf::Outcome::inconclusive ? 1 : 0;
      const auto slash = v.script.find_last_of('/');
      std::cout << fmt::format("{:<12} {:<10} {}{}\n", cf::to_string(v.outcome), suite, v.script.substr(slash + 1),
                               v.outcome == cf::Outcome::pass ? "" : v.line ? fmt::format(":{}: {}", v.line, v.reason) : ": " + v.reason)
                << std::flush;  // one line per script as it ends: live suites take minutes
    }
    junit += cf::junit_testsuite(suite, verdicts, catalogue.value());
    json += cf::verdicts_json(suite, verdicts, catalogue.value());
  }
  if (total == 0) {
    std::fprintf(stderr, "tunnelscope conform: no script of the suites matches --script\n");
    return kExitUsage;
  }
  if ((!a.junit.empty() && !write_file(a.junit, cf::junit_document(junit))) || (!a.json.empty() && !write_file(a.json, json))) {
    std::fprintf(stderr, "tunnelscope conform: cannot write the report file\n");
    return kExitUsage;
  }
  std::cout << fmt::format("{} scripts, {} passed, {} failed, {} inconclusive, {} errors\n", total,
                           total - failed - errors - inconclusive, failed, inconclusive, errors);
  // A failed check gates (1); a script that could not run is the environment's (2);
  // inconclusive scripts (a feature the device does not claim) do not gate.
  if (failed > 0) return kExitGate;
  return errors > 0 ? kExitUsage : kExitOk;
}

}  // namespace ts::cli
