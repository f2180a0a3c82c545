#pragma once
// TimerSet: the named timers of one endpoint or protocol component (retransmission, hello,
// ack delay ...), as data. Setting a timer replaces its deadline; expired() returns the
// timers due at `now`, earliest first, and forgets them. Ties are broken by timer id so the
// order is deterministic. Never reads a clock.
#include <cstdint>
#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "src/core/time.h"

namespace ts::engine {

template <typename Id>
class TimerSet {
 public:
  void set(Id id, Instant deadline) { deadlines_[id] = deadline; }
  void cancel(Id id) { deadlines_.erase(id); }
  bool armed(Id id) const { return deadlines_.count(id) != 0; }
  std::optional<Instant> deadline(Id id) const {
    auto it = deadlines_.find(id);
    return it == deadlines_.end() ? std::nullopt : std::optional<Instant>(it->second);
  }
  std::optional<Instant> next() const {
    std::optional<Instant> best;
    for (const auto& [id, t] : deadlines_)
      if (!best || t < *best) best = t;
    return best;
  }
  // Timers with deadline <= now, earliest first (ties by id), removed from the set.
  std::vector<Id> expired(Instant now) {
    std::vector<std::pair<Instant, Id>> due;
    for (const auto& [id, t] : deadlines_)
      if (t <= now) due.emplace_back(t, id);
    std::sort(due.begin(), due.end());
    std::vector<Id> out;
    for (const auto& [t, id] : due) {
      deadlines_.erase(id);
      out.push_back(id);
    }
    return out;
  }
  bool empty() const { return deadlines_.empty(); }

 private:
  std::map<Id, Instant> deadlines_;
};

}  // namespace ts::engine
