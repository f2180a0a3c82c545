#pragma once
// Time rendering shared by the writers: seconds relative to the analysis origin.
#include <optional>
#include <string>

#include "src/core/time.h"

namespace ts::report {

inline std::string rel_seconds(std::optional<Instant> origin, Instant t) {
  return format_seconds(origin ? t - *origin : t.time_since_epoch());
}

}  // namespace ts::report
