#include "conformance/engine/check_catalogue.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

namespace ts::conformance {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// protocol.area.name: lowercase letters, digits and '_', at least two dots.
bool valid_id(std::string_view id) {
  int dots = 0;
  bool part_empty = true;
  for (char c : id) {
    if (c == '.') {
      if (part_empty) return false;
      ++dots;
      part_empty = true;
    } else if (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
               c == '_') {
      part_empty = false;
    } else {
      return false;
    }
  }
  return dots >= 2 && !part_empty;
}

bool valid_clause(std::string_view c) { return c.rfind("RFC ", 0) == 0 || c.rfind("[MS-", 0) == 0; }

}  // namespace

std::string_view to_string(Level l) {
  switch (l) {
    case Level::must: return "MUST";
    case Level::should: return "SHOULD";
    case Level::may: return "MAY";
  }
  return "?";
}

Result<std::vector<CheckDef>> parse_checks(std::string_view text, const std::string& file) {
  std::vector<CheckDef> out;
  std::istringstream in{std::string(text)};
  std::string line;
  int n = 0;
  auto fail = [&](const std::string& why) { return Error{fmt::format("{}:{}: {}", file, n, why)}; };
  while (std::getline(in, line)) {
    ++n;
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t bar = t.find('|'); bar != std::string::npos; bar = t.find('|', start)) {
      parts.push_back(trim(std::string_view(t).substr(start, bar - start)));
      start = bar + 1;
    }
    parts.push_back(trim(std::string_view(t).substr(start)));
    if (parts.size() != 4) return fail("expected 'id | level | clause | statement'");
    CheckDef d;
    d.id = parts[0];
    if (!valid_id(d.id)) return fail("bad check id '" + d.id + "' (protocol.area.name, lowercase)");
    if (parts[1] == "MUST") d.level = Level::must;
    else if (parts[1] == "SHOULD") d.level = Level::should;
    else if (parts[1] == "MAY") d.level = Level::may;
    else return fail("level must be MUST, SHOULD or MAY, not '" + parts[1] + "'");
    d.clause = parts[2];
    if (!valid_clause(d.clause)) return fail("clause must name an RFC or [MS-...] document, not '" + d.clause + "'");
    d.statement = parts[3];
    if (d.statement.empty()) return fail("empty statement");
    d.file = file;
    d.line = n;
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<CheckDef>> load_check_catalogue(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Error{dir + ": not a directory"};
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".checks") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<CheckDef> all;
  std::set<std::string> seen;
  for (const auto& f : files) {
    std::ifstream in(f);
    if (!in) return Error{f.string() + ": cannot be read"};
    std::stringstream ss;
    ss << in.rdbuf();
    auto part = parse_checks(ss.str(), f.string());
    if (!part.ok()) return Error{part.error()};
    for (auto& d : part.value()) {
      if (!seen.insert(d.id).second) return Error{fmt::format("{}:{}: check id '{}' defined twice", d.file, d.line, d.id)};
      all.push_back(std::move(d));
    }
  }
  return all;
}

std::string checks_markdown(const std::vector<CheckDef>& checks) {
  std::string out =
      "# Conformance check catalogue\n\n"
      "Generated from `conformance/checks/*.checks` (a test keeps this file current; "
      "`UPDATE_GOLDEN=1` rewrites it). Each check has a stable id, the RFC 2119 level of the "
      "rule, the clause that states it, and what the device must do.\n";
  std::string current;
  for (const auto& c : checks) {
    const std::string proto = c.id.substr(0, c.id.find('.'));
    if (proto != current) {
      current = proto;
      out += fmt::format("\n## {}\n\n| id | level | clause | the device must |\n|---|---|---|---|\n", proto);
    }
    out += fmt::format("| `{}` | {} | {} | {} |\n", c.id, to_string(c.level), c.clause, c.statement);
  }
  return out;
}

}  // namespace ts::conformance
