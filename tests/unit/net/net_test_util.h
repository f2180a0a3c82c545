#pragma once
// Shared helpers for the net dissector tests.
#include <catch2/catch.hpp>

#include <string>

#include "src/core/bytes.h"
#include "src/core/diagnostic.h"

namespace ts::net::test {

inline bool has_diag(const Diagnostics& d, std::string_view id) {
  for (const auto& x : d)
    if (x.def && x.def->id == id) return true;
  return false;
}

// Every strict prefix of `pdu` shorter than `must_fail_below` decodes without crash to
// complete == false naming a field; longer prefixes must merely not crash.
template <typename DecodeFn>
void check_prefixes(const Bytes& pdu, std::size_t must_fail_below, DecodeFn decode) {
  for (std::size_t n = 0; n < pdu.size(); ++n) {
    const Bytes prefix(pdu.begin(), pdu.begin() + static_cast<std::ptrdiff_t>(n));
    const auto d = decode(ByteView(prefix));
    if (n < must_fail_below) {
      INFO("prefix length " << n);
      CHECK_FALSE(d.complete);
      CHECK_FALSE(d.truncated_field.empty());
    }
  }
}

}  // namespace ts::net::test
