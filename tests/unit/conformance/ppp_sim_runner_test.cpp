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
  CHECK(run_suite("authenticator") >= (std::getenv("PPP_SCRIPT") ? 0 : 70));
}

TEST_CASE("every PPP script passes against the reference, device as authenticated peer") {
  CHECK(run_suite("peer") >= (std::getenv("PPP_SCRIPT") ? 0 : 45));
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
      {"peer", "lcp_auth_nak_alternative.pkt", "LCP.ConfNak"},
      {"authenticator", "lcp_magic_zero.pkt", "LCP.ConfNak"},
      {"peer", "lcp_magic_zero.pkt", "LCP.ConfNak"},
      {"peer", "lcp_magic_collision.pkt", "LCP.ConfNak"},
      {"peer", "lcp_nak_converges.pkt", "LCP.ConfNak"},
      {"authenticator", "ipcp_address_nak.pkt", "IPCP.ConfNak"}}},
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
     {{"authenticator", "protocol_reject.pkt", "LCP.ProtRej"},
      {"peer", "protocol_reject.pkt", "LCP.ProtRej"},
      {"authenticator", "ccp_protocol_reject.pkt", "LCP.ProtRej"},
      {"peer", "ccp_protocol_reject.pkt", "LCP.ProtRej"}}},
    {"no Terminate-Ack", [](PppFaults& f) { f.control.no_terminate_ack = true; },
     {{"authenticator", "terminate_ack.pkt", "LCP.TermAck"},
      {"peer", "terminate_ack.pkt", "LCP.TermAck"},
      {"authenticator", "lcp_terminate_req_sent.pkt", "LCP.TermAck"},
      {"peer", "lcp_terminate_ack_sent.pkt", "LCP.TermAck"},
      {"authenticator", "ipcp_terminate_ack.pkt", "IPCP.TermAck"},
      {"peer", "ipcp_terminate_ack.pkt", "IPCP.TermAck"}}},
    {"wrong credentials accepted", [](PppFaults& f) { f.accept_wrong_credentials = true; },
     {{"authenticator", "chap_md5_wrong_password.pkt", "CHAP.Failure"},
      {"authenticator", "mschapv2_wrong_password.pkt", "CHAP.Failure"},
      {"authenticator", "pap_wrong_password.pkt", "PAP.AuthNak"},
      {"authenticator", "pap_unknown_user.pkt", "PAP.AuthNak"},
      {"authenticator", "chap_unknown_name.pkt", "CHAP.Failure"}}},
    {"stale replies accepted", [](PppFaults& f) { f.control.accept_stale_reply = true; },
     {{"authenticator", "lcp_stale_ack.pkt", "LCP.ConfReq"},
      {"peer", "lcp_stale_ack.pkt", "LCP.ConfReq"},
      {"authenticator", "lcp_stale_nak.pkt", "LCP.ConfReq"},
      {"peer", "lcp_stale_nak.pkt", "LCP.ConfReq"},
      {"authenticator", "lcp_stale_reject.pkt", "LCP.ConfReq"},
      {"peer", "lcp_stale_reject.pkt", "LCP.ConfReq"},
      {"authenticator", "ipcp_stale_ack.pkt", "IPCP.ConfReq"}}},
    {"CHAP Identifier ignored", [](PppFaults& f) { f.ignore_chap_identifier = true; },
     {{"authenticator", "chap_identifier.pkt", "CHAP.Success"}}},
    {"authenticator response unchecked", [](PppFaults& f) { f.skip_authenticator_response_check = true; },
     {{"peer", "mschapv2_bad_authenticator.pkt", "LCP.TermReq"}}},
    {"stays Opened", [](PppFaults& f) { f.control.stay_opened = true; },
     {{"authenticator", "lcp_renegotiate_opened.pkt", "LCP.ConfReq"},
      {"authenticator", "lcp_renegotiate_reauth.pkt", "LCP.ConfReq"},
      {"authenticator", "ipcp_renegotiate_opened.pkt", "IPCP.ConfReq"},
      {"authenticator", "lcp_terminate_ack_opened.pkt", "LCP.ConfReq"},
      {"peer", "lcp_renegotiate_opened.pkt", "LCP.ConfReq"},
      {"peer", "lcp_terminate_ack_opened.pkt", "LCP.ConfReq"}}},
    {"hang up at once", [](PppFaults& f) { f.control.hangup_at_once = true; },
     {{"authenticator", "lcp_terminate_wait.pkt", "CLOSED"}, {"peer", "lcp_terminate_wait.pkt", "CLOSED"}}},
    {"one Terminate-Request", [](PppFaults& f) { f.control.terminate_once = true; },
     {{"authenticator", "lcp_max_terminate.pkt", "LCP.TermReq"}}},
    {"reply options unchecked", [](PppFaults& f) { f.control.unchecked_reply_options = true; },
     {{"authenticator", "lcp_reject_not_subset.pkt", "LCP.ConfReq"},
      {"authenticator", "lcp_reject_modified.pkt", "LCP.ConfReq"},
      {"peer", "lcp_reject_not_subset.pkt", "LCP.ConfReq"},
      {"authenticator", "lcp_ack_mismatch.pkt", "LCP.ConfReq"},
      {"peer", "lcp_ack_mismatch.pkt", "LCP.ConfReq"}}},
    {"peer MRU ignored", [](PppFaults& f) { f.ignore_peer_mru = true; },
     {{"authenticator", "code_reject_truncated.pkt", "LCP.CodeRej"},
      {"authenticator", "protocol_reject_truncated.pkt", "LCP.ProtRej"},
      {"peer", "code_reject_truncated.pkt", "LCP.CodeRej"}}},
    {"Echo in any state", [](PppFaults& f) { f.echo_in_any_state = true; },
     {{"authenticator", "echo_before_opened.pkt", "LCP.EchoRep"}, {"peer", "echo_before_opened.pkt", "LCP.EchoRep"}}},
    {"Discard-Request Code-Rejected", [](PppFaults& f) { f.code_reject_extended = true; },
     {{"authenticator", "discard_request.pkt", "LCP.CodeRej"}, {"peer", "discard_request.pkt", "LCP.CodeRej"}}},
    {"Protocol-Reject before Opened", [](PppFaults& f) { f.protocol_reject_before_opened = true; },
     {{"authenticator", "establish_discards.pkt", "LCP.ProtRej"}, {"peer", "establish_discards.pkt", "LCP.ProtRej"}}},
    {"ACCM Rejected", [](PppFaults& f) { f.control.reject_option = 2; },
     {{"authenticator", "lcp_accm_acked.pkt", "LCP.ConfAck"}}},
    {"PFC Rejected", [](PppFaults& f) { f.control.reject_option = 7; },
     {{"authenticator", "lcp_pfc_acfc_acked.pkt", "LCP.ConfAck"}, {"peer", "lcp_pfc_acfc_acked.pkt", "LCP.ConfAck"}}},
    {"MRU Rejected", [](PppFaults& f) { f.control.reject_option = 1; },
     {{"authenticator", "lcp_mru_small_acked.pkt", "LCP.ConfAck"}}},
    {"Authentication-Protocol Rejected", [](PppFaults& f) { f.control.reject_option = 3; },
     {{"peer", "lcp_pap_acked.pkt", "LCP.ConfAck"}, {"peer", "lcp_mschapv2_acked.pkt", "LCP.ConfAck"}}},
    {"Ack instead of Reject", [](PppFaults& f) { f.control.ack_instead_of_reject = true; },
     {{"authenticator", "lcp_reject_quality.pkt", "LCP.ConfRej"},
      {"authenticator", "lcp_reject_mrru.pkt", "LCP.ConfRej"},
      {"authenticator", "lcp_reject_fcs_alternatives.pkt", "LCP.ConfRej"},
      {"authenticator", "lcp_reject_self_describing_padding.pkt", "LCP.ConfRej"},
      {"authenticator", "lcp_reject_unknown_option.pkt", "LCP.ConfRej"},
      {"peer", "lcp_reject_callback.pkt", "LCP.ConfRej"},
      {"peer", "lcp_reject_endpoint_discriminator.pkt", "LCP.ConfRej"},
      {"peer", "lcp_reject_numbered_mode.pkt", "LCP.ConfRej"},
      {"peer", "lcp_reject_unknown_option.pkt", "LCP.ConfRej"},
      {"authenticator", "ipcp_reject_vj.pkt", "IPCP.ConfRej"},
      {"authenticator", "ipcp_nbns_rejected.pkt", "IPCP.ConfRej"},
      {"authenticator", "ipcp_reject_unknown_option.pkt", "IPCP.ConfRej"}}},
    {"padding read as options", [](PppFaults& f) { f.padding_as_options = true; },
     {{"authenticator", "lcp_padding_ignored.pkt", "LCP.ConfAck"}}},
    {"malformed packets Code-Rejected", [](PppFaults& f) { f.code_reject_malformed = true; },
     {{"authenticator", "lcp_short_length.pkt", "LCP.CodeRej"},
      {"authenticator", "ipcp_malformed_length.pkt", "IPCP.CodeRej"}}},
    {"slow Restart timer", [](PppFaults& f) { f.control.slow_restart = true; },
     {{"authenticator", "lcp_restart_timer.pkt", "LCP.ConfReq"},
      {"authenticator", "lcp_max_configure.pkt", "LCP.ConfReq"},
      {"authenticator", "ipcp_restart_timer.pkt", "IPCP.ConfReq"},
      {"authenticator", "ipcp_max_configure.pkt", "IPCP.ConfReq"},
      {"peer", "lcp_restart_timer.pkt", "LCP.ConfReq"},
      {"peer", "lcp_max_configure.pkt", "LCP.ConfReq"}}},
    {"Protocol-Reject ignored", [](PppFaults& f) { f.ignore_protocol_reject = true; },
     {{"authenticator", "protocol_reject_ipcp.pkt", "LCP.TermReq"}, {"peer", "protocol_reject_ipcp.pkt", "LCP.TermReq"}}},
    {"Code-Reject taken the wrong way round", [](PppFaults& f) { f.control.code_reject_inverted = true; },
     {{"authenticator", "code_reject_catastrophic.pkt", "LCP.TermReq"},
      {"peer", "code_reject_catastrophic.pkt", "LCP.TermReq"},
      {"authenticator", "code_reject_permitted.pkt", "LCP.EchoRep"}}},
    {"authentication never gives up", [](PppFaults& f) { f.no_auth_give_up = true; },
     {{"authenticator", "chap_timeout.pkt", "LCP.TermReq"},
      {"authenticator", "pap_timeout.pkt", "LCP.TermReq"},
      {"peer", "chap_wait_timeout.pkt", "LCP.TermReq"}}},
    {"Nak hints ignored", [](PppFaults& f) { f.control.ignore_nak = true; },
     {{"authenticator", "lcp_nak_auth_applied.pkt", "LCP.ConfReq"},
      {"authenticator", "lcp_nak_accm_applied.pkt", "LCP.ConfReq"},
      {"authenticator", "lcp_nak_mru_applied.pkt", "LCP.ConfReq"}}},
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
  error_at("device ppp.peer\n0.000 < CLOSED nth=1\n", 2, "no field 'nth'");  // nth: device messages only
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
