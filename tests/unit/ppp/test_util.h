#pragma once
// Helpers shared by the PPP unit tests.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "src/core/bytes.h"
#include "src/core/decoded.h"

namespace ts::ppp::test {

inline bool same(ByteView a, ByteView b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

template <typename T>
bool has_diag(const Decoded<T>& d, std::string_view id) {
  return std::any_of(d.diags.begin(), d.diags.end(), [&](const Diagnostic& x) { return x.def->id == id; });
}

inline std::string diag_ids(const Diagnostics& ds) {
  std::string s;
  for (const auto& d : ds) s += std::string(d.def->id) + " ";
  return s;
}

// Every strict prefix of `full` must decode to complete == false with a named field.
template <typename F>
void check_prefixes_incomplete(const Bytes& full, F decode) {
  for (std::size_t n = 0; n < full.size(); ++n) {
    const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    const auto d = decode(ByteView(cut));
    INFO("prefix length " << n << " of " << full.size() << " diags: " << diag_ids(d.diags));
    CHECK_FALSE(d.complete);
    CHECK_FALSE(d.truncated_field.empty());
  }
}

}  // namespace ts::ppp::test
