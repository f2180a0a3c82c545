#include "src/runtime/capture/rotation_policy.h"

#include <charconv>

namespace ts::capture {

Result<RotationLimit> parse_rotation(const std::string& text) {
  std::uint64_t n = 0;
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, n);
  const std::string unit(p, end);
  if (ec != std::errc() || n == 0)
    return Error{"--rotate takes a size (64M, 500k, 1G, bytes) or seconds (30s), not '" + text + "'"};
  RotationLimit l;
  constexpr std::uint64_t kMax = std::uint64_t{1} << 50;  // far beyond any file system limit
  if (unit == "s") l.seconds = std::chrono::seconds(n);
  else if (unit.empty()) l.bytes = n;
  else if (unit == "k" || unit == "K") l.bytes = n << 10;
  else if (unit == "M") l.bytes = n << 20;
  else if (unit == "G") l.bytes = n << 30;
  else return Error{"--rotate: unknown unit '" + unit + "' in '" + text + "' (use k, M, G or s)"};
  if (n > kMax || (l.bytes && l.bytes > kMax)) return Error{"--rotate: '" + text + "' is too large"};
  return l;
}

bool RotationPolicy::rotate_before(std::uint64_t record_bytes, Instant ts) const {
  if (records_ == 0) return false;
  if (limit_.bytes && bytes_ + record_bytes > limit_.bytes) return true;
  if (limit_.seconds.count() && first_ && ts - *first_ >= limit_.seconds) return true;
  return false;
}

void RotationPolicy::wrote(std::uint64_t record_bytes, Instant ts) {
  if (records_ == 0) first_ = ts;
  ++records_;
  bytes_ += record_bytes;
}

void RotationPolicy::started(std::uint64_t header_bytes) {
  bytes_ = header_bytes;
  records_ = 0;
  first_.reset();
}

}  // namespace ts::capture
