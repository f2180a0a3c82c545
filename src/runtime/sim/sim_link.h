#pragma once
// SimLink: a point-to-point link between two nodes, with an impairment, one-shot drop rules,
// counters and its own random streams per direction (LinkImpairment states what happens to
// each packet). transit() decides a packet's fate and arrival time(s); the Simulator
// schedules the deliveries. Direction 0 is a -> b, direction 1 is b -> a.
#include <array>
#include <cstdint>
#include <deque>
#include <vector>

#include "src/runtime/sim/link_impairment.h"
#include "src/runtime/sim/sim_random.h"
#include "src/runtime/sim/trace_record.h"

namespace ts::sim {

enum class Fate : std::uint8_t { delivered, lost, dropped_by_rule };

struct Transit {
  Fate fate = Fate::delivered;
  std::vector<Instant> arrivals;  // one, or two when duplicated; empty when not delivered
  bool reordered = false;
};

class SimLink {
 public:
  // Random streams are derived from `seed` and `index` (the link's creation order).
  SimLink(NodeId a, NodeId b, const LinkImpairment& a_to_b, const LinkImpairment& b_to_a, std::uint64_t seed,
          std::uint64_t index);

  NodeId a() const { return ends_[0]; }
  NodeId b() const { return ends_[1]; }
  // The direction of packets sent by `from` (0 when from == a, else 1).
  int direction_from(NodeId from) const { return from == ends_[0] ? 0 : 1; }

  void set_impairment(int dir, const LinkImpairment& imp) { dirs_.at(dir).imp = imp; }
  const LinkImpairment& impairment(int dir) const { return dirs_.at(dir).imp; }
  void add_drop_rule(int dir, DropRule rule) { dirs_.at(dir).rules.push_back(std::move(rule)); }
  const LinkStats& stats(int dir) const { return dirs_.at(dir).stats; }

  // The fate of one packet of `frame_bytes` Ethernet bytes sent at `now` in direction `dir`.
  // `payload` is what drop rules match on. TCP (`kind == tcp`) is never lost, duplicated or
  // reordered, and never arrives before an earlier TCP packet of the same direction.
  Transit transit(int dir, Instant now, std::size_t frame_bytes, engine::ChannelKind kind, ByteView payload);

 private:
  struct Direction {
    LinkImpairment imp;
    SimRandom rng;
    std::deque<DropRule> rules;
    LinkStats stats;
    Instant busy_until{};        // end of the last serialisation (rate limiting)
    Instant last_tcp_arrival{};  // in-order delivery of the TCP model
  };
  bool match_rule(Direction& d, engine::ChannelKind kind, ByteView payload);

  std::array<NodeId, 2> ends_;
  std::array<Direction, 2> dirs_;
};

}  // namespace ts::sim
