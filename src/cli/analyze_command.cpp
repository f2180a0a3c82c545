// `tunnelscope analyze`: captures in, timelines out. See docs/cli.md.
#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "src/cli/output_file.h"
#include "src/cli/parallel_files.h"
#include "src/cli/sharded_file.h"
#include "src/cli/subcommand.h"
#include "src/cli/temp_file_spool.h"
#include "src/observe/analyzer.h"
#include "src/report/json_report.h"
#include "src/report/text_report.h"
#include "src/runtime/capture/capture_file_reader.h"

namespace ts::cli {

namespace po = boost::program_options;

namespace {

struct AnalyzeArgs {
  std::string format = "text";
  std::string output;
  std::vector<std::string> files;
  std::vector<std::string> fail_on;
  std::vector<std::string> passwords;
  bool golden = false;
  std::uint64_t idle_timeout = 600;
  unsigned jobs = 1;
  observe::AnalyzerOptions analyzer;
};

po::options_description analyze_options(AnalyzeArgs& a) {
  po::options_description d("tunnelscope analyze [options] FILE...  (FILE may be - for standard input)");
  d.add_options()("help,h", "show this help")(
      "format,f", po::value(&a.format)->default_value("text"), "output format: text or json (JSON Lines)")(
      "packets", po::bool_switch(&a.analyzer.packets), "also output one record per decoded frame")(
      "output,o", po::value(&a.output), "write the output to FILE instead of standard output")(
      "l2tp-secret", po::value(&a.analyzer.l2tp_secrets)->composing(),
      "L2TP shared secret: unhide hidden AVPs and check tunnel authentication (repeatable)")(
      "ppp-password", po::value(&a.passwords)->composing(),
      "USER:PASSWORD to check CHAP and MS-CHAP responses (repeatable)")(
      "idle-timeout", po::value(&a.idle_timeout)->default_value(600),
      "seconds of capture time without a frame after which a connection is reported as it is "
      "and forgotten (0: never; finished connections are reported a minute after teardown)")(
      "jobs,j", po::value(&a.jobs)->default_value(1),
      "threads: up to N files at the same time, or one file split by IP address pair over N workers (output "
      "identical to one thread)")(
      "fail-on", po::value(&a.fail_on)->composing(),
      "exit 1 if the analysis found a diagnostic of this kind: violation, malformed, error "
      "(any error severity) or warning (repeatable)");
  return d;
}

// Parses the arguments; returns an exit code when analysis must not run.
std::optional<int> parse(const std::vector<std::string>& args, AnalyzeArgs& a) {
  auto desc = analyze_options(a);
  po::options_description hidden;
  // --golden: fixes volatile report fields (the tool version) for golden-file tests.
  hidden.add_options()("file", po::value(&a.files)->composing())("golden", po::bool_switch(&a.golden));
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("file", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "tunnelscope analyze: %s\n", e.what());
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return kExitOk;
  }
  if (a.format != "text" && a.format != "json") {
    std::fprintf(stderr, "tunnelscope analyze: --format must be text or json, not '%s'\n", a.format.c_str());
    return kExitUsage;
  }
  for (const auto& f : a.fail_on)
    if (f != "violation" && f != "malformed" && f != "error" && f != "warning") {
      std::fprintf(stderr, "tunnelscope analyze: --fail-on takes violation, malformed, error or warning, not '%s'\n",
                   f.c_str());
      return kExitUsage;
    }
  for (const auto& p : a.passwords) {
    const auto colon = p.find(':');
    if (colon == std::string::npos) {
      std::fprintf(stderr, "tunnelscope analyze: --ppp-password takes USER:PASSWORD, got '%s'\n", p.c_str());
      return kExitUsage;
    }
    a.analyzer.ppp_credentials.emplace_back(p.substr(0, colon), p.substr(colon + 1));
  }
  a.analyzer.idle_timeout = std::chrono::seconds(a.idle_timeout);
  if (a.jobs < 1) {
    std::fprintf(stderr, "tunnelscope analyze: --jobs must be at least 1\n");
    return kExitUsage;
  }
  if (a.files.empty()) {
    std::fprintf(stderr, "tunnelscope analyze: no capture file given (use - for standard input)\n");
    return kExitUsage;
  }
  return std::nullopt;
}

// True when a diagnostic of a kind named by --fail-on was written.
bool gate_tripped(const report::DiagnosticTally& tally, const std::vector<std::string>& fail_on) {
  auto trips = [&](const DiagnosticDef& d) {
    for (const auto& f : fail_on) {
      if (f == "violation" && d.kind == DiagKind::violation) return true;
      if (f == "malformed" && d.kind == DiagKind::malformed) return true;
      if (f == "error" && d.severity == Severity::error && d.kind != DiagKind::capture) return true;
      if (f == "warning" && d.severity >= Severity::warning && d.kind != DiagKind::capture) return true;
    }
    return false;
  };
  for (const auto& [id, count] : tally.by_id())
    if (trips(*count.def)) return true;
  return false;
}

}  // namespace

int run_analyze(const std::vector<std::string>& args) {
  AnalyzeArgs a;
  if (auto rc = parse(args, a)) return *rc;

  // Open every input first: an unreadable file is a usage error before any output.
  std::vector<std::unique_ptr<capture::CaptureSource>> readers;
  for (const auto& path : a.files) {
    auto r = capture::open_capture(path);
    if (!r) {
      std::fprintf(stderr, "tunnelscope analyze: %s\n", r.error().c_str());
      return kExitUsage;
    }
    readers.push_back(std::move(r.value()));
  }
  auto out = OutputFile::open(a.output);
  if (!out) {
    std::fprintf(stderr, "tunnelscope analyze: %s\n", out.error().c_str());
    return kExitUsage;
  }

  report::ReportOptions ropt;
  ropt.tool_version = a.golden ? "(golden)" : TS_VERSION;
  ropt.packets = a.analyzer.packets;
  const bool json = a.format == "json";

  // Streaming: each connection is written out as soon as it finishes (report_writer.h).
  const report::Output write = [&out](std::string_view s) { (*out)->write(s); };
  std::unique_ptr<report::ReportWriter> writer;
  if (json) writer = std::make_unique<report::JsonReportWriter>(write, ropt, temp_file_spools());
  else writer = std::make_unique<report::TextReportWriter>(write, ropt, temp_file_spools());

  observe::Analysis analysis;
  if (a.jobs > 1 && readers.size() > 1) {
    // Several files at once, replayed in order: the same report (parallel_files.h).
    analyse_files_parallel(readers, a.analyzer, a.jobs, analysis, *writer);
  } else if (a.jobs > 1) {
    // One file: a reader and workers by IP address pair, the same report (sharded_file.h).
    analyse_file_sharded(*readers[0], a.analyzer, a.jobs, analysis, *writer);
  } else {
    observe::Analyzer analyzer(a.analyzer, analysis, writer.get());
    for (auto& reader : readers)
      analyse_input(analyzer, *reader, a.analyzer,
                    [&](const observe::PacketRecord& p) { writer->packet(analysis, p, reader->path()); });
  }
  writer->finish(analysis);
  if (writer->failed()) {
    std::fprintf(stderr, "tunnelscope analyze: a temporary file for the report could not be written\n");
    return kExitUsage;
  }
  if (!(*out)->close()) {
    std::fprintf(stderr, "tunnelscope analyze: writing %s failed\n", a.output.c_str());
    return kExitUsage;
  }
  return gate_tripped(writer->tally(), a.fail_on) ? kExitGate : kExitOk;
}

}  // namespace ts::cli
