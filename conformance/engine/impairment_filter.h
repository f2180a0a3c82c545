#pragma once
// ImpairmentFilter: an engine::Endpoint in front of a ScriptPeer that impairs the packets
// from the device on purpose, for the directives drop-next, delay-next, duplicate-next and
// reorder-next (docs/conformance-scripts.md). One filter serves all three harnesses (the
// simulator's tester node, the live driver, the replay of a recording), so an impairment
// means the same everywhere and a recording judged again replays it deterministically.
//
// The wire and the peer are kept apart. Expectations judge the wire: every packet from the
// device goes into the peer's received() once, at the time the device sent it, in the order
// it sent them (ScriptPeer::record_impaired marks an impaired one with lost=yes,
// delayed=yes, duplicated=yes or reordered=yes). The peer's protocol (acknowledgements,
// answers) sees the impaired delivery: nothing (lost), later (delayed, reordered) or twice
// (duplicated), through ScriptPeer::process_unrecorded, so no copy is counted twice.
//
// Rules apply in the order given: a packet is judged against the first rule still counting
// only; a packet not of that rule's KIND (ScriptPeer::packet_is) passes untouched. Only the
// channels the peer calls droppable() are impaired (PPTP: GRE, never the TCP stream).
//  - drop N: the packet never reaches the peer.
//  - delay N D: it reaches the peer D after it arrived. Delayed packets are released in
//    the order of their due times (arrival order at equal times).
//  - duplicate N: it reaches the peer twice at once (the second copy right after the first).
//  - reorder N: it is held until the next packet from the device that reaches the peer at
//    once (of any kind, on an impaired channel; a packet lost, delayed or itself held does
//    not count) and is delivered right after that packet: the two swap places. Packets held
//    together keep their order among themselves. If no such packet arrives within
//    kReorderHoldLimit of a packet being held, it is delivered then, late.
//
// Sans-I/O: the filter never reads a clock. Held packets are released at next_deadline()
// by on_deadline(now), which also runs the peer's own timers when they are due (the
// simulator and the live driver call them); a harness that does not run the peer's timers
// (the capture harness) calls next_release() and release_due() instead.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "conformance/engine/script_peer.h"

namespace ts::conformance {

enum class ImpairmentKind : std::uint8_t { drop, delay, duplicate, reorder };

struct Impairment {
  ImpairmentKind what = ImpairmentKind::drop;
  std::size_t count = 0;     // packets of `kind` still to impair; 0 = the rule does nothing
  std::string kind = "any";  // ScriptPeer::packet_kinds()
  Duration delay{0};         // delay only
};

struct ImpairmentCounts {
  std::size_t dropped = 0, delayed = 0, duplicated = 0, reordered = 0;
};

class ImpairmentFilter : public engine::Endpoint {
 public:
  // How long a reordered packet waits for a packet to overtake it.
  static constexpr Duration kReorderHoldLimit = std::chrono::seconds(1);

  explicit ImpairmentFilter(ScriptPeer& inner) : inner_(inner) {}
  // Owning the peer (a simulator node owns its endpoint).
  explicit ImpairmentFilter(std::unique_ptr<ScriptPeer> owned) : inner_(*owned), owned_(std::move(owned)) {}

  // Adds a rule after the ones given before.
  void impair_next(const Impairment& rule);
  void drop_next(std::size_t count, const std::string& kind) {
    impair_next(Impairment{ImpairmentKind::drop, count, kind, {}});
  }
  const ImpairmentCounts& counts() const { return counts_; }
  std::size_t dropped() const { return counts_.dropped; }
  // Packets taken from the device and not yet delivered to the peer.
  std::size_t held() const { return held_.size(); }

  engine::Actions handle(Instant now, const engine::Input& input) override;
  engine::Actions on_deadline(Instant now) override;
  std::optional<Instant> next_deadline() const override;

  // The earliest time a held packet is due (delayed, or reordered and waited for too long).
  std::optional<Instant> next_release() const;
  // Delivers the held packets due at `now`, in due-time order, to the peer.
  engine::Actions release_due(Instant now);

 private:
  struct Held {
    Instant due;
    engine::Received packet;
    bool awaits_overtaker = false;  // reordered: released early by the next packet delivered
  };
  void deliver_held(Instant now, std::size_t index, engine::Actions& out);
  void release_overtaken(Instant now, engine::Actions& out);

  ScriptPeer& inner_;
  std::unique_ptr<ScriptPeer> owned_;
  std::deque<Impairment> rules_;
  std::vector<Held> held_;  // in arrival order
  ImpairmentCounts counts_;
};

}  // namespace ts::conformance
