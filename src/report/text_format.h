#pragma once
// Small formatting helpers shared by the text report's timeline and tables.
#include <optional>
#include <string>
#include <string_view>

#include "src/observe/model.h"

namespace ts::report {

// "A", "B" or "-" for side 0, 1 or none.
const char* side_letter(int side);
// "10.0.0.1:1701 LNS \"host\"".
std::string peer_label(const observe::PeerInfo& p);
// Seconds since the analysis origin, or "-".
std::string opt_time(const observe::Analysis& a, std::optional<Instant> t);
// to - from in seconds, or "-" when either is missing.
std::string duration(std::optional<Instant> from, std::optional<Instant> to);
std::string upper(std::string_view s);
std::string or_dash(const std::string& s);

}  // namespace ts::report
