#pragma once
// OptionSpec: one row of a protocol's Configuration Option table (RFC 1661 §6 format):
// type, names, the Length range its specification allows, and the clause defining it.
// Per-protocol tables live in lcp_options.cpp, ipcp_options.cpp, ipv6cp_options.cpp,
// ccp_options.cpp; options.h dispatches on the PPP protocol number.
#include <cstdint>
#include <span>
#include <string_view>

namespace ts::ppp {

struct OptionSpec {
  std::uint8_t type;
  std::string_view abbrev;  // short form used in summaries ("MRU")
  std::string_view name;    // the RFC's name ("Maximum-Receive-Unit")
  std::uint16_t min_length; // allowed Length field range, both inclusive
  std::uint16_t max_length;
  std::string_view clause;  // "RFC 1661 §6.1"
};

inline const OptionSpec* find_option_spec(std::span<const OptionSpec> table, std::uint8_t type) {
  for (const auto& s : table)
    if (s.type == type) return &s;
  return nullptr;
}

}  // namespace ts::ppp
