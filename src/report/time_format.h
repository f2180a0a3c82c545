#pragma once
// Time rendering shared by the writers: seconds relative to the analysis origin.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/compile.h>

#include "src/core/time.h"

namespace ts::report {

inline std::string rel_seconds(std::optional<Instant> origin, Instant t) {
  return format_seconds(origin ? t - *origin : t.time_since_epoch());
}

// A reusable buffer for the same text as format_seconds ("-1.250000"), for writers that
// render one time per output line and should not allocate a string for each.
struct SecondsText {
  char buf[32];
};

// rel_seconds into `into`; the view stays valid until `into` is used again.
inline std::string_view rel_seconds_view(std::optional<Instant> origin, Instant t, SecondsText& into) {
  const Duration d = origin ? t - *origin : t.time_since_epoch();
  const std::int64_t us = d.count() / 1000;
  const std::int64_t a = us < 0 ? -us : us;
  const auto end = fmt::format_to_n(into.buf, sizeof into.buf, FMT_COMPILE("{}{}.{:06}"), us < 0 ? "-" : "",
                                    a / 1000000, a % 1000000);
  return std::string_view(into.buf, end.out - into.buf);
}

}  // namespace ts::report
