#pragma once
// Name tables: protocol knowledge as data. A code maps to the RFC's long name and to the
// abbreviation users know (e.g. 1 -> "Start-Control-Connection-Request", "SCCRQ").
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ts {

struct CodeName {
  std::uint32_t code;
  std::string_view abbrev;  // short form; equal to name when the RFC has none
  std::string_view name;    // the RFC's name
};

// Linear search: tables are small and lookups are not on the per-packet hot path of
// data frames. Returns nullptr for an unknown code.
inline const CodeName* find_code(std::span<const CodeName> table, std::uint32_t code) {
  for (const auto& e : table)
    if (e.code == code) return &e;
  return nullptr;
}

// "SCCRQ" or "unknown(42)".
std::string code_abbrev(std::span<const CodeName> table, std::uint32_t code);
// "Start-Control-Connection-Request" or "unknown(42)".
std::string code_name(std::span<const CodeName> table, std::uint32_t code);

}  // namespace ts
