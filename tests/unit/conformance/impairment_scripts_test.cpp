// The scripts built on delay-next, duplicate-next and `!<` (nothing arrives): each passes
// against the reference LNS (also in the suite-wide selftest) and fails against a reference
// broken the way its check describes (src/endpoints/l2tp/l2tp_faults.h), at the line that
// decides it. Also: `!<` and the impairment directives as the runner reads them.
#include <catch2/catch.hpp>

#include <fstream>

#include "conformance/engine/script_parser.h"
#include "conformance/engine/sim_runner.h"
#include "tests/unit/conformance/lns_scripts.h"

using namespace ts;
using namespace ts::conformance;
using namespace std::chrono_literals;

namespace {

Script parse(const std::string& text) {
  auto r = parse_script(text, "inline.pkt");
  INFO((r.ok() ? std::string() : r.error()));
  REQUIRE(r.ok());
  return r.value();
}

// The line of `script` whose text contains `marker` (1-based), to name the deciding step.
int line_of(const std::string& name, const std::string& marker) { return l2tp_script_line_of("lns", name, marker); }

Verdict run(const std::string& name, const endpoints::l2tp::L2tpConfig& device) {
  return run_l2tp_script_in_sim(load_lns_script(name), device);
}

// Runs `name` against `device`: it must fail, at the line holding `marker`.
Verdict fails_at(const std::string& name, const endpoints::l2tp::L2tpConfig& device, const std::string& marker) {
  const Verdict v = run(name, device);
  CAPTURE(name, v.reason);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.line == line_of(name, marker));
  return v;
}

}  // namespace

TEST_CASE("the impairment scripts pass against the reference LNS") {
  for (const char* name : {"duplicate_acknowledged.pkt", "duplicate_not_processed.pkt", "out_of_order_not_processed.pkt",
                           "retransmit_until_acknowledged.pkt", "duplicate_sccrp_reacknowledged.pkt"}) {
    const Verdict v = run(name, reference_lns());
    CAPTURE(name, v.line, v.reason);
    CHECK(v.outcome == Outcome::pass);
  }
}

TEST_CASE("an LNS that acts on a duplicate ICRQ fails the duplicate checks at `!<`") {
  auto broken = reference_lns();
  broken.channel.faults.process_duplicates = true;
  const Verdict v = fails_at("duplicate_not_processed.pkt", broken, "!< ICRP");
  CHECK(v.reason.find("expected no ICRP from the device between") != std::string::npos);
  CHECK(v.reason.find("ICRP ") != std::string::npos);  // what came, with its fields
  CHECK(v.reason.find(" came at ") != std::string::npos);
  // It answers the copy with a second ICRP, on which the acknowledgement rides: no ZLB.
  fails_at("duplicate_acknowledged.pkt", broken, "< ZLB nr=3");
  // One that acknowledges, but after the 1 s window, fails the same line.
  auto late = reference_lns();
  late.channel.ack_delay = 3s;
  fails_at("duplicate_acknowledged.pkt", late, "< ZLB nr=3");
}

TEST_CASE("an LNS that acts on a message ahead of the expected Ns fails the in-order check") {
  auto broken = reference_lns();
  broken.channel.faults.deliver_out_of_order = true;
  fails_at("out_of_order_not_processed.pkt", broken, "!< ICRP");
  // Discarding instead of queueing is as good (RFC 2661 §5.8 allows both).
  auto discarding = reference_lns();
  discarding.channel.queue_out_of_order = false;
  CHECK(run("out_of_order_not_processed.pkt", discarding).outcome == Outcome::pass);
}

TEST_CASE("delay-next: an LNS that ignores acknowledgements keeps retransmitting and fails `!<`") {
  auto broken = reference_lns();
  broken.channel.faults.ignore_acknowledgements = true;
  fails_at("retransmit_until_acknowledged.pkt", broken, "!< SCCRP");
  // One whose first retransmission comes after the late SCCRP reached the script side (and
  // was acknowledged) does not retransmit at all: the retransmit line fails.
  auto slow = reference_lns();
  slow.channel.initial_timeout = 5s;
  fails_at("retransmit_until_acknowledged.pkt", slow, "< SCCRP ns=0 nr=1");
}

TEST_CASE("delay-next decides the retransmission: without the delay the same expectations fail") {
  Script s = load_lns_script("retransmit_until_acknowledged.pkt");
  std::erase_if(s.steps, [](const Step& st) { return st.name == "delay-next"; });
  const Verdict v = run_l2tp_script_in_sim(s, reference_lns());
  CHECK(v.outcome == Outcome::fail);  // acknowledged in time: no retransmission, no delayed=yes
}

TEST_CASE("duplicate-next: the doubled SCCRP is recorded once, and the script still fails a refusing LNS") {
  // Recorded once: a second `< SCCRP` finds nothing (the copy is not a message of the wire).
  Script twice = load_lns_script("duplicate_sccrp_reacknowledged.pkt");
  twice.steps.resize(3);
  twice.steps.push_back(parse("check x\ndevice l2tp.lns\n+0~0.5 < SCCRP\n").steps[0]);
  CHECK(run_l2tp_script_in_sim(twice, reference_lns()).outcome == Outcome::fail);
  auto refusing = reference_lns();
  refusing.accept_calls = false;
  const Verdict v = run("duplicate_sccrp_reacknowledged.pkt", refusing);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.reason.find("expected ICRP") != std::string::npos);
}

TEST_CASE("`!<` passes at the end of its window and fails at the first matching message") {
  const std::string head = "check l2tp.ctrl.sccrq_answered\ndevice l2tp.lns\n0.000 > SCCRQ assigned_tunnel=$tunnel\n";
  // The SCCRP comes at once: a window from 0 fails, naming it; fields narrow what counts.
  Verdict v = run_l2tp_script_in_sim(parse(head + "+0~2 !< SCCRP\n"), reference_lns());
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.line == 4);
  CHECK(v.reason.find("SCCRP ") != std::string::npos);
  CHECK(run_l2tp_script_in_sim(parse(head + "+0~2 !< SCCRP ns=5\n"), reference_lns()).outcome == Outcome::pass);
  CHECK(run_l2tp_script_in_sim(parse(head + "+0~2 !< StopCCN\n"), reference_lns()).outcome == Outcome::pass);
  // A pass ends at the window's end: the next relative step counts from there. The SCCRP
  // reaches the script side late, so the LNS retransmits it 1 s after the original: inside
  // +0.8~1.1 counted from the `!<` window's end, outside +0~0.3 counted from the original.
  v = run_l2tp_script_in_sim(parse(head + "       delay-next 1 4000 control\n+0~0.5 < SCCRP\n+0~0.8 !< HELLO\n"
                                          "+0~0.3 < SCCRP ns=0\n"),
                             reference_lns());
  CHECK(v.outcome == Outcome::pass);
  // A bound variable must agree; an unbound one matches anything and binds nothing.
  v = run_l2tp_script_in_sim(parse(head + "+0~2 !< SCCRP assigned_tunnel=$any\n"), reference_lns());
  CHECK(v.outcome == Outcome::fail);
  v = run_l2tp_script_in_sim(parse(head + "+0~2 < SCCRP assigned_tunnel=$lns\n+0~1 !< SCCRP assigned_tunnel=$lns\n"),
                             reference_lns());
  CHECK(v.outcome == Outcome::pass);  // the next SCCRP would be a retransmission: none comes
  v = run_l2tp_script_in_sim(parse(head + "+0~1 !< StopCCN assigned_tunnel=$x\n+0 > HELLO tunnel_id=$x\n"),
                             reference_lns());
  CHECK(v.outcome == Outcome::error);
  CHECK(v.line == 5);
}

TEST_CASE("impairment directives: wrong kinds, counts and delays are script errors") {
  const std::string head = "check l2tp.ctrl.sccrq_answered\ndevice l2tp.lns\n";
  Verdict v = run_l2tp_script_in_sim(parse(head + "0 delay-next 1 100 gre\n"), reference_lns());
  CHECK(v.outcome == Outcome::error);
  CHECK(v.reason.find("delay-next KIND must be one of") != std::string::npos);
  v = run_l2tp_script_in_sim(parse(head + "0 reorder-next 5000\n"), reference_lns());
  CHECK(v.outcome == Outcome::error);
  v = run_l2tp_script_in_sim(parse(head + "0 delay-next 1 700000\n"), reference_lns());
  CHECK(v.outcome == Outcome::error);
  CHECK(parse_script(head + "0 delay-next 1\n", "x.pkt").ok() == false);
  CHECK(parse_script(head + "0 delay-next 1 0.5\n", "x.pkt").ok() == false);
  CHECK(parse_script(head + "0 duplicate-next 1 control extra\n", "x.pkt").ok() == false);
  CHECK(parse_script(head + "0 !< SCCRP !ns=1\n", "x.pkt").ok() == false);
  CHECK(parse_script(head + "0~1 !< SCCRP ns=*\n", "x.pkt").ok());
}
