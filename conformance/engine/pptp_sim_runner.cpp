#include "conformance/engine/pptp_sim_runner.h"

#include "conformance/engine/pptp_script_check.h"
#include "conformance/engine/pptp_script_peer.h"
#include "conformance/engine/sim_harness.h"
#include "src/endpoints/ppp/ppp_link_factory.h"
#include "src/endpoints/pptp/pptp_pac.h"
#include "src/endpoints/pptp/pptp_pns.h"
#include "src/runtime/sim/simulator.h"

namespace ts::conformance {

namespace {

// When the reference PNS places its outgoing call, as a VPN client does once its control
// connection is up (pptp-linux: 1 s after the SCCRP).
constexpr Duration kOutgoingCallAfter = std::chrono::seconds(1);

bool expects_outgoing_call(const Script& script) {
  for (const auto& st : script.steps)
    if ((st.kind == StepKind::expect || st.kind == StepKind::expect_none) && st.name == "OCRQ") return true;
  return false;
}

}  // namespace

Verdict run_pptp_script_in_sim(const Script& script, endpoints::pptp::PptpRoleConfig device,
                               const SimRunOptions& options) {
  const bool pac = script.device == "pptp.pac";
  if (!pac && script.device != "pptp.pns") {
    return error_verdict(script, 0, "this runner drives PPTP devices, not " + script.device);
  }
  if (const auto problem = pptp_script_problem(script))
    return error_verdict(script, problem->first, problem->second);
  // Node addresses 10.0.0.1 (dut) and 10.0.0.2 (tester), in add_node() order.
  device.peer = "tester";
  device.own_address = 0x0a000001;
  device.peer_address = 0x0a000002;
  device.connects = !pac;
  // A PPP peer on each call, as a real PAC/PNS has: its frames (LCP Configure-Requests,
  // RFC 1661 §5.1) make the device send GRE data packets the scripts can watch.
  if (!device.link_factory) device.link_factory = endpoints::ppp::make_ppp_link_factory(endpoints::ppp::PppConfig{});
  std::unique_ptr<engine::Endpoint> dut;
  if (pac)
    dut = std::make_unique<endpoints::pptp::PptpPac>(std::move(device));
  else
    dut = std::make_unique<endpoints::pptp::PptpPns>(std::move(device));
  // drop-next acts on GRE only: the TCP control connection is never dropped.
  SimHarness h(options.seed, std::move(dut), std::make_unique<PptpScriptPeer>("dut", /*connects=*/pac), options.link);
  h.sim().listen(pac ? h.dut() : h.tester(), engine::ChannelKind::tcp, 1723);
  if (!pac) h.sim().schedule_command(h.dut(), h.sim().start(), engine::Command{"open", {}});
  // A script that expects the PNS's own Outgoing-Call-Request (or that none comes): it
  // places one call 1 s in.
  if (!pac && expects_outgoing_call(script))
    h.sim().schedule_command(h.dut(), h.sim().start() + kOutgoingCallAfter, engine::Command{"call", {}});
  return with_recording(run_script(script, h, runner_options(options)), h, options);
}

}  // namespace ts::conformance
