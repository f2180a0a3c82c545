#include "conformance/engine/sim_harness.h"

namespace ts::conformance {

SimHarness::SimHarness(std::uint64_t seed, std::unique_ptr<engine::Endpoint> device, std::unique_ptr<ScriptPeer> peer,
                       const sim::LinkImpairment& link, engine::ChannelKind droppable)
    : sim_(sim::SimOptions{seed}), peer_(peer.get()), droppable_(droppable) {
  dut_ = sim_.add_node("dut", std::move(device));
  tester_ = sim_.add_node("tester", std::move(peer));
  sim_.connect(dut_, tester_, link);
}

void SimHarness::drop_next(std::size_t count, const std::string& kind) {
  sim::DropRule rule;
  rule.count = count;
  rule.kind = droppable_;
  rule.match = [this, kind](ByteView p) { return peer_->packet_is(p, kind); };
  sim_.drop_next(dut_, tester_, rule);
}

}  // namespace ts::conformance
