#include "src/runtime/sim/sim_link.h"

#include <algorithm>

namespace ts::sim {

SimLink::SimLink(NodeId a, NodeId b, const LinkImpairment& a_to_b, const LinkImpairment& b_to_a, std::uint64_t seed,
                 std::uint64_t index)
    : ends_{a, b},
      dirs_{Direction{a_to_b, SimRandom(SimRandom::derive(seed, 2 * index)), {}, {}, {}, {}},
            Direction{b_to_a, SimRandom(SimRandom::derive(seed, 2 * index + 1)), {}, {}, {}, {}}} {}

bool SimLink::match_rule(Direction& d, engine::ChannelKind kind, ByteView payload) {
  for (auto it = d.rules.begin(); it != d.rules.end(); ++it) {
    if (it->kind && *it->kind != kind) continue;
    if (it->match && !it->match(payload)) continue;
    if (--it->count == 0) d.rules.erase(it);
    return true;
  }
  return false;
}

Transit SimLink::transit(int dir, Instant now, std::size_t frame_bytes, engine::ChannelKind kind, ByteView payload) {
  Direction& d = dirs_.at(dir);
  const bool tcp = kind == engine::ChannelKind::tcp;
  ++d.stats.sent;
  d.stats.bytes += frame_bytes;
  Transit t;
  if (!tcp && match_rule(d, kind, payload)) {
    ++d.stats.dropped_by_rule;
    t.fate = Fate::dropped_by_rule;
    return t;
  }
  // Every draw is made for every packet, so outcomes never shift the stream.
  const bool lost = d.rng.chance(d.imp.loss);
  const bool dup = d.rng.chance(d.imp.duplicate);
  const bool reorder = d.rng.chance(d.imp.reorder);
  const Duration jitter = d.rng.up_to(d.imp.jitter);
  // Serialisation: the frame leaves when the previous one has left (rate 0: at once).
  Instant leave = std::max(now, d.busy_until);
  if (d.imp.rate_bps > 0) {
    // Frames are at most 64 KiB, so bits * 1e9 fits 64 bits.
    const std::uint64_t bit_ns = static_cast<std::uint64_t>(frame_bytes) * 8 * 1000000000ULL;
    leave += Duration{static_cast<std::int64_t>(bit_ns / d.imp.rate_bps)};
  }
  d.busy_until = leave;
  if (!tcp && lost) {
    ++d.stats.lost;
    t.fate = Fate::lost;
    return t;
  }
  Instant arrive = leave + d.imp.delay + jitter;
  if (tcp) {
    arrive = std::max(arrive, d.last_tcp_arrival);
    d.last_tcp_arrival = arrive;
    t.arrivals.push_back(arrive);
    ++d.stats.delivered;
    return t;
  }
  if (reorder) {
    arrive += d.imp.reorder_delay;
    t.reordered = true;
    ++d.stats.reordered;
  }
  t.arrivals.push_back(arrive);
  if (dup) {
    t.arrivals.push_back(arrive + d.imp.duplicate_gap);
    ++d.stats.duplicated;
  }
  d.stats.delivered += t.arrivals.size();
  return t;
}

}  // namespace ts::sim
