// CaptureHarness (conformance/capture/capture_harness.h): a script judged against the
// recording of a run gives the verdict the run gave, pass or fail, drop-next, delay-next and
// duplicate-next included.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "conformance/capture/capture_harness.h"
#include "conformance/engine/script_parser.h"
#include "conformance/engine/script_runner.h"
#include "conformance/engine/sim_runner.h"

using namespace ts;
using namespace ts::conformance;

namespace {

Script load(const std::string& role, const std::string& name) {
  std::ifstream in(std::string(TS_SOURCE_DIR) + "/conformance/suites/l2tp/" + role + "/" + name);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = parse_script(ss.str(), name);
  REQUIRE(r.ok());
  return r.value();
}

// The simulated device is node "dut", 10.0.0.1 (sim_harness.h: add_node order).
Verdict judge_recording(const Script& s, const std::string& pcap) {
  auto h = CaptureHarness::open(s.device, pcap, "10.0.0.1");
  REQUIRE(h.ok());
  RunnerOptions ro;
  ro.preset = h.value()->recorded_ids();
  return run_script(s, *h.value(), ro);
}

// Runs `s` against `device` in simulation, recording to `pcap`, and judges the recording
// again: the same verdict at the same line. Returns the run's verdict.
Verdict expect_same_verdict_again(const Script& s, const endpoints::l2tp::L2tpConfig& device, const std::string& pcap) {
  SimRunOptions o;
  o.pcap = pcap;
  const Verdict live = run_l2tp_script_in_sim(s, device, o);
  REQUIRE(live.outcome != Outcome::error);
  const Verdict again = judge_recording(s, o.pcap);
  CAPTURE(s.file, live.reason, again.reason);
  CHECK(again.outcome == live.outcome);
  CHECK(again.line == live.line);
  return live;
}

}  // namespace

TEST_CASE("a recording judged again gives the verdict of its run, for passing and failing devices") {
  const auto dir = std::filesystem::temp_directory_path() / "ts-capture-harness-test";
  std::filesystem::create_directories(dir);
  endpoints::l2tp::L2tpConfig good;
  good.seed = 5;
  auto slow = good;
  slow.channel.initial_timeout = std::chrono::seconds(2);  // fails initial_timeout, passes retransmit
  auto late = good;
  late.channel.ack_delay = std::chrono::seconds(3);  // fails the acknowledgement scripts
  auto deaf = good;
  deaf.channel.faults.ignore_acknowledgements = true;  // fails retransmit_until_acknowledged
  int runs = 0;
  // delay-next and duplicate-next are replayed on the recording as they acted in the run.
  for (const auto* device : {&good, &slow, &late, &deaf})
    for (const char* name : {"establish.pkt", "initial_timeout.pkt", "retransmit.pkt", "retransmit_backoff_second.pkt",
                             "stopccn_acknowledged.pkt", "icrq_answered.pkt", "mandatory_avp_unknown.pkt",
                             "retransmit_until_acknowledged.pkt", "duplicate_sccrp_reacknowledged.pkt"})
      expect_same_verdict_again(load("lns", name), *device, (dir / ("run" + std::to_string(runs++) + ".pcap")).string());
  // The failing devices did fail something: the comparison is not between passes only.
  CHECK(run_l2tp_script_in_sim(load("lns", "initial_timeout.pkt"), slow).outcome == Outcome::fail);
  CHECK(run_l2tp_script_in_sim(load("lns", "stopccn_acknowledged.pkt"), late).outcome == Outcome::fail);
  CHECK(run_l2tp_script_in_sim(load("lns", "retransmit_until_acknowledged.pkt"), deaf).outcome == Outcome::fail);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a recording that is not there, or of a role not judged so, is an error, not a verdict") {
  auto h = CaptureHarness::open("l2tp.lns", "/nonexistent/x.pcap", "10.0.0.1");
  CHECK_FALSE(h.ok());
  h = CaptureHarness::open("sstp.server", "/nonexistent/x.pcap", "10.0.0.1");
  REQUIRE_FALSE(h.ok());
  CHECK(h.error().find("L2TP, PPTP and PPP-over-L2TP devices") != std::string::npos);
}
