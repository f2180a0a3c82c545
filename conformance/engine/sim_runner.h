#pragma once
// Runs one conformance script against a reference endpoint standing in for the device, in
// the deterministic simulator: the selftest every suite must pass before it is trusted
// against real gear, and the way to prove a check can fail (run it against a deliberately
// broken reference). Here: L2TP devices (device l2tp.lns or l2tp.lac), the script playing
// the other role through L2tpScriptPeer; PPTP devices: pptp_sim_runner.h. The stepping
// itself (timing, matching, directives) is shared: sim_script_run.h.
//
// Timing: a step's TIME counts from the script start (absolute) or from the previous step
// (relative; for an expectation, from when the matching message arrived). An expectation
// without a window has `default_window` after its time. Messages from the device that match
// no expectation (acknowledgements, retransmissions) are skipped, never failed on; each
// received message satisfies at most one expectation, in order.
// A reference LAC is given one incoming call at the start (its trigger, like a ringing line).
// Directives in simulation: wait, drop-next N [ack|zlb|control|data|any] (packets from the
// device). The others give an error verdict (not a fail).
#include <string>

#include "conformance/engine/script.h"
#include "conformance/engine/verdict.h"
#include "src/endpoints/l2tp/l2tp_config.h"
#include "src/runtime/sim/link_impairment.h"

namespace ts::conformance {

struct SimRunOptions {
  std::uint64_t seed = 1;
  sim::LinkImpairment link;                          // both directions
  Duration default_window = std::chrono::seconds(5);
  std::string secret;                                // the script side's L2TP secret
  Duration step = std::chrono::milliseconds(1);      // how finely expectations are polled
};

// `device` is the reference's configuration; its role must match the script's device.
Verdict run_l2tp_script_in_sim(const Script& script, endpoints::l2tp::L2tpConfig device,
                               const SimRunOptions& options = {});

}  // namespace ts::conformance
