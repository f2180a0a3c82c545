#include "conformance/engine/pptp_sim_runner.h"

#include "conformance/engine/pptp_script_check.h"
#include "conformance/engine/pptp_script_peer.h"
#include "conformance/engine/sim_script_run.h"
#include "src/endpoints/ppp/ppp_link_factory.h"
#include "src/endpoints/pptp/pptp_pac.h"
#include "src/endpoints/pptp/pptp_pns.h"
#include "src/runtime/sim/simulator.h"

namespace ts::conformance {

Verdict run_pptp_script_in_sim(const Script& script, endpoints::pptp::PptpRoleConfig device,
                               const SimRunOptions& options) {
  const bool pac = script.device == "pptp.pac";
  if (!pac && script.device != "pptp.pns") {
    return Verdict{script.file, script.checks, Outcome::error, 0, "this runner drives PPTP devices, not " + script.device, 0};
  }
  if (const auto problem = pptp_script_problem(script))
    return Verdict{script.file, script.checks, Outcome::error, problem->first, problem->second, 0};
  sim::Simulator sim(sim::SimOptions{options.seed});
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
  auto tester = std::make_unique<PptpScriptPeer>("dut", /*connects=*/pac);
  const PptpScriptPeer* peer = tester.get();
  SimScriptSide side;
  side.dut = sim.add_node("dut", std::move(dut));
  side.tester = sim.add_node("tester", std::move(tester));
  sim.connect(side.dut, side.tester, options.link);
  sim.listen(pac ? side.dut : side.tester, engine::ChannelKind::tcp, 1723);
  side.received = &peer->received();
  side.errors = &peer->errors();
  side.drop_rule = [](const std::string& kind) -> std::optional<sim::DropRule> {
    if (kind != "any" && kind != "gre" && kind != "data") return std::nullopt;
    sim::DropRule rule;
    rule.kind = engine::ChannelKind::gre;
    rule.match = [](ByteView) { return true; };
    return rule;
  };
  side.drop_kinds = "gre, data or any (GRE packets; TCP is never dropped)";
  if (!pac) sim.schedule_command(side.dut, sim.start(), engine::Command{"open", {}});
  return run_script_steps(script, sim, side, options);
}

}  // namespace ts::conformance
