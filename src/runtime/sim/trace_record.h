#pragma once
// TraceRecord: one line of a simulation's trace, what tests and conformance scripts assert on.
// Endpoint actions (StateChange, Violation) are recorded as the endpoint returns them; the
// simulator adds channel events (opened, closed, refused) and link events (lost, dropped by a
// rule, no route, no listener). Records are appended in event order, so equal seeds give
// equal traces.
#include <cstdint>
#include <string>

#include "src/core/time.h"

namespace ts::sim {

using NodeId = std::uint32_t;

enum class TraceKind : std::uint8_t { state, violation, channel, link };

struct TraceRecord {
  Instant time{};
  NodeId node = 0;
  TraceKind kind = TraceKind::state;
  // state:     "<entity>: <from> -> <to>"
  // violation: "<diagnostic id>: <detail>" with " (by us)" appended when by_us
  // channel:   "opened udp 7", "closed tcp 3: peer closed", "refused tcp 4: ..."
  // link:      "lost udp 10.0.0.1:1701 -> 10.0.0.2:1701", "dropped by rule ...", "no route ..."
  std::string text;
  friend bool operator==(const TraceRecord&, const TraceRecord&) = default;
};

}  // namespace ts::sim
