#pragma once
// Small out-of-line helpers that fill an AuthOutput. Out of line on purpose: GCC 12 reports
// a false maybe-uninitialized when a vector of engine::Action variants grows inside an
// inlined method.
#include <string>
#include <string_view>

#include "src/core/diagnostic.h"
#include "src/endpoints/ppp/auth_types.h"
#include "src/engine/random_source.h"

namespace ts::endpoints::ppp {

void add_packet(AuthOutput& out, std::uint16_t protocol, Bytes info);
void add_state_change(AuthOutput& out, std::string_view from, std::string_view to);
void add_violation(AuthOutput& out, const DiagnosticDef& def, std::string detail);
// Appends `more` to `out` (packets, then notes).
void append_output(AuthOutput& out, AuthOutput more);
// A fresh challenge: `fixed` when not empty (tests), else `size` random octets.
Bytes challenge_octets(engine::RandomSource& random, const Bytes& fixed, std::size_t size);
// Bytes to a string (names, messages carried in packets).
std::string text_of(ByteView b);

}  // namespace ts::endpoints::ppp
