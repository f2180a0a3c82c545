#pragma once
// WireMessage: a protocol message as conformance scripts see it: a name (the RFC's
// abbreviation, SCCRQ, ZLB, DATA ...) and flat KEY=VALUE fields in wire order. Each protocol
// has an extractor from its codec (l2tp_wire_message.h); the matcher (matcher.h) compares
// WireMessages with script expectations, whatever the protocol.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/core/time.h"

namespace ts::conformance {

struct WireMessage {
  std::string name;
  std::vector<std::pair<std::string, std::string>> fields;  // values as text (decimal, hex, strings)
  // The first value of `key`, or nullopt.
  std::optional<std::string_view> get(std::string_view key) const {
    for (const auto& [k, v] : fields)
      if (k == key) return std::string_view(v);
    return std::nullopt;
  }
};

// A message from the device, as a script peer received it (for the runner's expectations).
struct ReceivedMessage {
  Instant time;
  WireMessage message;
};

}  // namespace ts::conformance
