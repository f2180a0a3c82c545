#pragma once
// DropFilter: an engine::Endpoint in front of a ScriptPeer that loses packets from the
// device on purpose, for `drop-next N KIND` on a live run (the simulator drops on its link
// instead). The device sees the same thing as a lost packet: no answer, no acknowledgement.
// The recording still shows the packet (it was on the wire), and so do the expectations:
// the peer records it as lost (ScriptPeer::record_lost) without processing it; dropped()
// counts them. The simulator uses the same filter, so lost packets behave alike everywhere. Judging
// that recording again (capture_harness.h) drops the same packets with the same filter.
#include <cstddef>
#include <deque>
#include <memory>
#include <string>

#include "conformance/engine/script_peer.h"

namespace ts::conformance {

class DropFilter : public engine::Endpoint {
 public:
  explicit DropFilter(ScriptPeer& inner) : inner_(inner) {}
  // Owning the peer (a simulator node owns its endpoint).
  explicit DropFilter(std::unique_ptr<ScriptPeer> owned) : inner_(*owned), owned_(std::move(owned)) {}
  // The next `count` packets of `kind` (ScriptPeer::packet_is) are lost.
  void drop_next(std::size_t count, const std::string& kind);
  std::size_t dropped() const { return dropped_; }

  engine::Actions handle(Instant now, const engine::Input& input) override;
  engine::Actions on_deadline(Instant now) override { return inner_.on_deadline(now); }
  std::optional<Instant> next_deadline() const override { return inner_.next_deadline(); }

 private:
  struct Rule {
    std::size_t count;
    std::string kind;
  };
  ScriptPeer& inner_;
  std::unique_ptr<ScriptPeer> owned_;
  std::deque<Rule> rules_;
  std::size_t dropped_ = 0;
};

}  // namespace ts::conformance
