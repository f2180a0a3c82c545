// The L2TP LNS suite against our reference LNS in simulation (the selftest every suite must
// pass), and against deliberately broken references (the checks must then fail).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "conformance/engine/check_catalogue.h"
#include "conformance/engine/script_parser.h"
#include "conformance/engine/sim_runner.h"
#include "conformance/engine/verdict_report.h"
#include "tests/unit/conformance/lns_scripts.h"

using namespace ts;
using namespace ts::conformance;
using namespace std::chrono_literals;


TEST_CASE("every L2TP LNS script passes against the reference LNS, and names catalogued checks") {
  auto catalogue = load_check_catalogue(std::string(TS_SOURCE_DIR) + "/conformance/checks");
  REQUIRE(catalogue.ok());
  int scripts = 0;
  for (const auto& e : std::filesystem::directory_iterator(lns_suite_dir())) {
    if (e.path().extension() != ".pkt") continue;
    ++scripts;
    const Script s = load_lns_script(e.path().filename().string());
    for (const auto& id : s.checks) {
      bool known = false;
      for (const auto& c : catalogue.value()) known = known || c.id == id;
      CAPTURE(s.file, id);
      CHECK(known);
    }
    const Verdict v = run_l2tp_script_in_sim(s, reference_lns());
    CAPTURE(s.file, v.line, v.reason);
    CHECK(v.outcome == Outcome::pass);
  }
  CHECK(scripts >= 7);
}

TEST_CASE("a reference that acknowledges too late fails the acknowledgement checks") {
  auto broken = reference_lns();
  broken.channel.ack_delay = 3s;  // acknowledges, but after the scripts' 1-2 s windows
  for (const char* name : {"establish.pkt", "hello_acknowledged.pkt", "stopccn_acknowledged.pkt"}) {
    const Verdict v = run_l2tp_script_in_sim(load_lns_script(name), broken);
    CAPTURE(name, v.reason);
    CHECK(v.outcome == Outcome::fail);
    CHECK(v.reason.find("expected ZLB") != std::string::npos);
  }
}

TEST_CASE("a reference that retransmits on another schedule fails the timing checks, not the retransmit check") {
  auto broken = reference_lns();
  broken.channel.initial_timeout = 2s;  // first retransmission at +2 s, not +1 s
  Verdict v = run_l2tp_script_in_sim(load_lns_script("initial_timeout.pkt"), broken);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.line == 7);
  CHECK(run_l2tp_script_in_sim(load_lns_script("retransmit_backoff_second.pkt"), broken).outcome == Outcome::fail);
  CHECK(run_l2tp_script_in_sim(load_lns_script("retransmit.pkt"), broken).outcome == Outcome::pass);
  broken.channel.initial_timeout = 6s;  // later than any reasonable peer waits
  v = run_l2tp_script_in_sim(load_lns_script("retransmit.pkt"), broken);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.reason.find("expected SCCRP") != std::string::npos);
}

TEST_CASE("tunnel authentication: a wrong secret or no challenge fails the auth checks (RFC 2661 §5.1.1)") {
  SimRunOptions shared;
  shared.secret = "the-secret";
  auto other = reference_lns();
  other.secret = "not-the-secret";
  Verdict v = run_l2tp_script_in_sim(load_lns_script("tunnel_auth_answered.pkt"), other, shared);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.reason.find("got challenge_response_ok=no") != std::string::npos);
  auto trusting = reference_lns();
  trusting.authenticate_peer = false;  // never challenges, so accepts any response
  v = run_l2tp_script_in_sim(load_lns_script("tunnel_auth_wrong_response.pkt"), trusting);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.reason.find("expected SCCRP") != std::string::npos);
  // Without the feature, in a profile or the reference, the scripts do not run.
  auto s = load_lns_script("tunnel_auth_answered.pkt");
  s.requires_features.push_back("proxy-auth");
  CHECK(run_l2tp_script_in_sim(s, reference_lns()).outcome == Outcome::inconclusive);
}

TEST_CASE("a reference that refuses calls fails the ICRQ check") {
  auto refusing = reference_lns();
  refusing.accept_calls = false;
  const Verdict v = run_l2tp_script_in_sim(load_lns_script("icrq_answered.pkt"), refusing);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.reason.find("expected ICRP") != std::string::npos);
}

TEST_CASE("script errors are errors, not failures") {
  auto s = parse_script("check l2tp.ctrl.sccrq_answered\ndevice l2tp.lns\n0 > SCCRQ nosuchfield=1\n", "bad.pkt");
  REQUIRE(s.ok());
  Verdict v = run_l2tp_script_in_sim(s.value(), reference_lns());
  CHECK(v.outcome == Outcome::error);
  CHECK(v.reason == "unknown field 'nosuchfield'");
  s = parse_script("check l2tp.ctrl.sccrq_answered\ndevice l2tp.lns\n0 > SCCCN tunnel_id=$never\n", "bad.pkt");
  v = run_l2tp_script_in_sim(s.value(), reference_lns());
  CHECK(v.outcome == Outcome::error);
  CHECK(v.line == 3);
  s = parse_script("check x.y.z\ndevice pptp.pac\n0 wait 1\n", "bad.pkt");
  CHECK(run_l2tp_script_in_sim(s.value(), reference_lns()).outcome == Outcome::error);
}

TEST_CASE("JUnit and JSON reports: one testcase per script and check, failures with line and clause") {
  auto catalogue = load_check_catalogue(std::string(TS_SOURCE_DIR) + "/conformance/checks");
  REQUIRE(catalogue.ok());
  Verdict pass{"l2tp/lns/a.pkt", {"l2tp.stop.acknowledged"}, Outcome::pass, 0, "ok", 1.5, {}, {}};
  Verdict fail{"l2tp/lns/b.pkt", {"l2tp.hello.acknowledged", "l2tp.reliable.retransmit"}, Outcome::fail, 7,
               "expected ZLB <late>", 2.0, "lns-1", {"out/b.pcap", "out/b.txt"}};
  const std::string x = junit_xml("l2tp.lns", {pass, fail}, catalogue.value());
  CHECK(x.find("tests=\"3\" failures=\"2\" errors=\"0\"") != std::string::npos);
  CHECK(x.find("name=\"l2tp.hello.acknowledged\"") != std::string::npos);
  CHECK(x.find("l2tp/lns/b.pkt:7: expected ZLB &lt;late&gt; [MUST RFC 2661 §5.8, §6.5]") != std::string::npos);
  const std::string j = verdicts_json("l2tp.lns", {pass, fail}, catalogue.value());
  CHECK(j.find("\"verdict\":\"fail\",\"line\":7") != std::string::npos);
  CHECK(std::count(j.begin(), j.end(), '\n') == 2);
  // Live runs name the device and the files written for each script.
  CHECK(j.find("\"target\":\"lns-1\",\"artefacts\":[\"out/b.pcap\",\"out/b.txt\"]") != std::string::npos);
  CHECK(x.find("<system-out>[[ATTACHMENT|out/b.pcap]]") != std::string::npos);
}

TEST_CASE("the L2TP LAC suite passes against the reference LAC; a LAC without Hello fails the Hello check") {
  const std::string dir = std::string(TS_SOURCE_DIR) + "/conformance/suites/l2tp/lac";
  auto load_lac = [&](const std::string& name) {
    std::ifstream in(dir + "/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    auto r = parse_script(ss.str(), name);
    REQUIRE(r.ok());
    return r.value();
  };
  endpoints::l2tp::L2tpConfig lac;
  lac.role = endpoints::l2tp::L2tpRole::lac;
  int scripts = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".pkt") continue;
    ++scripts;
    const Verdict v = run_l2tp_script_in_sim(load_lac(e.path().filename().string()), lac);
    CAPTURE(e.path().filename().string(), v.line, v.reason);
    CHECK(v.outcome == Outcome::pass);
  }
  CHECK(scripts >= 4);
  auto silent = lac;
  silent.hello_interval = Duration{0};  // never sends Hello
  const Verdict v = run_l2tp_script_in_sim(load_lac("hello_when_idle.pkt"), silent);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.reason.find("expected HELLO") != std::string::npos);
  // A LAC with another secret answers the Challenge wrongly (RFC 2661 §5.1.1); it does not
  // challenge us, or it would stop at our response before its SCCCN.
  auto other = lac;
  other.secret = "not-the-secret";
  other.authenticate_peer = false;
  SimRunOptions shared;
  shared.secret = "the-secret";
  const Verdict wrong = run_l2tp_script_in_sim(load_lac("tunnel_auth_answered.pkt"), other, shared);
  CHECK(wrong.outcome == Outcome::fail);
  CAPTURE(wrong.reason);
  CHECK(wrong.reason.find("got challenge_response_ok=no") != std::string::npos);
}
