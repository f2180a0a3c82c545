#pragma once
// Decoded<T>: what every codec's decode() returns. Decoders never throw on wire input:
// they fill as much of `value` as the bytes allow and say what was wrong in `diags`.
//   complete  - false when the bytes ran out before the structure ended; `truncated_field`
//               names the field. Whether that is the peer's fault (a length field that lies)
//               or the capture's (snaplen) is decided by the caller, who knows the cut.
#include <string_view>

#include "src/core/diagnostic.h"

namespace ts {

template <typename T>
struct Decoded {
  T value{};
  Diagnostics diags;
  bool complete = true;
  std::string_view truncated_field;  // set when !complete
};

}  // namespace ts
