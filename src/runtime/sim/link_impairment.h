#pragma once
// What a simulated link does to the packets crossing it in one direction, and the one-shot
// rules conformance scripts use ("drop the next N packets"). Plain data; SimLink applies it.
//
// Contract (per packet, in this order, every random draw made whether or not it is used so
// the random stream stays aligned): a matching DropRule drops it (no random draw consumed);
// else it is lost with probability `loss`; else it arrives after serialisation (`rate_bps`,
// 0 = unlimited, packets queue behind each other), `delay` and a uniform extra delay in
// [0, jitter]; with probability `reorder` it is held back a further `reorder_delay` (so a
// later packet overtakes it); with probability `duplicate` a second copy arrives
// `duplicate_gap` after the first. Loss, duplication and reordering apply to datagrams (UDP,
// GRE) only: the TCP model is a reliable in-order byte stream, so TCP segments only see
// rate, delay and jitter (never overtaking an earlier segment of the same direction).
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "src/core/bytes.h"
#include "src/core/time.h"
#include "src/engine/endpoint.h"

namespace ts::sim {

struct LinkImpairment {
  Duration delay{std::chrono::milliseconds(1)};
  Duration jitter{0};
  double loss = 0.0;           // probability in [0, 1]
  double duplicate = 0.0;      // probability in [0, 1]
  double reorder = 0.0;        // probability in [0, 1]
  std::uint64_t rate_bps = 0;  // 0: unlimited
  Duration reorder_delay{std::chrono::milliseconds(5)};
  Duration duplicate_gap{std::chrono::microseconds(10)};
};

// Drops the next `count` datagrams of one direction that match `kind` (any datagram kind
// when unset) and `match` (applied to the transport payload: the UDP payload or the GRE
// packet; any when empty). Rules are consulted oldest first; a used-up rule is removed.
struct DropRule {
  std::size_t count = 1;
  std::optional<engine::ChannelKind> kind;
  std::function<bool(ByteView payload)> match;
};

// Counters of one direction of a link.
struct LinkStats {
  std::uint64_t sent = 0;       // packets handed to the link
  std::uint64_t delivered = 0;  // copies that reached the far node (duplicates included)
  std::uint64_t lost = 0;       // random loss
  std::uint64_t dropped_by_rule = 0;
  std::uint64_t duplicated = 0;
  std::uint64_t reordered = 0;  // packets held back by the reorder impairment
  std::uint64_t bytes = 0;      // Ethernet frame bytes handed to the link
};

}  // namespace ts::sim
