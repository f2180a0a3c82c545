#pragma once
// One frame read from a capture: link type, timestamps and the captured bytes.
// `data` points into the reader's buffer and is valid until the next read.
#include <cstdint>

#include "src/core/bytes.h"
#include "src/core/time.h"

namespace ts::capture {

struct CaptureFrame {
  std::uint64_t number = 0;      // 1-based frame number across one input file
  Instant timestamp{};           // from the Unix epoch, nanosecond precision
  std::uint32_t linktype = 0;    // LINKTYPE_* value
  std::uint32_t captured_length = 0;
  std::uint32_t original_length = 0;  // > captured_length when the snaplen cut the frame
  ByteView data;
};

}  // namespace ts::capture
