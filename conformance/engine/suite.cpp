#include "conformance/engine/suite.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "conformance/engine/script_parser.h"

namespace ts::conformance {

namespace fs = std::filesystem;

std::vector<std::string> list_suites(const std::string& suites_dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& proto : fs::directory_iterator(suites_dir, ec)) {
    if (!proto.is_directory()) continue;
    for (const auto& role : fs::directory_iterator(proto.path(), ec))
      if (role.is_directory())
        out.push_back(proto.path().filename().string() + "." + role.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<Script>> load_suite(const std::string& suites_dir, const std::string& suite,
                                       const std::vector<CheckDef>& catalogue) {
  const auto dot = suite.find_first_of("./");  // pptp.pac, or as a path: pptp/pac
  if (dot == std::string::npos) return Error{"suite names are PROTOCOL.ROLE (l2tp.lns), not '" + suite + "'"};
  const fs::path dir = fs::path(suites_dir) / suite.substr(0, dot) / suite.substr(dot + 1);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Error{"no suite '" + suite + "' (" + dir.string() + ")"};
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".pkt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Script> scripts;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    // Named relative to the suites directory (l2tp/lns/establish.pkt) so reports do not
    // depend on where the tree is checked out.
    auto s = parse_script(ss.str(), fs::relative(f, suites_dir, ec).string());
    if (!s.ok()) return Error{s.error()};
    for (const auto& id : s.value().checks) {
      const bool known = std::any_of(catalogue.begin(), catalogue.end(), [&](const CheckDef& c) { return c.id == id; });
      if (!known) return Error{s.value().file + ": check '" + id + "' is not in the catalogue"};
    }
    scripts.push_back(std::move(s.value()));
  }
  if (scripts.empty()) return Error{"suite '" + suite + "' has no scripts"};
  return scripts;
}

}  // namespace ts::conformance
