#pragma once
// Runs one conformance script against our reference PPTP endpoint standing in for the
// device (device pptp.pac: PptpPac; pptp.pns: PptpPns), in the deterministic simulator,
// the script playing the other role through PptpScriptPeer (pptp_script_peer.h). Timing
// and matching as in script_runner.h (SimHarness, sim_harness.h, runs it).
// The reference PNS is told to "open" at the start (its trigger, like a dial-up VPN client
// started by its user): it connects to the script side's TCP 1723 and sends SCCRQ; when the
// script expects an OCRQ from it, it is also told to place one outgoing call ("call") 1 s
// into the script, as a VPN client does once connected (`emulate pptp-pns` live does too). The
// reference PAC listens on TCP 1723. Unless the configuration brings its own link_factory,
// each call carries a default PPP peer (make_ppp_link_factory): once a call is up the device
// sends LCP Configure-Requests in GRE data packets (again every 3 s while unanswered), and
// acknowledges the script's GRE packets.
// drop-next KIND: gre, data or any: GRE packets from the device; TCP is never dropped.
// options.pcap: the run recorded (TCP and GRE), as a live run's, for --capture-dir tests.
#include "conformance/engine/script.h"
#include "conformance/engine/sim_runner.h"
#include "conformance/engine/verdict.h"
#include "src/endpoints/pptp/pptp_role_config.h"

namespace ts::conformance {

// `device` is the reference's configuration (faults included, pptp_faults.h); its peer and
// addresses are set here.
Verdict run_pptp_script_in_sim(const Script& script, endpoints::pptp::PptpRoleConfig device,
                               const SimRunOptions& options = {});

}  // namespace ts::conformance
