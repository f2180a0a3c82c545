#pragma once
// DiagnosticTally: how many diagnostics of each id (and so of each severity and kind) a
// report has seen. Bounded by the size of the diagnostic catalogue, not by the capture:
// what a streaming report keeps of the diagnostics it has already written.
#include <array>
#include <cstdint>
#include <map>
#include <string_view>

#include "src/core/diagnostic.h"

namespace ts::report {

class DiagnosticTally {
 public:
  struct Count {
    const DiagnosticDef* def = nullptr;
    std::uint64_t n = 0;
  };
  void add(const DiagnosticDef& def) {
    auto& c = by_id_[def.id];
    c.def = &def;
    ++c.n;
    ++by_severity_[static_cast<int>(def.severity)];
    ++total_;
  }
  // By id, in id order.
  const std::map<std::string_view, Count>& by_id() const { return by_id_; }
  std::uint64_t severity(Severity s) const { return by_severity_[static_cast<int>(s)]; }
  std::uint64_t total() const { return total_; }

 private:
  std::map<std::string_view, Count> by_id_;
  std::array<std::uint64_t, 3> by_severity_{};
  std::uint64_t total_ = 0;
};

}  // namespace ts::report
