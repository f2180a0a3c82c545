#include "src/core/name_table.h"

#include <fmt/format.h>

namespace ts {

std::string code_abbrev(std::span<const CodeName> table, std::uint32_t code) {
  if (const auto* e = find_code(table, code)) return std::string(e->abbrev);
  return fmt::format("unknown({})", code);
}

std::string code_name(std::span<const CodeName> table, std::uint32_t code) {
  if (const auto* e = find_code(table, code)) return std::string(e->name);
  return fmt::format("unknown({})", code);
}

}  // namespace ts
