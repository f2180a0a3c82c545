#include "conformance/engine/verdict_report.h"

#include <fmt/format.h>

namespace ts::conformance {

namespace {

std::string xml(std::string_view s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o.push_back(c);
    }
  }
  return o;
}

std::string json(std::string_view s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o.push_back('\\'), o.push_back(c);
    else if (static_cast<unsigned char>(c) < 0x20) o += fmt::format("\\u{:04x}", c);
    else o.push_back(c);
  }
  return o + "\"";
}

const CheckDef* find(const std::vector<CheckDef>& cat, const std::string& id) {
  for (const auto& c : cat)
    if (c.id == id) return &c;
  return nullptr;
}

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string junit_document(const std::string& testsuites) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n" + testsuites + "</testsuites>\n";
}

std::string junit_testsuite(const std::string& suite, const std::vector<Verdict>& verdicts,
                            const std::vector<CheckDef>& catalogue) {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  std::string cases;
  for (const auto& v : verdicts) {
    for (const auto& id : v.checks) {
      ++tests;
      const CheckDef* c = find(catalogue, id);
      cases += fmt::format("    <testcase classname=\"{}.{}\" name=\"{}\" time=\"{:.3f}\">\n", xml(suite),
                           xml(base_name(v.script)), xml(id), v.seconds);
      const std::string clause = c ? fmt::format(" [{} {}]", to_string(c->level), c->clause) : "";
      const std::string where = v.line ? fmt::format("{}:{}: ", v.script, v.line) : "";
      if (v.outcome == Outcome::fail) {
        ++failures;
        cases += fmt::format("      <failure message=\"{}\">{}{}{}</failure>\n", xml(v.reason), xml(where),
                             xml(v.reason), xml(clause));
      } else if (v.outcome == Outcome::error) {
        ++errors;
        cases += fmt::format("      <error message=\"{}\">{}{}</error>\n", xml(v.reason), xml(where), xml(v.reason));
      } else if (v.outcome == Outcome::inconclusive) {
        ++skipped;
        cases += fmt::format("      <skipped message=\"{}\"/>\n", xml(v.reason));
      }
      if (!v.artefacts.empty()) {
        std::string files;
        for (const auto& f : v.artefacts) files += "[[ATTACHMENT|" + f + "]]\n";
        cases += fmt::format("      <system-out>{}</system-out>\n", xml(files));
      }
      cases += "    </testcase>\n";
    }
  }
  return fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n{}"
                     "  </testsuite>\n",
                     xml(suite), tests, failures, errors, skipped, cases);
}

std::string verdicts_json(const std::string& suite, const std::vector<Verdict>& verdicts,
                          const std::vector<CheckDef>& catalogue) {
  std::string out;
  for (const auto& v : verdicts) {
    std::string checks;
    for (const auto& id : v.checks) {
      const CheckDef* c = find(catalogue, id);
      if (!checks.empty()) checks += ",";
      checks += fmt::format("{{\"id\":{},\"level\":{},\"clause\":{}}}", json(id),
                            json(c ? to_string(c->level) : "?"), json(c ? c->clause : ""));
    }
    std::string files;
    for (const auto& f : v.artefacts) files += (files.empty() ? "" : ",") + json(f);
    out += fmt::format("{{\"suite\":{},\"script\":{},\"verdict\":{},\"line\":{},\"reason\":{},\"seconds\":{:.3f},"
                       "\"checks\":[{}]{}{}}}\n",
                       json(suite), json(v.script), json(to_string(v.outcome)), v.line, json(v.reason), v.seconds,
                       checks, v.target.empty() ? "" : ",\"target\":" + json(v.target),
                       v.artefacts.empty() ? "" : ",\"artefacts\":[" + files + "]");
  }
  return out;
}

}  // namespace ts::conformance
