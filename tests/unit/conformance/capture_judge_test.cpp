// CaptureHarness (conformance/capture/capture_harness.h) for PPTP and for PPP in an L2TP
// session: a script judged against the recording of its simulated run gives the verdict of
// that run, at the same line: for every script of the pptp.pac, pptp.pns and
// ppp.authenticator suites against the reference, and for devices broken on purpose
// (pptp_faults.h, ppp_faults.h), whose failures come from the recording too.
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <string>

#include <unistd.h>

#include "conformance/capture/capture_harness.h"
#include "conformance/engine/ppp_l2tp_sim_runner.h"
#include "conformance/engine/pptp_sim_runner.h"
#include "conformance/engine/script_runner.h"
#include "conformance/engine/sim_runner.h"
#include "tests/unit/conformance/suite_scripts.h"

using namespace ts;
using namespace ts::conformance;
using endpoints::pptp::PptpRoleConfig;

namespace {

namespace fs = std::filesystem;
using SimRun = std::function<Verdict(const Script&, const SimRunOptions&)>;

// The simulated device is node "dut", 10.0.0.1 (sim_harness.h: add_node order).
Verdict judge_recording(const Script& s, const std::string& pcap) {
  auto h = CaptureHarness::open(s.device, pcap, "10.0.0.1");
  INFO((h.ok() ? std::string() : h.error()));
  REQUIRE(h.ok());
  RunnerOptions ro = runner_options(SimRunOptions{});
  for (const auto& [k, v] : h.value()->recorded_ids()) ro.preset[k] = v;
  return run_script(s, *h.value(), ro);
}

// Runs `s` in simulation, recording to `pcap`, and judges the recording again: the same
// outcome at the same line. Returns the run's verdict.
Verdict expect_same_verdict_again(const Script& s, const SimRun& run, const fs::path& pcap) {
  SimRunOptions o;
  o.pcap = pcap.string();
  const Verdict sim = run(s, o);
  REQUIRE(sim.outcome != Outcome::error);
  const Verdict again = judge_recording(s, o.pcap);
  CAPTURE(s.file, sim.line, sim.reason, again.line, again.reason);
  CHECK(again.outcome == sim.outcome);
  CHECK(again.line == sim.line);
  return sim;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("ts-capture-judge-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  fs::path next() { return path / ("run" + std::to_string(runs++) + ".pcap"); }
  int runs = 0;
};

// Every script of the suite directory `suite` (conformance/suites/...), judged again.
int judge_suite_again(const std::string& suite, const SimRun& run, TempDir& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(std::string(TS_SOURCE_DIR) + "/conformance/suites/" + suite)) {
    if (e.path().extension() != ".pkt") continue;
    const std::string name = e.path().filename().string();
    expect_same_verdict_again(load_suite_script(suite, name, suite + "/" + name), run, dir.next());
    ++n;
  }
  return n;
}

SimRun pptp(const PptpRoleConfig& device) {
  return [device](const Script& s, const SimRunOptions& o) { return run_pptp_script_in_sim(s, device, o); };
}

SimRun ppp_over_l2tp(const endpoints::ppp::PppFaults& faults) {
  return [faults](const Script& s, const SimRunOptions& o) { return run_ppp_script_over_l2tp_in_sim(s, faults, o); };
}

}  // namespace

TEST_CASE("PPTP recordings judged again: every PAC and PNS script gives the verdict of its run") {
  TempDir dir;
  CHECK(judge_suite_again("pptp/pac", pptp(PptpRoleConfig{}), dir) >= 39);
  CHECK(judge_suite_again("pptp/pns", pptp(PptpRoleConfig{}), dir) >= 40);
}

TEST_CASE("PPTP recordings of a broken device fail from the recording, at the run's line") {
  TempDir dir;
  struct Row {
    const char* suite;
    const char* script;
    std::function<void(PptpRoleConfig&)> fault;
  };
  const std::vector<Row> rows{
      // Control stream contents, the device's close (CLOSED) and a send after it.
      {"pptp/pac", "reserved_zero.pkt", [](PptpRoleConfig& c) { c.faults.nonzero_reserved0 = true; }},
      {"pptp/pac", "stop_answered.pkt", [](PptpRoleConfig& c) { c.faults.ignore_types = {3}; }},
      {"pptp/pac", "bad_magic_cookie.pkt", [](PptpRoleConfig& c) { c.faults.keep_connection_on_malformed = true; }},
      {"pptp/pac", "sli_unknown_call_id.pkt", [](PptpRoleConfig& c) { c.faults.close_on_unknown_call = true; }},
      {"pptp/pns", "unknown_message_type.pkt",
       [](PptpRoleConfig& c) { c.faults.keep_connection_on_malformed = true; }},
      {"pptp/pns", "wen_unknown_call_id.pkt", [](PptpRoleConfig& c) { c.faults.close_on_unknown_call = true; }},
      {"pptp/pns", "icrq_call_ids_unique.pkt", [](PptpRoleConfig& c) { c.faults.reuse_call_id = true; }},
      // GRE from the device.
      {"pptp/pac", "gre_reserved_bits.pkt", [](PptpRoleConfig& c) { c.faults.gre.reserved_bit_set = true; }},
      {"pptp/pac", "gre_duplicate_discarded.pkt", [](PptpRoleConfig& c) { c.faults.gre.deliver_duplicates = true; }},
      {"pptp/pns", "gre_ack_highest.pkt", [](PptpRoleConfig& c) { c.faults.gre.ack_delivered_only = true; }},
      {"pptp/pns", "gre_window_respected.pkt", [](PptpRoleConfig& c) { c.faults.gre.ignore_window = true; }},
  };
  for (const auto& row : rows) {
    PptpRoleConfig broken;
    row.fault(broken);
    const Script s = load_suite_script(row.suite, row.script, std::string(row.suite) + "/" + row.script);
    CAPTURE(row.script);
    CHECK(expect_same_verdict_again(s, pptp(broken), dir.next()).outcome == Outcome::fail);
  }
}

TEST_CASE("PPP-over-L2TP recordings judged again: every authenticator script gives the verdict of its run") {
  TempDir dir;
  CHECK(judge_suite_again("ppp/authenticator", ppp_over_l2tp({}), dir) >= 70);
}

TEST_CASE("PPP-over-L2TP recordings of a broken authenticator fail from the recording") {
  TempDir dir;
  endpoints::ppp::PppFaults wrong_creds;
  wrong_creds.accept_wrong_credentials = true;
  endpoints::ppp::PppFaults no_term;
  no_term.control.no_terminate_ack = true;
  const auto load = [](const char* name) { return load_suite_script("ppp/authenticator", name, name); };
  CHECK(expect_same_verdict_again(load("pap_wrong_password.pkt"), ppp_over_l2tp(wrong_creds), dir.next()).outcome ==
        Outcome::fail);
  CHECK(expect_same_verdict_again(load("terminate_ack.pkt"), ppp_over_l2tp(no_term), dir.next()).outcome ==
        Outcome::fail);
}

TEST_CASE("a recording without the role's conversation is an error, not a verdict") {
  TempDir dir;
  // A PPTP recording holds no L2TP session: judged as PPP over L2TP it is an error.
  SimRunOptions o;
  o.pcap = dir.next().string();
  run_pptp_script_in_sim(load_suite_script("pptp/pac", "establish.pkt", "establish.pkt"), PptpRoleConfig{}, o);
  auto h = CaptureHarness::open("ppp.authenticator", o.pcap, "10.0.0.1");
  REQUIRE_FALSE(h.ok());
  CHECK(h.error().find("ICRP") != std::string::npos);
  h = CaptureHarness::open("pptp.pac", o.pcap, "10.0.0.9");  // not the device of that run
  REQUIRE_FALSE(h.ok());
  CHECK(h.error().find("no PPTP packet") != std::string::npos);
  h = CaptureHarness::open("ppp.peer", o.pcap, "10.0.0.1");
  CHECK_FALSE(h.ok());
}
