#pragma once
// Runs one ppp.authenticator script with its PPP carried in an L2TP session, in the
// deterministic simulator: the device is our reference LNS (port 1701 of node "dut") whose
// sessions carry the reference PPP authenticator (ppp_reference_config("ppp.authenticator"),
// with `faults`), the script side is PppL2tpScriptPeer (our reference LAC placing one
// incoming call at the start, the script's PPP in that session). The same path as a live
// run with `ppp-transport = l2tp` (docs/device-profiles.md), without a real LNS, so that the
// transport is proven by the suite passing over it as it does over the serial line
// (ppp_sim_runner.h). Script time 0 is the start of the run: the tunnel and session come up
// within the first simulated milliseconds; sends before that wait for the session.
// ppp.peer scripts and any other device give an error verdict.
// options.pcap: the run recorded (the L2TP datagrams), as a live run's.
#include "conformance/engine/script.h"
#include "conformance/engine/sim_runner.h"
#include "conformance/engine/verdict.h"
#include "src/endpoints/ppp/ppp_faults.h"

namespace ts::conformance {

Verdict run_ppp_script_over_l2tp_in_sim(const Script& script, const endpoints::ppp::PppFaults& faults = {},
                                        const SimRunOptions& options = {});

}  // namespace ts::conformance
