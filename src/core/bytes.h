#pragma once
// Byte containers shared by every layer: a non-owning view for decoding and an owning
// vector for encoding. Views handed out by decoders point into the caller's buffer and
// live exactly as long as it does.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ts {

using ByteView = std::span<const std::uint8_t>;
using Bytes = std::vector<std::uint8_t>;

// Lower-case hex without separators ("0a1b"); at most max_bytes, then "..." when cut.
std::string to_hex(ByteView data, std::size_t max_bytes = SIZE_MAX);
// Parses hex with optional spaces/colons; returns empty on any invalid character.
Bytes from_hex(std::string_view hex);
// Printable ASCII kept, anything else as \xNN, quotes and backslash escaped.
std::string printable(ByteView data, std::size_t max_bytes = 256);

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_chars(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace ts
