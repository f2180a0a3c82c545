// The PPTP PAC and PNS suites against our reference PAC/PNS in simulation (the selftest
// every suite must pass), and against deliberately broken references (pptp_faults.h and
// ordinary settings): the related checks must then fail. Plus the PPTP script peer's
// message building and script errors.
#include <catch2/catch.hpp>

#include <filesystem>

#include "conformance/engine/check_catalogue.h"
#include "conformance/engine/pptp_message_builder.h"
#include "conformance/engine/pptp_sim_runner.h"
#include "conformance/engine/pptp_wire_message.h"
#include "conformance/engine/script_parser.h"
#include "tests/unit/conformance/suite_scripts.h"

using namespace ts;
using namespace ts::conformance;
using namespace std::chrono_literals;
using endpoints::pptp::PptpRoleConfig;

namespace {

std::string suite_dir(const std::string& role) {
  return std::string(TS_SOURCE_DIR) + "/conformance/suites/pptp/" + role;
}

Script load(const std::string& role, const std::string& name) {
  return load_suite_script("pptp/" + role, name, "pptp/" + role + "/" + name);
}

// Every script of the role's suite passes against `reference`; returns how many ran.
int run_suite(const std::string& role, const PptpRoleConfig& reference) {
  auto catalogue = load_check_catalogue(std::string(TS_SOURCE_DIR) + "/conformance/checks");
  REQUIRE(catalogue.ok());
  int scripts = 0;
  for (const auto& e : std::filesystem::directory_iterator(suite_dir(role))) {
    if (e.path().extension() != ".pkt") continue;
    ++scripts;
    const Script s = load(role, e.path().filename().string());
    CHECK(s.device == "pptp." + role);
    for (const auto& id : s.checks) {
      bool known = false;
      for (const auto& c : catalogue.value()) known = known || c.id == id;
      CAPTURE(s.file, id);
      CHECK(known);
    }
    const Verdict v = run_pptp_script_in_sim(s, reference);
    CAPTURE(s.file, v.line, v.reason);
    CHECK(v.outcome == Outcome::pass);
  }
  return scripts;
}

// `script` of `role` fails against `broken`, at an expectation of `expected`.
void fails(const std::string& role, const std::string& script, const PptpRoleConfig& broken,
           const std::string& expected) {
  const Verdict v = run_pptp_script_in_sim(load(role, script), broken);
  CAPTURE(role, script, v.line, v.reason);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.reason.find("expected " + expected) != std::string::npos);
}

}  // namespace

TEST_CASE("every PPTP PAC script passes against the reference PAC") {
  CHECK(run_suite("pac", PptpRoleConfig{}) >= 12);
}

TEST_CASE("every PPTP PNS script passes against the reference PNS") {
  CHECK(run_suite("pns", PptpRoleConfig{}) >= 12);
}

TEST_CASE("a reference with another protocol version fails the version checks") {
  PptpRoleConfig v2;
  v2.protocol_version = 0x0200;  // SCCRP/SCCRQ say 2.0, and 2.0 requests are accepted
  for (const char* role : {"pac", "pns"}) fails(role, "establish.pkt", v2, role == std::string("pac") ? "SCCRP" : "SCCRQ");
  fails("pac", "version_unsupported.pkt", v2, "SCCRP with result_code=5");
  PptpRoleConfig v0;
  v0.protocol_version = 0x0000;  // a PNS that accepts the script's 0.0 SCCRP
  fails("pns", "sccrp_version_unsupported.pkt", v0, "StopCCRQ");
}

TEST_CASE("a reference that never answers Echo-Request fails the Echo checks") {
  PptpRoleConfig mute;
  mute.faults.ignore_types = {5};  // Echo-Request
  for (const char* role : {"pac", "pns"}) {
    fails(role, "echo_answered.pkt", mute, "ECHORP");
    fails(role, "unknown_call_id.pkt", mute, "ECHORP");
  }
  fails("pac", "set_link_info.pkt", mute, "ECHORP");
  fails("pns", "wan_error_notify.pkt", mute, "ECHORP");
}

TEST_CASE("a reference without keep-alive, or that takes any Echo-Reply, fails the keep-alive checks") {
  PptpRoleConfig quiet;
  quiet.echo_interval = 120s;
  PptpRoleConfig lax;
  lax.faults.accept_any_echo_reply = true;
  for (const char* role : {"pac", "pns"}) {
    fails(role, "echo_when_idle.pkt", quiet, "ECHORQ");
    fails(role, "echo_reply_wrong_identifier.pkt", lax, "CLOSED");
  }
}

TEST_CASE("a reference that keeps malformed connections open fails the framing checks") {
  PptpRoleConfig lenient;
  lenient.faults.keep_connection_on_malformed = true;
  for (const char* role : {"pac", "pns"})
    for (const char* script : {"bad_magic_cookie.pkt", "bad_length.pkt", "unknown_message_type.pkt"})
      fails(role, script, lenient, "CLOSED");
}

TEST_CASE("a reference that ignores StopCCRQ or CCRQ, or refuses calls, fails those checks") {
  PptpRoleConfig no_stop;
  no_stop.faults.ignore_types = {3};
  for (const char* role : {"pac", "pns"}) fails(role, "stop_answered.pkt", no_stop, "StopCCRP");
  PptpRoleConfig no_clear;
  no_clear.faults.ignore_types = {12};
  fails("pac", "ccrq_cdn.pkt", no_clear, "CDN");
  fails("pac", "unknown_call_id.pkt", no_clear, "CDN");
  PptpRoleConfig busy;
  busy.refuse_calls = endpoints::pptp::CallRefusal::busy;
  fails("pac", "ocrq_answered.pkt", busy, "OCRP with result_code=1");
  fails("pns", "icrq_answered.pkt", busy, "ICRP with result_code=1");
}

TEST_CASE("a reference that acknowledges GRE late fails the GRE acknowledgement checks") {
  PptpRoleConfig slow;
  slow.ack_delay = 2s;  // ack-only packets after 2 s, beyond the scripts' 1 s windows
  for (const char* role : {"pac", "pns"}) fails(role, "gre_acknowledged.pkt", slow, "GRE");
  fails("pns", "gre_outgoing_call.pkt", slow, "GRE");
}

TEST_CASE("a PNS that ignores the Outgoing-Call-Reply sends no data and fails the outgoing-call GRE check") {
  // The reference PNS ignores OCRP (type 8): its call never comes up, no GRE follows.
  PptpRoleConfig deaf;
  deaf.faults.ignore_types = {8};
  fails("pns", "gre_outgoing_call.pkt", deaf, "GRE");
}

TEST_CASE("a reference whose calls carry nothing fails the GRE sequence checks") {
  PptpRoleConfig silent;
  silent.link_factory = [](const engine::SessionLinkContext&) { return std::unique_ptr<engine::SessionLink>(); };
  for (const char* role : {"pac", "pns"}) fails(role, "gre_sequence.pkt", silent, "GRE");
}

TEST_CASE("a send after the device closed the control connection fails the script (the device's doing)") {
  auto s = parse_script(
      "check pptp.ctrl.echo_answered\ndevice pptp.pac\n0 > SCCRQ\n+0~2 < SCCRP result_code=1\n"
      "+0.5 > ECHORQ !magic_cookie=0xdeadbeef\n+1 > ECHORQ\n+0~2 < ECHORP\n",
      "closed.pkt");
  REQUIRE(s.ok());
  const Verdict v = run_pptp_script_in_sim(s.value(), PptpRoleConfig{});
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.line == 6);
  CHECK(v.reason.find("cannot send ECHORQ: the device closed the control connection") != std::string::npos);
}

TEST_CASE("PPTP script errors are errors, not failures") {
  auto run = [](const std::string& text) {
    auto s = parse_script(text, "bad.pkt");
    REQUIRE(s.ok());
    return run_pptp_script_in_sim(s.value(), PptpRoleConfig{});
  };
  Verdict v = run("check pptp.ctrl.sccrq_answered\ndevice pptp.pac\n0 > SCCRQ nosuchfield=1\n");
  CHECK(v.outcome == Outcome::error);
  CHECK(v.reason == "unknown field 'nosuchfield'");
  v = run("check pptp.ctrl.magic_cookie\ndevice pptp.pac\n0 > SCCRQ magic_cookie=1\n");
  CHECK(v.outcome == Outcome::error);
  CHECK(v.reason.find("write !magic_cookie=") != std::string::npos);
  v = run("check pptp.ctrl.sccrq_answered\ndevice pptp.pac\n0 > SCCRQ maximum_channels=70000\n");
  CHECK(v.reason == "bad value '70000' for maximum_channels");
  v = run("check pptp.ctrl.sccrq_answered\ndevice pptp.pac\n0 > HELLO\n");
  CHECK(v.reason == "no PPTP control message 'HELLO'");
  v = run("check pptp.gre.header\ndevice pptp.pac\n0 > GRE key=1\n");
  CHECK(v.outcome == Outcome::error);
  v = run("check pptp.ctrl.sccrq_sent\ndevice pptp.pns\n0 > SCCRP\n");  // before the PNS connected
  CHECK(v.outcome == Outcome::error);
  CHECK(v.line == 3);
  v = run("check pptp.ctrl.sccrq_answered\ndevice pptp.pac\n0 drop-next 1 control\n");
  CHECK(v.outcome == Outcome::error);
  // Typos in expectations are errors before anything runs, never a device failure.
  v = run("check pptp.ctrl.echo_answered\ndevice pptp.pac\n0 > SCCRQ\n+0~2 < SCCRP result_code=1\n+1 < ECHOREPLY\n");
  CHECK(v.outcome == Outcome::error);
  CHECK(v.line == 5);
  CHECK(v.reason == "a PPTP device sends no 'ECHOREPLY'");
  v = run("check pptp.ctrl.echo_answered\ndevice pptp.pac\n0 > SCCRQ\n+0~2 < SCCRP resultcode=1\n");
  CHECK(v.reason == "SCCRP has no field 'resultcode'");
  v = run("check pptp.gre.ack\ndevice pptp.pac\n0 > SCCRQ\n+0~2 < GRE acknowledgment=1\n");
  CHECK(v.reason == "GRE has no field 'acknowledgment'");
  v = run("check pptp.ctrl.unknown_message_type\ndevice pptp.pac\n0 > SCCRQ\n+0~2 < TYPE99 magic_cookie=* data=*\n");
  CHECK(v.outcome == Outcome::fail);  // a well-formed expectation: nothing came
  v = run("check l2tp.ctrl.sccrq_answered\ndevice l2tp.lns\n0 wait 1\n");
  CHECK(v.outcome == Outcome::error);
}

TEST_CASE("PPTP messages built from script fields, and read back as wire messages") {
  auto body = pptp_body("SCCRQ");
  REQUIRE(body.ok());
  auto bytes = build_pptp_message(body.value(), {{"protocol_version", "0x0100", false}, {"host_name", "ts", false}});
  REQUIRE(bytes.ok());
  CHECK(bytes.value().size() == 156);
  auto w = pptp_wire_message(bytes.value());
  REQUIRE(w);
  CHECK(w->name == "SCCRQ");
  CHECK(w->get("protocol_version") == "256");
  CHECK(w->get("host_name") == "ts");
  CHECK(w->get("magic_cookie") == std::to_string(0x1A2B3C4D));
  // Deliberate framing faults: the bytes say what the script wrote.
  bytes = build_pptp_message(pptp_body("ECHORQ").value(), {{"length", "20", true}, {"magic_cookie", "0xdeadbeef", true}});
  REQUIRE(bytes.ok());
  CHECK(bytes.value().size() == 20);
  w = pptp_wire_message(bytes.value());
  REQUIRE(w);
  CHECK(w->get("length") == "20");
  CHECK(w->get("magic_cookie") == std::to_string(0xdeadbeefU));
  bytes = build_pptp_message(pptp_body("ECHORQ").value(), {{"control_message_type", "99", true}});
  REQUIRE(bytes.ok());
  CHECK(pptp_wire_message(bytes.value())->name == "TYPE99");
  // A number sets its length field unless the script sets both.
  bytes = build_pptp_message(pptp_body("OCRQ").value(), {{"phone_number", "12345", false}});
  CHECK(pptp_wire_message(bytes.value())->get("phone_number_length") == "5");
  bytes = build_pptp_message(pptp_body("OCRQ").value(), {{"phone_number", "12345", false}, {"phone_number_length", "9", false}});
  CHECK(pptp_wire_message(bytes.value())->get("phone_number_length") == "9");
}
