#include "conformance/engine/sim_runner.h"

#include <fmt/format.h>

#include "conformance/engine/l2tp_script_peer.h"
#include "conformance/engine/sim_script_run.h"
#include "dissectors/l2tp/message.h"
#include "src/endpoints/l2tp/l2tp_endpoint.h"
#include "src/runtime/sim/simulator.h"

namespace ts::conformance {

namespace {

// The L2TP class of a UDP payload, for drop-next KIND, as the codec sees it.
bool of_kind(ByteView p, const std::string& kind) {
  if (kind.empty() || kind == "any") return true;
  const auto d = l2tp::decode(p);
  if (!d.complete) return false;
  if (kind == "data") return !d.value.is_control();
  if (kind == "control") return d.value.is_control() && !d.value.zlb;
  if (kind == "ack" || kind == "zlb") return d.value.zlb;
  return false;
}

// The L2TP device and its script peer in a simulator; the steps run in sim_script_run.h.
Verdict run_l2tp(const Script& s, endpoints::l2tp::L2tpConfig device, const SimRunOptions& o) {
  if (s.device != "l2tp.lns" && s.device != "l2tp.lac")
    return Verdict{s.file, s.checks, Outcome::error, 0, "this runner drives L2TP devices, not " + s.device, 0};
  sim::Simulator sim(sim::SimOptions{o.seed});
  device.role = s.device == "l2tp.lac" ? endpoints::l2tp::L2tpRole::lac : endpoints::l2tp::L2tpRole::lns;
  auto tester = std::make_unique<L2tpScriptPeer>("dut:1701", o.secret);
  const L2tpScriptPeer* peer = tester.get();
  SimScriptSide side;
  side.dut = sim.add_node("dut", std::make_unique<endpoints::l2tp::L2tpEndpoint>(std::move(device)));
  side.tester = sim.add_node("tester", std::move(tester));
  sim.connect(side.dut, side.tester, o.link);
  sim.listen(side.dut, engine::ChannelKind::udp, 1701);
  sim.listen(side.tester, engine::ChannelKind::udp, 1701);
  side.received = &peer->received();
  side.errors = &peer->errors();
  side.drop_rule = [](const std::string& kind) -> std::optional<sim::DropRule> {
    if (kind != "any" && kind != "ack" && kind != "zlb" && kind != "control" && kind != "data") return std::nullopt;
    sim::DropRule rule;
    rule.kind = engine::ChannelKind::udp;
    rule.match = [kind](ByteView p) { return of_kind(p, kind); };
    return rule;
  };
  side.drop_kinds = "any, ack, zlb, control or data";
  // An LAC acts when a call comes in: in selftest the reference LAC gets one at the start,
  // as a real LAC would when its line rings (a live device is triggered by its profile).
  if (s.device == "l2tp.lac")
    sim.schedule_command(side.dut, sim.start(), engine::Command{"call", {{"peer", "tester"}, {"called", "5551000"}}});
  return run_script_steps(s, sim, side, o);
}

}  // namespace

Verdict run_l2tp_script_in_sim(const Script& script, endpoints::l2tp::L2tpConfig device,
                               const SimRunOptions& options) {
  return run_l2tp(script, std::move(device), options);
}

}  // namespace ts::conformance
