#pragma once
// Protocol time. Protocol code receives `Instant now` from its driver and never reads a
// clock: captures supply packet timestamps, the simulator a virtual clock, the live
// runtime a steady clock. ProtocolClock therefore has no now().
#include <chrono>
#include <cstdint>
#include <string>

namespace ts {

struct ProtocolClock {
  using rep = std::int64_t;
  using period = std::nano;
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<ProtocolClock>;
  static constexpr bool is_steady = true;
};

using Duration = std::chrono::nanoseconds;
using Instant = ProtocolClock::time_point;

inline Instant instant_from_ns(std::int64_t ns) { return Instant{Duration{ns}}; }
inline std::int64_t to_ns(Instant t) { return t.time_since_epoch().count(); }
inline double to_seconds(Duration d) { return static_cast<double>(d.count()) / 1e9; }

// "12.345678" seconds with microsecond precision.
std::string format_seconds(Duration d);
// UTC "2026-11-24T03:01:02.123456Z" for an Instant measured from the Unix epoch.
std::string format_utc(Instant t);

}  // namespace ts
