// `tunnelscope diagnostics`: the catalogue of diagnostic ids (docs/diagnostics.md is made from it).
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "src/cli/subcommand.h"
#include "src/core/diagnostic.h"
#include "src/observe/analyzer.h"
#include "src/report/json_writer.h"

namespace ts::cli {

int run_diagnostics(const std::vector<std::string>& args) {
  observe::link_all_diagnostic_tables();
  const bool json = !args.empty() && (args[0] == "--format=json" || (args.size() > 1 && args[1] == "json"));
  const bool markdown = !args.empty() && (args[0] == "--format=markdown" || (args.size() > 1 && args[1] == "markdown"));
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
