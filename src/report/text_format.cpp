#include "src/report/text_format.h"

#include <cctype>

#include <fmt/format.h>

#include "src/report/time_format.h"

namespace ts::report {

const char* side_letter(int s) { return s == 0 ? "A" : s == 1 ? "B" : "-"; }

std::string upper(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

std::string peer_label(const observe::PeerInfo& p) {
  std::string s = p.port ? fmt::format("{}:{}", p.address, p.port) : p.address;
  if (!p.role.empty()) s += " " + p.role;
  if (!p.host_name.empty()) s += fmt::format(" \"{}\"", p.host_name);
  return s;
}

std::string opt_time(const observe::Analysis& a, std::optional<Instant> t) {
  return t ? rel_seconds(a.origin, *t) : "-";
}

std::string duration(std::optional<Instant> from, std::optional<Instant> to) {
  if (!from || !to) return "-";
  return format_seconds(*to - *from);
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

}  // namespace ts::report
