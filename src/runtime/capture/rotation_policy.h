#pragma once
// RotationPolicy: when `sniff -w FILE --rotate` starts the next file. Sans-I/O: it is told
// what was written and when (capture time), and answers; the writer does the files.
//
// A limit is either a size (the current file would exceed `bytes` with the next record:
// start a new file first, unless the file is still empty, so a record larger than the limit
// still gets written) or an age (the next record is `seconds` or more after the first record
// of the current file). No limit: never.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "src/core/result.h"
#include "src/core/time.h"

namespace ts::capture {

struct RotationLimit {
  std::uint64_t bytes = 0;        // 0: no size limit
  std::chrono::seconds seconds{0};  // 0: no age limit
};

// Parses "--rotate": "N" or "Nk" / "NM" / "NG" (bytes, powers of 1024) or "Ns" (seconds).
Result<RotationLimit> parse_rotation(const std::string& text);

class RotationPolicy {
 public:
  explicit RotationPolicy(RotationLimit limit) : limit_(limit) {}
  // Before writing a record of `record_bytes` at `ts`: true when a new file must come first.
  bool rotate_before(std::uint64_t record_bytes, Instant ts) const;
  // After it was written (to the new file, if rotate_before said so and the writer did).
  void wrote(std::uint64_t record_bytes, Instant ts);
  // A new file was started with a header of `header_bytes`.
  void started(std::uint64_t header_bytes);

 private:
  RotationLimit limit_;
  std::uint64_t bytes_ = 0;
  std::uint64_t records_ = 0;
  std::optional<Instant> first_;
};

}  // namespace ts::capture
