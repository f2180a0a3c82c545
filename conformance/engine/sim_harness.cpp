#include "conformance/engine/sim_harness.h"

namespace ts::conformance {

SimHarness::SimHarness(std::uint64_t seed, std::unique_ptr<engine::Endpoint> device, std::unique_ptr<ScriptPeer> peer,
                       const sim::LinkImpairment& link)
    : sim_(sim::SimOptions{seed}), peer_(peer.get()) {
  auto filter = std::make_unique<ImpairmentFilter>(std::move(peer));
  filter_ = filter.get();
  dut_ = sim_.add_node("dut", std::move(device));
  tester_ = sim_.add_node("tester", std::move(filter));
  sim_.connect(dut_, tester_, link);
}

}  // namespace ts::conformance
