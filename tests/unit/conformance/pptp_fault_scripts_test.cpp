// The PPTP suite depth (conformance/suites/pptp/pac/ and pns/): every script below passes
// against the reference (also in the suite-wide selftests of pptp_sim_runner_test.cpp) and
// fails against a reference broken the way its check describes (the test-only switches of
// src/endpoints/pptp/pptp_faults.h, or a setting made wrong), at the line that decides it.
// One table row per script: proof that it cannot pass whatever the device does.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>

#include "conformance/engine/pptp_sim_runner.h"
#include "tests/unit/conformance/suite_scripts.h"

using namespace ts;
using namespace ts::conformance;
using namespace std::chrono_literals;
using endpoints::pptp::PptpRoleConfig;

namespace {

using Broken = FaultRow<PptpRoleConfig>;

Script load(const std::string& role, const std::string& name) {
  return load_suite_script("pptp/" + role, name, "pptp/" + role + "/" + name);
}

auto reserved0 = [](PptpRoleConfig& c) { c.faults.nonzero_reserved0 = true; };
auto error_code = [](PptpRoleConfig& c) { c.faults.nonzero_error_code = true; };
auto no_stop = [](PptpRoleConfig& c) { c.faults.ignore_types = {3}; };
auto early_calls = [](PptpRoleConfig& c) { c.faults.accept_before_established = true; };
auto patient = [](PptpRoleConfig& c) { c.control_reply_timeout = 120s; };
auto reused_ids = [](PptpRoleConfig& c) { c.faults.reuse_call_id = true; };
auto lingering = [](PptpRoleConfig& c) { c.faults.keep_call_after_clear = true; };
auto touchy = [](PptpRoleConfig& c) { c.faults.close_on_unknown_call = true; };
auto no_echo_timeout = [](PptpRoleConfig& c) { c.echo_reply_timeout = 200s; };
auto refusal_ignored = [](PptpRoleConfig& c) { c.faults.ignore_call_refusal = true; };
auto sccrp_ignored = [](PptpRoleConfig& c) { c.faults.ignore_sccrp_result = true; };
auto gre_flag = [](PptpRoleConfig& c) { c.faults.gre.reserved_bit_set = true; };
auto padded_acks = [](PptpRoleConfig& c) { c.faults.gre.ack_only_with_payload = true; };
auto duplicates = [](PptpRoleConfig& c) { c.faults.gre.deliver_duplicates = true; };
auto late_delivered = [](PptpRoleConfig& c) { c.faults.gre.deliver_late = true; };
auto any_call = [](PptpRoleConfig& c) { c.faults.accept_any_gre_call_id = true; };
auto any_header = [](PptpRoleConfig& c) { c.faults.accept_any_gre_header = true; };
auto in_order_acks = [](PptpRoleConfig& c) { c.faults.gre.ack_delivered_only = true; };
auto window_ignored = [](PptpRoleConfig& c) { c.faults.gre.ignore_window = true; };

const std::vector<Broken>& table() {
  static const std::vector<Broken> rows{
      // PAC: control connection (§1.4, §2.1-§2.6, §3.1)
      {"pac", "reserved_zero.pkt", reserved0, "< SCCRP"},
      {"pac", "sccrp_error_code_none.pkt", error_code, "< SCCRP"},
      {"pac", "echo_reply_error_code_none.pkt", error_code, "< ECHORP"},
      {"pac", "ocrp_error_code_none.pkt", error_code, "< OCRP"},
      {"pac", "stop_reason_stop_protocol.pkt", no_stop, "< StopCCRP"},
      {"pac", "stop_reason_local_shutdown.pkt", no_stop, "< StopCCRP"},
      {"pac", "stop_with_call.pkt", no_stop, "< StopCCRP"},
      {"pac", "ocrq_before_sccrq.pkt", early_calls, "!< OCRP"},
      {"pac", "no_sccrq_closes.pkt", patient, "< CLOSED"},
      {"pac", "maximum_channels_ignored.pkt", [](PptpRoleConfig& c) { c.faults.honour_pns_maximum_channels = true; },
       "< OCRP"},
      {"pac", "version_old_closes.pkt", [](PptpRoleConfig& c) { c.faults.keep_connection_on_refusal = true; },
       "< CLOSED"},
      {"pac", "version_later_answered.pkt", [](PptpRoleConfig& c) { c.protocol_version = 0x0101; }, "< SCCRP"},
      {"pac", "echo_unanswered_closes.pkt", no_echo_timeout, "< CLOSED"},
      // PAC: calls (§2.7-§2.16, §3.2)
      {"pac", "ocrq_call_ids_unique.pkt", reused_ids, "!< OCRP"},
      {"pac", "ccrq_no_data.pkt", lingering, "!< GRE"},
      {"pac", "sli_unknown_call_id.pkt", touchy, "> ECHORQ"},
      // PAC: data (§4)
      {"pac", "gre_reserved_bits.pkt", gre_flag, "< GRE"},
      {"pac", "gre_ack_only_empty.pkt", padded_acks, "< GRE"},
      {"pac", "gre_duplicate_discarded.pkt", duplicates, "!< GRE"},
      {"pac", "gre_out_of_order.pkt", late_delivered, "!< GRE"},
      {"pac", "gre_unknown_call_id.pkt", any_call, "!< GRE"},
      {"pac", "gre_bad_protocol_type.pkt", any_header, "!< GRE"},
      {"pac", "gre_ack_highest.pkt", in_order_acks, "ack=2"},
      {"pac", "gre_window_respected.pkt", window_ignored, "!< GRE"},
      // PNS: control connection
      {"pns", "reserved_zero.pkt", reserved0, "< SCCRQ"},
      {"pns", "sccrq_maximum_channels.pkt", [](PptpRoleConfig& c) { c.faults.pns_announces_channels = true; },
       "< SCCRQ"},
      {"pns", "sccrp_general_error.pkt", sccrp_ignored, "!< OCRQ"},
      {"pns", "sccrp_not_authorized.pkt", sccrp_ignored, "!< OCRQ"},
      {"pns", "icrq_before_sccrp.pkt", early_calls, "!< ICRP"},
      {"pns", "no_sccrp_closes.pkt", patient, "< CLOSED"},
      {"pns", "echo_unanswered_closes.pkt", no_echo_timeout, "< CLOSED"},
      {"pns", "icrp_error_code_none.pkt", error_code, "< ICRP"},
      {"pns", "echo_reply_error_code_none.pkt", error_code, "< ECHORP"},
      {"pns", "stop_with_call.pkt", no_stop, "< StopCCRP"},
      {"pns", "stop_reason_local_shutdown.pkt", no_stop, "< StopCCRP"},
      {"pns", "ocrq_reserved_zero.pkt", reserved0, "< OCRQ"},
      // PNS: calls
      {"pns", "icrq_call_ids_unique.pkt", reused_ids, "!< ICRP"},
      {"pns", "cdn_no_data.pkt", lingering, "!< GRE"},
      {"pns", "wen_unknown_call_id.pkt", touchy, "> ECHORQ"},
      {"pns", "ocrp_busy.pkt", refusal_ignored, "!< GRE"},
      {"pns", "ocrp_no_carrier.pkt", refusal_ignored, "!< GRE"},
      // PNS: data
      {"pns", "gre_reserved_bits.pkt", gre_flag, "< GRE"},
      {"pns", "gre_ack_only_empty.pkt", padded_acks, "< GRE"},
      {"pns", "gre_duplicate_discarded.pkt", duplicates, "!< GRE"},
      {"pns", "gre_out_of_order.pkt", late_delivered, "!< GRE"},
      {"pns", "gre_unknown_call_id.pkt", any_call, "!< GRE"},
      {"pns", "gre_bad_protocol_type.pkt", any_header, "!< GRE"},
      {"pns", "gre_ack_highest.pkt", in_order_acks, "ack=2"},
      {"pns", "gre_window_respected.pkt", window_ignored, "!< GRE"},
  };
  return rows;
}

}  // namespace

TEST_CASE("each PPTP depth script passes against the reference and fails against the broken one") {
  for (const auto& row : table())
    check_fault_row("pptp", row, PptpRoleConfig{},
                    [](const Script& s, const PptpRoleConfig& c) { return run_pptp_script_in_sim(s, c); });
}

TEST_CASE("the reference PNS's SCCRQ has Maximum Channels 0, a PAC's its own (RFC 2637 §2.1)") {
  // The PNS fix: Maximum Channels is the PAC's number of sessions; a PNS sends 0.
  const Verdict pns = run_pptp_script_in_sim(load("pns", "sccrq_maximum_channels.pkt"), PptpRoleConfig{});
  CHECK(pns.outcome == Outcome::pass);
  // A PAC answering keeps announcing its configured number.
  auto s = parse_script(
      "check pptp.ctrl.sccrq_answered\ndevice pptp.pac\n0 > SCCRQ\n+0~2 < SCCRP maximum_channels=64\n",
      "pac_channels.pkt");
  REQUIRE(s.ok());
  CHECK(run_pptp_script_in_sim(s.value(), PptpRoleConfig{}).outcome == Outcome::pass);
}
