// CallgrindProfile: see callgrind_profile.h.
#include "tests/bench/callgrind_profile.h"

#include <algorithm>
#include <regex>

#include "tests/bench/child_run.h"

namespace ts::bench {

namespace {

std::uint64_t parse_count(std::string digits) {
  std::erase(digits, ',');
  return digits.empty() ? 0 : std::stoull(digits);
}

// The cost lines of one callgrind_annotate listing ("1,234 (12.3%)  file:function [obj]"):
// PROGRAM TOTALS first, then the function list in the annotation's order.
std::vector<ProfileLine> parse_listing(const std::string& text) {
  static const std::regex kLine(R"(^\s*([0-9,]+) \(\s*([0-9.]+)%\)\s+(.*)$)");
  std::vector<ProfileLine> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    std::smatch m;
    if (!std::regex_match(line, m, kLine)) continue;
    std::string name = m[3].str();
    if (const auto obj = name.rfind(" ["); obj != std::string::npos && name.back() == ']')
      name.resize(obj);
    lines.push_back(ProfileLine{parse_count(m[1].str()), std::stod(m[2].str()), name});
  }
  return lines;
}

// The inclusive list without the start-up frames every profile shares (loader, libc start,
// main) and without the second copy callgrind_annotate prints of a function whose debug
// information names its file by two paths.
std::vector<ProfileLine> informative(std::vector<ProfileLine> lines) {
  std::vector<ProfileLine> kept;
  std::vector<std::string> seen;
  for (auto& l : lines) {
    const auto colon = l.function.find(':');
    const std::string name = colon == std::string::npos ? l.function : l.function.substr(colon + 1);
    if (name.find("(below main)") != std::string::npos || name.rfind("0x", 0) == 0 ||
        name.find("__libc_start_main") != std::string::npos || name == "main" ||
        std::find(seen.begin(), seen.end(), name) != seen.end())
      continue;
    seen.push_back(name);
    kept.push_back(std::move(l));
  }
  return kept;
}

std::string quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace

bool callgrind_available() {
  return command_output(
             "command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null")
      .has_value();
}

CallgrindProfile run_callgrind(const std::vector<std::string>& argv, const std::string& out_file,
                               std::size_t top) {
  CallgrindProfile p;
  std::vector<std::string> cmd = {"valgrind", "--tool=callgrind",
                                  "--callgrind-out-file=" + out_file};
  cmd.insert(cmd.end(), argv.begin(), argv.end());
  const auto run = run_child(cmd);
  if (!run.ok) {
    p.failure = "valgrind: " + run.failure;
    return p;
  }
  for (const bool inclusive : {false, true}) {
    const auto text =
        command_output(std::string("callgrind_annotate --auto=no --inclusive=") +
                       (inclusive ? "yes " : "no ") + quoted(out_file) + " 2>/dev/null");
    if (!text) {
      p.failure = "callgrind_annotate failed on " + out_file;
      return p;
    }
    auto lines = parse_listing(*text);
    if (lines.empty() || lines.front().function != "PROGRAM TOTALS") {
      p.failure = "no PROGRAM TOTALS in the callgrind_annotate output";
      return p;
    }
    p.total_instructions = lines.front().instructions;
    lines.erase(lines.begin());
    if (inclusive) lines = informative(std::move(lines));
    if (lines.size() > top) lines.resize(top);
    (inclusive ? p.inclusive_top : p.self_top) = std::move(lines);
  }
  p.ok = true;
  return p;
}

}  // namespace ts::bench
