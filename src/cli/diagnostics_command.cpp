// `tunnelscope diagnostics`: the catalogue of diagnostic ids (docs/diagnostics.md is made from it).
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "src/cli/subcommand.h"
#include "src/core/diagnostic.h"
#include "src/observe/analyzer.h"
#include "src/report/json_writer.h"
#include "src/runtime/sim/scenarios/scenario.h"

namespace ts::cli {

int run_diagnostics(const std::vector<std::string>& args) {
  observe::link_all_diagnostic_tables();
  sim::link_endpoint_diagnostic_tables();
  std::string format = "text";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format" && i + 1 < args.size()) format = args[++i];
    else if (args[i].rfind("--format=", 0) == 0) format = args[i].substr(9);
    else {
      std::fprintf(stderr, "tunnelscope diagnostics: unknown argument '%s' (use --format text|json|markdown)\n",
                   args[i].c_str());
      return kExitUsage;
    }
  }
  if (format != "text" && format != "json" && format != "markdown") {
    std::fprintf(stderr, "tunnelscope diagnostics: --format must be text, json or markdown\n");
    return kExitUsage;
  }
  const bool json = format == "json";
  const bool markdown = format == "markdown";
  std::string out;
  if (markdown) out += "| id | kind | severity | clause | meaning |\n|---|---|---|---|---|\n";
  for (const DiagnosticDef* d : all_diagnostic_defs()) {
    if (json) {
      report::JsonWriter w(out);
      w.begin_object().kv("id", d->id).kv("kind", to_string(d->kind)).kv("severity", to_string(d->severity));
      w.kv("clause", d->clause).kv("text", d->text).end_object();
      out.push_back('\n');
    } else if (markdown) {
      out += fmt::format("| `{}` | {} | {} | {} | {} |\n", d->id, to_string(d->kind), to_string(d->severity),
                         d->clause.empty() ? "-" : d->clause, d->text);
    } else {
      out += fmt::format("{:<44} {:<9} {:<7} {:<20} {}\n", d->id, to_string(d->kind), to_string(d->severity),
                         d->clause.empty() ? "-" : d->clause, d->text);
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace ts::cli
