#pragma once
// Runs one conformance script against a reference endpoint standing in for the device, in
// the deterministic simulator: the selftest every suite must pass before it is trusted
// against real gear, and the way to prove a check can fail (run it against a deliberately
// broken reference). Today: L2TP devices (device l2tp.lns or l2tp.lac), the script playing
// the other role through L2tpScriptPeer. The rules of a run are script_runner.h's.
// A reference LAC is given one incoming call at the start (its trigger, like a ringing line).
// A script with DATA steps gets a default PPP peer on each session (unless `device` brings its
// own link factory); other scripts run with sessions that carry nothing.
// Features: the reference claims `tunnel-auth`; a script requiring it runs with one secret on
// both sides (options.secret, else the device's, else "ts-selftest-secret"). A script
// requiring any other feature is inconclusive.
#include <string>

#include "conformance/engine/script.h"
#include "conformance/engine/script_runner.h"
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
  std::string pcap;                                  // write the run's frames here (empty: no;
                                                     // every protocol runner: with_recording)
};

// `device` is the reference's configuration; its role must match the script's device.
Verdict run_l2tp_script_in_sim(const Script& script, endpoints::l2tp::L2tpConfig device,
                               const SimRunOptions& options = {});

// For the protocol runners: the runner settings of a simulated run ($tunnel, $session
// preset to 4711 and 99), and an error verdict that never blames the device.
RunnerOptions runner_options(const SimRunOptions& options);
Verdict error_verdict(const Script& script, int line, std::string why);
// The run's frames written to options.pcap (when given) and named in the verdict's
// artefacts; a file that cannot be written makes the verdict an error.
class SimHarness;
Verdict with_recording(Verdict v, SimHarness& h, const SimRunOptions& options);

}  // namespace ts::conformance
