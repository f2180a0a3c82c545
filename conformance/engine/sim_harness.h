#pragma once
// SimHarness: the ScriptHarness of the deterministic simulator: our reference endpoint as
// the device ("dut") and the protocol's ScriptPeer ("tester") on one link with the run's
// impairments. `drop-next`, `delay-next`, `duplicate-next` and `reorder-next` act in an
// ImpairmentFilter in front of the peer, as live runs do (the peer decides which channels may
// be impaired: PPTP never TCP); the simulator runs the filter's deadlines with the peer's.
// The protocol runners (sim_runner.h, pptp_sim_runner.h) build it, add the
// listeners and triggers their device needs through sim(), and run the script with
// run_script() (script_runner.h).
#include <memory>

#include "conformance/engine/impairment_filter.h"
#include "conformance/engine/script_harness.h"
#include "src/runtime/sim/simulator.h"

namespace ts::conformance {

class SimHarness : public ScriptHarness {
 public:
  SimHarness(std::uint64_t seed, std::unique_ptr<engine::Endpoint> device, std::unique_ptr<ScriptPeer> peer,
             const sim::LinkImpairment& link);

  Instant start() const override { return sim_.start(); }
  Instant now() const override { return sim_.now(); }
  bool run_until(Instant until) override {
    sim_.run_until(until);
    return true;
  }
  void command(Instant at, engine::Command command) override { sim_.schedule_command(tester_, at, std::move(command)); }
  void impair_next(const Impairment& rule) override { filter_->impair_next(rule); }
  ScriptPeer& peer() override { return *peer_; }

  sim::Simulator& sim() { return sim_; }
  sim::NodeId dut() const { return dut_; }
  sim::NodeId tester() const { return tester_; }

 private:
  sim::Simulator sim_;
  ScriptPeer* peer_ = nullptr;
  ImpairmentFilter* filter_ = nullptr;  // the tester node's endpoint, owning the peer
  sim::NodeId dut_ = 0, tester_ = 0;
};

}  // namespace ts::conformance
