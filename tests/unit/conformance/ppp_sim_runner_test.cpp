// The PPP suites (device ppp.authenticator and ppp.peer) against our reference PPP peer in
// simulation (the selftest every suite must pass), and against deliberately broken
// references (ppp_faults.h): the related checks must then fail. Plus the PPP script peer's
// message building, wire messages and script errors.
#include <catch2/catch.hpp>

#include <array>
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
void fails(const std::string& role, const std::string& script, const PppFaults& faults, const std::string& expected) {
  const Verdict v = run_ppp_script_in_sim(load(role, script), faults);
  CAPTURE(role, script, v.line, v.reason);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.reason.find("expected " + expected) != std::string::npos);
}

}  // namespace

TEST_CASE("every PPP script passes against the reference, device as authenticator") {
  CHECK(run_suite("authenticator") >= (std::getenv("PPP_SCRIPT") ? 0 : 30));
}

TEST_CASE("every PPP script passes against the reference, device as authenticated peer") {
  CHECK(run_suite("peer") >= (std::getenv("PPP_SCRIPT") ? 0 : 20));
}

// Each fault of ppp_faults.h, and the scripts (role, file, the expectation that must fail)
// whose checks it breaks: docs/roles/ppp.md lists the same table.
struct FaultCase {
  const char* name;
  void (*set)(PppFaults&);
  std::vector<std::array<const char*, 3>> scripts;
};

const FaultCase kFaultCases[] = {
    {"never Nak", [](PppFaults& f) { f.control.nak_as_reject = true; },
     {{"authenticator", "lcp_nak_mru.pkt", "LCP.ConfNak"},
      {"authenticator", "lcp_nak_converges.pkt", "LCP.ConfNak"},
      {"authenticator", "lcp_magic_collision.pkt", "LCP.ConfNak"},
      {"authenticator", "ipcp_address_assigned.pkt", "IPCP.ConfNak"},
      {"authenticator", "ipcp_dns_assigned.pkt", "IPCP.ConfNak"},
      {"peer", "lcp_auth_nak_alternative.pkt", "LCP.ConfNak"}}},
    {"wrong Ack Identifier", [](PppFaults& f) { f.control.wrong_ack_identifier = true; },
     {{"authenticator", "lcp_ack_options.pkt", "LCP.ConfAck"},
      {"authenticator", "echo_reply.pkt", "LCP.ConfAck"},
      {"peer", "lcp_auth_acked.pkt", "LCP.ConfAck"},
      {"peer", "ipcp_address_acked.pkt", "LCP.ConfAck"}}},
    {"no Echo-Reply", [](PppFaults& f) { f.no_echo_reply = true; },
     {{"authenticator", "echo_reply.pkt", "LCP.EchoRep"},
      {"peer", "echo_reply.pkt", "LCP.EchoRep"},
      {"authenticator", "malformed_length.pkt", "LCP.EchoRep"}}},
    {"no Code-Reject", [](PppFaults& f) { f.control.no_code_reject = true; },
     {{"authenticator", "code_reject.pkt", "LCP.CodeRej"},
      {"peer", "code_reject.pkt", "LCP.CodeRej"},
      {"authenticator", "ipcp_code_reject.pkt", "IPCP.CodeRej"}}},
    {"no Protocol-Reject", [](PppFaults& f) { f.no_protocol_reject = true; },
     {{"authenticator", "protocol_reject.pkt", "LCP.ProtRej"}, {"peer", "protocol_reject.pkt", "LCP.ProtRej"}}},
    {"no Terminate-Ack", [](PppFaults& f) { f.control.no_terminate_ack = true; },
     {{"authenticator", "terminate_ack.pkt", "LCP.TermAck"}, {"peer", "terminate_ack.pkt", "LCP.TermAck"}}},
    {"wrong credentials accepted", [](PppFaults& f) { f.accept_wrong_credentials = true; },
     {{"authenticator", "chap_md5_wrong_password.pkt", "CHAP.Failure"},
      {"authenticator", "mschapv2_wrong_password.pkt", "CHAP.Failure"},
      {"authenticator", "pap_wrong_password.pkt", "PAP.AuthNak"}}},
    {"stale replies accepted", [](PppFaults& f) { f.control.accept_stale_reply = true; },
     {{"authenticator", "lcp_stale_ack.pkt", "LCP.ConfReq"}}},
    {"CHAP Identifier ignored", [](PppFaults& f) { f.ignore_chap_identifier = true; },
     {{"authenticator", "chap_identifier.pkt", "CHAP.Success"}}},
    {"authenticator response unchecked", [](PppFaults& f) { f.skip_authenticator_response_check = true; },
     {{"peer", "mschapv2_bad_authenticator.pkt", "LCP.TermReq"}}},
};

TEST_CASE("a reference with a fault fails the scripts of the checks it breaks") {
  for (const auto& c : kFaultCases) {
    PppFaults f;
    c.set(f);
    CAPTURE(c.name);
    for (const auto& [role, script, expected] : c.scripts) fails(role, script, f, expected);
  }
}

TEST_CASE("a PPP script that expects the wrong thing fails, never passes") {
  const char* open =
      "check ppp.lcp.ack_acceptable\ndevice ppp.authenticator\n"
      "0.000  < LCP.ConfReq id=$lid auth=chap-md5 magic=$dmagic\n"
      "+0     > LCP.ConfReq magic=0x5c5c5c5c\n";
  // The device's Ack carries our Identifier 1, never 2; it asks for CHAP-MD5, not PAP.
  auto v = run_ppp_script_in_sim(parse(std::string(open) + "+0~1   < LCP.ConfAck id=2\n"));
  CHECK(v.outcome == Outcome::fail);
  v = run_ppp_script_in_sim(parse("check ppp.lcp.ack_acceptable\ndevice ppp.authenticator\n0.000 < LCP.ConfReq auth=pap\n"));
  CHECK(v.outcome == Outcome::fail);
  // A Response with the wrong password is not a Success.
  v = run_ppp_script_in_sim(load("authenticator", "chap_md5_success.pkt"));
  CHECK(v.outcome == Outcome::pass);
  v = run_ppp_script_in_sim(parse(std::string(open) +
                                  "+0~1 < LCP.ConfAck id=1\n+0 > LCP.ConfAck\n+0~1 < CHAP.Challenge id=$c\n"
                                  "+0.1 > CHAP.Response password=guess\n+0~1 < CHAP.Success id=$c\n"));
  CHECK(v.outcome == Outcome::fail);
}

TEST_CASE("PPP script mistakes are errors before or at the step, never device failures") {
  const auto error_at = [](const std::string& text, int line, const std::string& words) {
    const Verdict v = run_ppp_script_in_sim(parse("check ppp.lcp.code_reject\n" + text));
    CAPTURE(text, v.reason);
    CHECK(v.outcome == Outcome::error);
    CHECK(v.line == (line ? line + 1 : 0));
    CHECK(v.reason.find(words) != std::string::npos);
  };
  error_at("device ppp.peer\n0.000 < LCP.ConfRequest\n", 2, "sends no 'LCP.ConfRequest'");
  error_at("device ppp.peer\n0.000 < LCP.ConfReq mtu=1500\n", 2, "no field 'mtu'");
  error_at("device ppp.peer\n0.000 < LCP.EchoRep options=magic\n", 2, "no field 'options'");
  error_at("device ppp.peer\n0.000 < IPCP.ConfNak mru=*\n", 2, "no field 'mru'");
  error_at("device ppp.peer\n0.000 < LCP.ConfReq\n+0 > LCP.ConfReq mtu=1500\n", 3, "no field 'mtu'");
  error_at("device ppp.peer\n0.000 < LCP.ConfReq\n+0 > LCP.EchoReq length=3\n", 3, "!length");
  error_at("device ppp.peer\n0.000 < LCP.ConfReq\n+0 > LCP.ConfReq opt99=\"01\"\n", 3, "!opt99");
  error_at("device ppp.peer\n0.000 < LCP.ConfReq\n+0 > LCP.ConfReq auth=kerberos\n", 3, "bad value");
  error_at("device ppp.peer\n0.000 < LCP.ConfReq\n+0 > PAP.AuthReq user=x\n", 3, "no field 'user'");
  error_at("device ppp.peer\n0.000 < LCP.ConfReq\n+0 > LCP.Hello\n", 3, "no PPP message 'LCP.Hello'");
  error_at("device ppp.peer\n0.000 < LCP.ConfReq\n       drop-next 1\n", 3, "drop-next");
  error_at("device ppp.lns\n0.000 < LCP.ConfReq\n", 0, "PPP devices");
}

TEST_CASE("PPP wire messages show options by name and round-trip the builder") {
  auto frame = build_ppp_control(ts::ppp::kLcp, 1, {}, {{"id", "9", false}, {"mru", "1400", false},
                                                        {"auth", "mschap-v2", false}, {"magic", "0x01020304", false},
                                                        {"pfc", "on", false}, {"opt99", "ab", true}});
  REQUIRE(frame.ok());
  const auto w = ppp_wire_message(frame.value(), ts::ppp::ChapAlgorithm::unknown);
  REQUIRE(w);
  CHECK(w->name == "LCP.ConfReq");
  CHECK(w->get("id") == "9");
  CHECK(w->get("options") == "mru,auth,magic,pfc,opt99");
  CHECK(w->get("mru") == "1400");
  CHECK(w->get("auth") == "mschap-v2");
  CHECK(w->get("magic") == "0x01020304");
  CHECK(w->get("pfc") == "on");
  CHECK(w->get("opt99") == "ab");
  CHECK(w->get("length") == "24");
  // Deliberate malformations are written after encoding.
  auto bad = build_ppp_control(ts::ppp::kLcp, 9, {}, {{"length", "200", true}, {"code", "42", true}});
  REQUIRE(bad.ok());
  const auto wb = ppp_wire_message(bad.value(), ts::ppp::ChapAlgorithm::unknown);
  REQUIRE(wb);
  CHECK(wb->name == "LCP.Code42");
  auto ipcp = build_ppp_control(ts::ppp::kIpcp, 3, {}, {{"address", "192.0.2.9", false}, {"dns1", "192.0.2.53", false}});
  REQUIRE(ipcp.ok());
  const auto wi = ppp_wire_message(ipcp.value(), ts::ppp::ChapAlgorithm::unknown);
  REQUIRE(wi);
  CHECK(wi->name == "IPCP.ConfNak");
  CHECK(wi->get("address") == "192.0.2.9");
  CHECK(wi->get("dns1") == "192.0.2.53");
  CHECK_FALSE(build_ppp_control(ts::ppp::kIpcp, 1, {}, {{"address", "192.0.2", false}}).ok());
  CHECK_FALSE(build_ppp_control(ts::ppp::kLcp, 9, {}, {{"mru", "1500", false}}).ok());
  auto f = build_ppp_frame({{"protocol", "0x8281", false}, {"info", "0102", false}});
  REQUIRE(f.ok());
  const auto wf = ppp_wire_message(f.value(), ts::ppp::ChapAlgorithm::unknown);
  REQUIRE(wf);
  CHECK(wf->name == "FRAME");
  CHECK(wf->get("protocol") == "0x8281");
  CHECK(wf->get("info") == "0102");
}
