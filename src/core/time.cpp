#include "src/core/time.h"

#include <ctime>

#include <fmt/format.h>

namespace ts {

std::string format_seconds(Duration d) {
  const std::int64_t us = d.count() / 1000;
  const char* sign = us < 0 ? "-" : "";
  const std::int64_t a = us < 0 ? -us : us;
  return fmt::format("{}{}.{:06}", sign, a / 1000000, a % 1000000);
}

std::string format_utc(Instant t) {
  const std::int64_t ns = to_ns(t);
  std::int64_t secs = ns / 1000000000;
  std::int64_t frac = ns % 1000000000;
  if (frac < 0) {
    frac += 1000000000;
    --secs;
  }
  const std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac / 1000);
}

}  // namespace ts
