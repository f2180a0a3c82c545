// The L2TP suite depth (conformance/suites/l2tp/lns/ and lac/): every script below passes
// against the reference (also in the suite-wide selftests of sim_runner_test.cpp) and fails
// against a reference broken the way its check describes (the test-only switches of
// src/endpoints/l2tp/l2tp_faults.h, or an operator knob set wrongly), at the line that
// decides it. One table row per script: proof that it cannot pass whatever the device does.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>

#include "conformance/engine/sim_runner.h"
#include "tests/unit/conformance/lns_scripts.h"

using namespace ts;
using namespace ts::conformance;
using namespace std::chrono_literals;
using endpoints::l2tp::L2tpConfig;

namespace {

struct Broken {
  const char* role;    // suite: lns or lac
  const char* script;  // file name
  std::function<void(L2tpConfig&)> breaks;
  const char* marker;  // text of the line the failure must name
};

int line_of(const std::string& role, const std::string& name, const std::string& marker) {
  return l2tp_script_line_of(role, name, marker);
}

L2tpConfig reference(const std::string& role) {
  L2tpConfig c = reference_lns();
  if (role == "lac") c.role = endpoints::l2tp::L2tpRole::lac;
  return c;
}

// Attribute Types (RFC 2661 §4.4) left out by faults.omit_avp.
constexpr std::uint16_t kResultCode = 1, kHostName = 7, kAssignedTunnel = 9, kAssignedSession = 14,
                        kSerial = 15, kFramingType = 19, kTxSpeed = 24;

auto omit(std::uint16_t type) {
  return [type](L2tpConfig& c) { c.channel.faults.omit_avp = type; };
}
auto late_acks = [](L2tpConfig& c) { c.channel.ack_delay = 3s; };
auto improper_tolerated = [](L2tpConfig& c) { c.channel.faults.tolerate_improper_sequence = true; };
auto zero_ids = [](L2tpConfig& c) { c.channel.faults.accept_zero_ids = true; };
auto optional_fatal = [](L2tpConfig& c) { c.channel.faults.reject_unknown_optional = true; };
auto mandatory_ignored = [](L2tpConfig& c) { c.channel.faults.ignore_unknown_mandatory = true; };
auto missing_ignored = [](L2tpConfig& c) { c.channel.faults.ignore_missing_avps = true; };
auto stop_ignored = [](L2tpConfig& c) { c.channel.faults.keep_tunnel_after_stopccn = true; };
auto any_version = [](L2tpConfig& c) { c.channel.faults.accept_any_version = true; };
auto unknown_silent = [](L2tpConfig& c) { c.channel.faults.silent_on_unknown_session = true; };
auto never_gives_up = [](L2tpConfig& c) { c.channel.max_retransmissions = 100; };
auto window_ignored = [](L2tpConfig& c) { c.channel.faults.ignore_peer_window = true; };
auto malformed_counted = [](L2tpConfig& c) { c.channel.faults.malformed_takes_ns = true; };
auto slow_first_retransmission = [](L2tpConfig& c) { c.channel.initial_timeout = 2s; };
auto no_unhiding = [](L2tpConfig& c) { c.channel.faults.no_unhiding = true; };
auto data_discarded = [](L2tpConfig& c) { c.channel.faults.discard_data = true; };

const std::vector<Broken>& table() {
  static const std::vector<Broken> rows{
      // LNS: reliable delivery (§5.8)
      {"lns", "ns_starts_at_zero.pkt", [](L2tpConfig& c) { c.channel.faults.first_ns = 5; }, "< SCCRP ns=0"},
      {"lns", "nr_acknowledges.pkt", [](L2tpConfig& c) { c.channel.faults.nr_behind = true; }, "< ICRP"},
      {"lns", "ns_increments.pkt", [](L2tpConfig& c) { c.channel.faults.ns_not_incremented = true; }, "ns=1"},
      {"lns", "zlb_takes_no_slot.pkt", [](L2tpConfig& c) { c.channel.faults.zlb_takes_slot = true; }, "< ICRP"},
      {"lns", "zlb_ack.pkt", late_acks, "< ZLB nr=4"},
      {"lns", "retransmit_backoff_third.pkt", slow_first_retransmission, "+0.9~1.1"},
      {"lns", "retransmit_backoff_not_below_8s.pkt", [](L2tpConfig& c) { c.channel.faults.low_backoff_cap = true; },
       "!< SCCRP"},
      {"lns", "give_up.pkt", never_gives_up, "!< SCCRP"},
      {"lns", "window_respected.pkt", window_ignored, "!< ICRP"},
      // LNS: control connection (§3.1, §5.3, §5.5, §5.7, §7)
      {"lns", "tunnel_id_in_header.pkt", [](L2tpConfig& c) { c.channel.faults.header_tunnel_id_zero = true; },
       "< SCCRP"},
      {"lns", "hello_when_idle.pkt", [](L2tpConfig& c) { c.hello_interval = Duration{0}; }, "< HELLO"},
      {"lns", "stopccn_clears_tunnel.pkt", stop_ignored, "!< ICRP"},
      {"lns", "stopccn_retransmission_reacked.pkt", [](L2tpConfig& c) { c.stop_hold = 5s; }, "< ZLB tunnel_id"},
      {"lns", "protocol_version_refused.pkt", any_version, "< StopCCN"},
      {"lns", "stopccn_fields.pkt", omit(kAssignedTunnel), "< StopCCN"},
      {"lns", "sccrq_on_established_tunnel.pkt", improper_tolerated, "< StopCCN"},
      {"lns", "scccn_twice.pkt", improper_tolerated, "< StopCCN"},
      {"lns", "icrq_before_scccn.pkt", improper_tolerated, "< StopCCN"},
      {"lns", "sccrq_zero_tunnel_id.pkt", zero_ids, "!< SCCRP"},
      // LNS: header rules (§3.1, §7.1)
      {"lns", "unknown_version_discarded.pkt", [](L2tpConfig& c) { c.channel.faults.accept_unknown_version = true; },
       "!< ICRP"},
      {"lns", "l2f_version_discarded.pkt", [](L2tpConfig& c) { c.channel.faults.accept_unknown_version = true; },
       "!< ICRP"},
      {"lns", "length_past_datagram_discarded.pkt", malformed_counted, "< ICRP session_id"},
      {"lns", "sequence_bit_clear_discarded.pkt", malformed_counted, "< ICRP session_id"},
      {"lns", "offset_bit_set_discarded.pkt", malformed_counted, "< ICRP session_id"},
      {"lns", "reserved_bits_ignored.pkt", [](L2tpConfig& c) { c.channel.faults.reject_reserved_bits = true; },
       "< ICRP"},
      {"lns", "unknown_tunnel_id_ignored.pkt", [](L2tpConfig& c) { c.channel.faults.route_unknown_tunnel = true; },
       "!< ZLB"},
      // LNS: AVPs (§4.2, §6, §7.1)
      {"lns", "sccrq_optional_unknown.pkt", optional_fatal, "< SCCRP"},
      {"lns", "icrq_optional_unknown.pkt", optional_fatal, "< ICRP"},
      {"lns", "icrq_mandatory_unknown.pkt", mandatory_ignored, "< CDN"},
      {"lns", "iccn_mandatory_unknown.pkt", mandatory_ignored, "< CDN"},
      {"lns", "sccrq_missing_host_name.pkt", missing_ignored, "< StopCCN"},
      {"lns", "icrq_missing_serial.pkt", missing_ignored, "!< ICRP"},
      {"lns", "icrp_required_avps.pkt", omit(kAssignedSession), "< ICRP"},
      // LNS: sessions (§5.6, §6.12, §6.13, §7.4)
      {"lns", "unknown_session_refused.pkt", unknown_silent, "< CDN"},
      {"lns", "icrq_zero_session_id.pkt", zero_ids, "!< ICRP"},
      {"lns", "cdn_fields.pkt", omit(kResultCode), "< CDN"},
      {"lns", "cdn_acknowledged.pkt", late_acks, "< ZLB"},
      {"lns", "wen_accepted.pkt", late_acks, "< ZLB"},
      // LNS: hidden AVPs (§4.3) and the data channel (§5.4, §7.4.2)
      {"lns", "hidden_assigned_session.pkt", no_unhiding, "< ICRP"},
      {"lns", "hidden_challenge_response.pkt", no_unhiding, "!< StopCCN"},
      {"lns", "session_carries_data.pkt", data_discarded, "< DATA"},
      {"lns", "sequencing_required_honoured.pkt",
       [](L2tpConfig& c) { c.channel.faults.ignore_sequencing_required = true; }, "!< DATA"},
      // LAC
      {"lac", "sccrq_required_avps.pkt", omit(kHostName), "< SCCRQ"},
      {"lac", "icrq_required_avps.pkt", omit(kSerial), "< ICRQ"},
      {"lac", "iccn_required_avps.pkt", omit(kTxSpeed), "< ICCN"},
      {"lac", "ocrq_answered.pkt", [](L2tpConfig& c) { c.accept_calls = false; }, "< OCRP"},
      {"lac", "ocrp_required_avps.pkt", omit(kAssignedSession), "< OCRP"},
      {"lac", "occn_required_avps.pkt", omit(kFramingType), "< OCCN"},
      {"lac", "cdn_acknowledged.pkt", late_acks, "< ZLB"},
      {"lac", "stopccn_acknowledged.pkt", late_acks, "< ZLB"},
      {"lac", "hello_acknowledged.pkt", late_acks, "< ZLB"},
      {"lac", "sli_accepted.pkt", late_acks, "< ZLB"},
      {"lac", "duplicate_icrp_not_processed.pkt", [](L2tpConfig& c) { c.channel.faults.process_duplicates = true; },
       "!< CDN"},
      {"lac", "duplicate_icrp_acknowledged.pkt", [](L2tpConfig& c) { c.channel.faults.process_duplicates = true; },
       "< ZLB"},
      {"lac", "sccrq_backoff_second.pkt", slow_first_retransmission, "+0.9~1.1"},
      {"lac", "give_up.pkt", never_gives_up, "!< SCCRQ"},
      {"lac", "window_respected.pkt", window_ignored, "!< ICRQ"},
      {"lac", "ns_increments.pkt", [](L2tpConfig& c) { c.channel.faults.first_ns = 1; }, "< SCCRQ"},
      {"lac", "nr_acknowledges.pkt", [](L2tpConfig& c) { c.channel.faults.nr_behind = true; }, "< SCCCN"},
      {"lac", "sccrp_mandatory_unknown.pkt", mandatory_ignored, "< StopCCN"},
      {"lac", "sccrp_version_refused.pkt", any_version, "< StopCCN"},
      {"lac", "sccrp_optional_unknown.pkt", optional_fatal, "< SCCCN"},
      {"lac", "sccrp_zero_tunnel_id.pkt", zero_ids, "!< SCCCN"},
      {"lac", "sccrp_missing_host_name.pkt", missing_ignored, "< StopCCN"},
      {"lac", "icrp_unknown_session.pkt", unknown_silent, "< CDN"},
      {"lac", "icrp_mandatory_unknown.pkt", omit(kResultCode), "< CDN"},
      {"lac", "ocrq_mandatory_unknown.pkt", mandatory_ignored, "< CDN"},
      {"lac", "stopccn_clears_tunnel.pkt", stop_ignored, "!< OCRP"},
      {"lac", "sccrp_twice.pkt", improper_tolerated, "< StopCCN"},
      {"lac", "unknown_version_discarded.pkt", [](L2tpConfig& c) { c.channel.faults.accept_unknown_version = true; },
       "!< ZLB"},
      {"lac", "reserved_bits_ignored.pkt", [](L2tpConfig& c) { c.channel.faults.reject_reserved_bits = true; },
       "< ZLB"},
      {"lac", "hidden_assigned_session.pkt", no_unhiding, "< ICCN"},
      {"lac", "session_carries_data.pkt", data_discarded, "< DATA"},
      {"lac", "data_sequencing_follows_lns.pkt", [](L2tpConfig& c) { c.channel.faults.lac_sequencing_fixed = true; },
       "< DATA"},
      {"lac", "data_sequencing_stops_with_lns.pkt",
       [](L2tpConfig& c) { c.channel.faults.lac_sequencing_sticky = true; }, "sequenced=no"},
  };
  return rows;
}

}  // namespace

TEST_CASE("each L2TP depth script passes against the reference and fails against the broken one") {
  for (const auto& row : table()) {
    const Script s = load_l2tp_script(row.role, row.script);
    const Verdict ok = run_l2tp_script_in_sim(s, reference(row.role));
    CAPTURE(row.role, row.script, ok.line, ok.reason);
    CHECK(ok.outcome == Outcome::pass);
    L2tpConfig broken = reference(row.role);
    row.breaks(broken);
    const Verdict v = run_l2tp_script_in_sim(s, broken);
    CAPTURE(v.line, v.reason);
    CHECK(v.outcome == Outcome::fail);
    CHECK(v.line == line_of(row.role, row.script, row.marker));
  }
}

TEST_CASE("tunnel authentication depth: a missing or wrongly coded refusal fails (RFC 2661 §5.1.1, §4.4.2)") {
  // A device that does not challenge accepts any SCCCN: no StopCCN comes.
  auto trusting = reference("lns");
  trusting.authenticate_peer = false;
  for (const char* name : {"tunnel_auth_missing_response.pkt", "tunnel_auth_refusal_result.pkt"}) {
    const Verdict v = run_l2tp_script_in_sim(load_l2tp_script("lns", name), trusting);
    CAPTURE(name, v.reason);
    CHECK(v.outcome == Outcome::fail);
  }
  // One that refuses with another Result Code fails the result-code line only.
  auto other_code = reference("lns");
  other_code.channel.faults.stop_result_override = 2;
  CHECK(run_l2tp_script_in_sim(load_l2tp_script("lns", "tunnel_auth_missing_response.pkt"), other_code).outcome ==
        Outcome::pass);
  Verdict v = run_l2tp_script_in_sim(load_l2tp_script("lns", "tunnel_auth_refusal_result.pkt"), other_code);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.reason.find("result=4") != std::string::npos);
  auto lac = reference("lac");
  lac.channel.faults.stop_result_override = 2;
  v = run_l2tp_script_in_sim(load_l2tp_script("lac", "tunnel_auth_wrong_response.pkt"), lac);
  CHECK(v.outcome == Outcome::fail);
  CHECK(v.line == line_of("lac", "tunnel_auth_wrong_response.pkt", "< StopCCN"));
}

TEST_CASE("!omit= leaves AVPs out on purpose; a key the message does not carry is a script error") {
  auto s = load_l2tp_script("lns", "sccrq_missing_host_name.pkt");
  s.steps[0].fields.back().value.text = "no_such_avp";
  const Verdict v = run_l2tp_script_in_sim(s, reference("lns"));
  CHECK(v.outcome == Outcome::error);
  CHECK(v.reason.find("omit: SCCRQ has no field 'no_such_avp'") != std::string::npos);
}
