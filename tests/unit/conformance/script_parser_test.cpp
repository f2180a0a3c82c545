// The conformance script parser: the packetdrill-style language of docs/conformance-scripts.md
// into steps, and every malformed script refused with FILE:LINE:COLUMN.
#include <catch2/catch.hpp>

#include "conformance/engine/script_parser.h"

using namespace ts::conformance;

namespace {

constexpr const char* kBackoff = R"(# RFC 2661 5.8: an unacknowledged control message is retransmitted with back-off
check  l2tp.ctrl.retransmit_backoff
device l2tp.lns
requires tunnel-auth
0.000    >  SCCRQ host_name="ts lac \"one\"" assigned_tunnel_id=$tid window=0x10
+0~2     <  SCCRP assigned_tunnel_id=$peer_tid vendor=*   # capture the peer's id
         drop-next 1 ack
+0.8~1.2 <  SCCRP ns=0
         > SCCCN !nr=7
5        wait 2.5
         assert tunnel established
         command hangup session=all
)";

std::string error_of(const std::string& text) {
  auto r = parse_script(text, "t.pkt");
  REQUIRE_FALSE(r.ok());
  return r.error();
}

}  // namespace

TEST_CASE("a complete script parses into its header and steps") {
  auto r = parse_script(kBackoff, "backoff.pkt");
  REQUIRE(r.ok());
  const Script& s = r.value();
  CHECK(s.file == "backoff.pkt");
  CHECK(s.checks == std::vector<std::string>{"l2tp.ctrl.retransmit_backoff"});
  CHECK(s.device == "l2tp.lns");
  CHECK(s.requires_features == std::vector<std::string>{"tunnel-auth"});
  REQUIRE(s.steps.size() == 8);

  const Step& sccrq = s.steps[0];
  CHECK(sccrq.line == 5);
  CHECK(sccrq.kind == StepKind::send);
  CHECK(sccrq.name == "SCCRQ");
  REQUIRE(sccrq.time);
  CHECK_FALSE(sccrq.time->relative);
  CHECK(sccrq.time->lo == 0.0);
  REQUIRE(sccrq.fields.size() == 3);
  CHECK(sccrq.fields[0].key == "host_name");
  CHECK(sccrq.fields[0].value.kind == FieldValue::Kind::string);
  CHECK(sccrq.fields[0].value.text == "ts lac \"one\"");
  CHECK(sccrq.fields[1].value.kind == FieldValue::Kind::variable);
  CHECK(sccrq.fields[1].value.text == "tid");
  CHECK(sccrq.fields[2].value.kind == FieldValue::Kind::number);
  CHECK(sccrq.fields[2].value.number == 16);

  const Step& sccrp = s.steps[1];
  CHECK(sccrp.kind == StepKind::expect);
  REQUIRE(sccrp.time);
  CHECK(sccrp.time->relative);
  CHECK(sccrp.time->window);
  CHECK(sccrp.time->lo == 0.0);
  CHECK(sccrp.time->hi == 2.0);
  CHECK(sccrp.fields[1].value.kind == FieldValue::Kind::wildcard);

  CHECK(s.steps[2].kind == StepKind::directive);
  CHECK(s.steps[2].name == "drop-next");
  CHECK(s.steps[2].args == std::vector<std::string>{"1", "ack"});
  CHECK_FALSE(s.steps[2].time);

  CHECK(s.steps[3].time->lo == Approx(0.8));
  CHECK(s.steps[3].time->hi == Approx(1.2));
  CHECK(s.steps[4].fields[0].deliberate);
  CHECK(s.steps[4].fields[0].key == "nr");
  CHECK(s.steps[5].name == "wait");
  CHECK(s.steps[5].time->lo == 5.0);
  CHECK(s.steps[6].args == std::vector<std::string>{"tunnel", "established"});
  CHECK(s.steps[7].args == std::vector<std::string>{"hangup", "session=all"});
}

TEST_CASE("malformed scripts are refused with file, line and column") {
  const std::string head = "check a.b\ndevice l2tp.lns\n";
  CHECK(error_of("device l2tp.lns\n0 > SCCRQ\n") == "t.pkt:1:1: no 'check ID' line: a script must name the checks it decides");
  CHECK(error_of("check a.b\n0 > SCCRQ\n") == "t.pkt:1:1: no 'device ROLE' line");
  CHECK(error_of(head + "0 > SCCRQ host=\"open\n") == "t.pkt:3:11: unterminated quoted string");
  CHECK(error_of(head + "SCCRQ\n") == "t.pkt:3:1: a step starts with a TIME or with whitespace; got 'SCCRQ'");
  CHECK(error_of(head + "1 > SCCRQ\n0.5 > SCCRQ\n") == "t.pkt:4:1: time runs backwards");
  CHECK(error_of(head + "0~2 > SCCRQ\n") == "t.pkt:3:1: a send happens at one time: no window");
  CHECK(error_of(head + "2~1 < SCCRP\n") == "t.pkt:3:1: window ends before it starts");
  CHECK(error_of(head + "0 > SCCRQ id=*\n") == "t.pkt:3:11: '*' (any value) only in an expectation");
  CHECK(error_of(head + "0 < SCCRP !id=1\n") == "t.pkt:3:11: '!' (a deliberate violation) only on a send");
  CHECK(error_of(head + "0 > SCCRQ noequals\n") == "t.pkt:3:11: expected KEY=VALUE, got 'noequals'");
  CHECK(error_of(head + "0 > SCCRQ n=12x\n") == "t.pkt:3:13: bad number '12x'");
  CHECK(error_of(head + "0 frobnicate\n") == "t.pkt:3:3: unknown directive 'frobnicate'");
  CHECK(error_of(head + "  wait\n") == "t.pkt:3:3: usage: wait SECONDS");
  CHECK(error_of(head + "  drop-next zero\n") == "t.pkt:3:3: usage: drop-next N [KIND]");
  CHECK(error_of(head + "0 >\n") == "t.pkt:3:3: message name missing");
  CHECK(error_of(head + "0 > SCCRQ\ncheck late.id\n") == "t.pkt:4:1: 'check' must come before the first step");
  CHECK(error_of("check a.b\ndevice x\ndevice y\n") == "t.pkt:3:1: a script has one device");
  CHECK(error_of(head + "abc > SCCRQ\n") == "t.pkt:3:1: a step starts with a TIME or with whitespace; got 'abc'");
  CHECK(error_of(head + "+1.2.3 > SCCRQ\n") == "t.pkt:3:1: bad time '+1.2.3'");
}

TEST_CASE("comments, blank lines and CRLF line ends are ignored") {
  auto r = parse_script("# c\r\ncheck a.b # trailing\r\n\r\ndevice d\r\n  > HELLO   # now\r\n", "x");
  REQUIRE(r.ok());
  REQUIRE(r.value().steps.size() == 1);
  CHECK(r.value().steps[0].name == "HELLO");
  CHECK(r.value().steps[0].fields.empty());
}

TEST_CASE("arbitrary bytes never crash the parser: a script or an error") {
  std::uint64_t x = 88172645463325252ULL;
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  const std::string alphabet = "checkdevice ><+0123456789.~=!$*\"\\#\n\t xyzSCCRQ-_wait";
  for (int n = 0; n < 3000; ++n) {
    std::string text = "check a.b\ndevice d\n";
    const auto len = next() % 120;
    for (std::uint64_t i = 0; i < len; ++i) text.push_back(alphabet[next() % alphabet.size()]);
    auto r = parse_script(text, "f");
    if (!r.ok()) CHECK(r.error().rfind("f:", 0) == 0);
  }
}
