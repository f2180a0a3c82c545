#include "conformance/engine/sim_runner.h"

#include "conformance/engine/l2tp_script_peer.h"
#include "conformance/engine/script_runner.h"
#include "src/endpoints/l2tp/l2tp_endpoint.h"
#include "src/runtime/sim/simulator.h"

namespace ts::conformance {

namespace {

// The simulator with our reference L2TP endpoint as the device ("dut") and the script peer
// ("tester") on one impaired link.
class SimHarness : public ScriptHarness {
 public:
  SimHarness(const std::string& device_role, endpoints::l2tp::L2tpConfig device, const SimRunOptions& o)
      : sim_(sim::SimOptions{o.seed}) {
    device.role = device_role == "l2tp.lac" ? endpoints::l2tp::L2tpRole::lac : endpoints::l2tp::L2tpRole::lns;
    auto tester = std::make_unique<L2tpScriptPeer>("dut:1701", o.secret);
    peer_ = tester.get();
    dut_ = sim_.add_node("dut", std::make_unique<endpoints::l2tp::L2tpEndpoint>(std::move(device)));
    tester_ = sim_.add_node("tester", std::move(tester));
    sim_.connect(dut_, tester_, o.link);
    sim_.listen(dut_, engine::ChannelKind::udp, 1701);
    sim_.listen(tester_, engine::ChannelKind::udp, 1701);
    // An LAC acts when a call comes in: in selftest the reference LAC gets one at the
    // start, as a real LAC would when its line rings (a live device is triggered by its
    // profile).
    if (device_role == "l2tp.lac")
      sim_.schedule_command(dut_, sim_.start(), engine::Command{"call", {{"peer", "tester"}, {"called", "5551000"}}});
  }

  Instant start() const override { return sim_.start(); }
  Instant now() const override { return sim_.now(); }
  bool run_until(Instant until) override {
    sim_.run_until(until);
    return true;
  }
  void command(Instant at, engine::Command command) override {
    sim_.schedule_command(tester_, at, std::move(command));
  }
  void drop_next(std::size_t count, const std::string& kind) override {
    sim::DropRule rule;
    rule.count = count;
    rule.kind = engine::ChannelKind::udp;
    rule.match = [this, kind](ByteView p) { return peer_->packet_is(p, kind); };
    sim_.drop_next(dut_, tester_, rule);
  }
  ScriptPeer& peer() override { return *peer_; }

 private:
  sim::Simulator sim_;
  L2tpScriptPeer* peer_ = nullptr;
  sim::NodeId dut_ = 0, tester_ = 0;
};

}  // namespace

Verdict run_l2tp_script_in_sim(const Script& script, endpoints::l2tp::L2tpConfig device,
                               const SimRunOptions& options) {
  if (script.device != "l2tp.lns" && script.device != "l2tp.lac") {
    Verdict v;
    v.script = script.file;
    v.checks = script.checks;
    v.outcome = Outcome::error;
    v.reason = "this runner drives L2TP devices, not " + script.device;
    return v;
  }
  SimHarness harness(script.device, std::move(device), options);
  RunnerOptions ro;
  ro.default_window = options.default_window;
  ro.poll = options.step;
  ro.preset = {{"tunnel", "4711"}, {"session", "99"}};
  return run_script(script, harness, ro);
}

}  // namespace ts::conformance
