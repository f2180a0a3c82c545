#pragma once
// RepeatCap: bounds the timeline lines of one routine, endlessly repeated kind of packet on
// one entity (LCP Echo-Request/Reply keepalives on a long-lived PPP link), so that a
// connection's memory does not grow with its lifetime for lines that say nothing new. The
// first `shown` occurrences go on the timeline; later ones are only counted (the model's
// own counters, e.g. PppLink::echo_requests, keep the totals), and the observer puts one
// line at the end saying how many were left out and which frame carried the last one.
// Diagnostics are never capped: only the plain message lines are.
#include <cstdint>

#include "src/observe/observe_context.h"

namespace ts::observe {

class RepeatCap {
 public:
  explicit RepeatCap(std::uint32_t shown) : shown_(shown) {}
  // True: show this occurrence. False: it is counted as hidden (with its frame).
  bool show(const FrameInfo& f) {
    if (seen_++ < shown_) return true;
    ++hidden_;
    last_hidden_frame_ = f.number;
    return false;
  }
  std::uint32_t shown_limit() const { return shown_; }
  std::uint64_t hidden() const { return hidden_; }
  std::uint64_t last_hidden_frame() const { return last_hidden_frame_; }

 private:
  std::uint32_t shown_;
  std::uint64_t seen_ = 0;
  std::uint64_t hidden_ = 0;
  std::uint64_t last_hidden_frame_ = 0;
};

}  // namespace ts::observe
