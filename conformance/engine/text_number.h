#pragma once
// parse_number(): the one way conformance text becomes an integer, for scripts, wire
// messages and the script peers alike: decimal, or hex with a 0x/0X prefix; nullopt for
// anything else (empty, signs, trailing characters, overflow). parse_seconds(): a duration
// in seconds written as a decimal number ("1", "0.25"), 0 to one day; nullopt otherwise.
#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ts::conformance {

inline std::optional<std::uint64_t> parse_number(std::string_view s) {
  const bool hex = s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
  const std::string_view digits = hex ? s.substr(2) : s;
  std::uint64_t v = 0;
  const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, hex ? 16 : 10);
  if (digits.empty() || ec != std::errc{} || p != digits.data() + digits.size()) return std::nullopt;
  return v;
}

inline std::optional<double> parse_seconds(std::string_view s) {
  double v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::fixed);
  if (s.empty() || ec != std::errc{} || p != s.data() + s.size() || !(v >= 0.0 && v <= 86400.0)) return std::nullopt;
  return v;
}

}  // namespace ts::conformance
