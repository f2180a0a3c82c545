// `tunnelscope sniff`: live capture on an interface (a span port), timeline events printed as
// they happen. See docs/sniff.md. The I/O loop is here and kept small: libpcap frames go into
// the same streaming Analyzer as `analyze`, a SniffWriter prints what it adds.
#include <boost/program_options.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <optional>

#include <signal.h>

#include "src/cli/output_file.h"
#include "src/cli/subcommand.h"
#include "src/cli/temp_file_spool.h"
#include "src/observe/analyzer.h"
#include "src/report/sniff_writer.h"
#include "src/runtime/capture/live_capture.h"
#include "src/runtime/capture/rotating_pcap_writer.h"

namespace ts::cli {

namespace po = boost::program_options;

namespace {

struct SniffArgs {
  capture::LiveCaptureOptions capture;
  std::string filter, also, format = "text", output, write, rotate;
  bool print_filter = false, golden = false;
  double duration = 0;
  std::uint64_t count = 0, buffer_kib = 65536, stats_interval = 10, idle_timeout = 600;
  std::vector<std::string> passwords;
  observe::AnalyzerOptions analyzer;
  capture::RotationLimit rotation;
};

volatile std::sig_atomic_t g_signal = 0;
void on_signal(int sig) { g_signal = sig; }

std::optional<int> usage_error(const std::string& message) {
  std::fprintf(stderr, "tunnelscope sniff: %s\n", message.c_str());
  return kExitUsage;
}

// Parses the arguments; returns an exit code when the capture must not run.
std::optional<int> parse(const std::vector<std::string>& args, SniffArgs& a) {
  po::options_description d("tunnelscope sniff -i IFACE [options]");
  d.add_options()("help,h", "show this help")("interface,i", po::value(&a.capture.interface), "interface to capture on")(
      "filter", po::value(&a.filter), "BPF filter instead of the default (the tunnel protocols); \"\" for all")(
      "also", po::value(&a.also), "widen the default filter: capture (default) or (EXPR)")(
      "print-filter", po::bool_switch(&a.print_filter), "print the filter that would be used and exit")(
      "format,f", po::value(&a.format)->default_value("text"), "text or json (JSON Lines)")(
      "output,o", po::value(&a.output), "write the timeline to FILE instead of standard output")(
      "write,w", po::value(&a.write), "also write the captured packets to FILE (pcap)")(
      "rotate", po::value(&a.rotate), "with -w: new file after SIZE (64M, 500k) or SECONDS (30s)")(
      "duration", po::value(&a.duration), "stop after S seconds (wall clock)")(
      "count,c", po::value(&a.count), "stop after N packets")(
      "buffer-size", po::value(&a.buffer_kib)->default_value(65536), "kernel ring buffer, KiB")(
      "snaplen", po::value(&a.capture.snaplen)->default_value(262144), "bytes kept of each packet")(
      "stats-interval", po::value(&a.stats_interval)->default_value(10),
      "seconds between capture statistics lines (0: only at the end)")(
      "no-promisc", "do not put the interface into promiscuous mode")(
      "l2tp-secret", po::value(&a.analyzer.l2tp_secrets)->composing(), "L2TP shared secret (repeatable)")(
      "ppp-password", po::value(&a.passwords)->composing(), "USER:PASSWORD (repeatable)")(
      "idle-timeout", po::value(&a.idle_timeout)->default_value(600),
      "seconds without a frame after which a connection is summarised and forgotten (0: never)");
  po::options_description hidden;
  hidden.add_options()("golden", po::bool_switch(&a.golden));
  po::options_description all;
  all.add(d).add(hidden);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return usage_error(e.what());
  }
  if (vm.count("help")) {
    std::cout << d << "\n";
    return kExitOk;
  }
  a.capture.promiscuous = !vm.count("no-promisc");
  a.capture.filter = vm.count("filter") ? a.filter : capture::default_tunnel_filter();
  if (!a.also.empty()) a.capture.filter = "(" + a.capture.filter + ") or (" + a.also + ")";
  if (a.print_filter) {
    std::printf("%s\n", a.capture.filter.c_str());
    return kExitOk;
  }
  if (a.capture.interface.empty()) return usage_error("no interface given (-i IFACE)");
  if (a.format != "text" && a.format != "json") return usage_error("--format must be text or json, not '" + a.format + "'");
  if (a.duration < 0 || a.duration > 1e9) return usage_error("--duration must be between 0 and 1e9 seconds");
  // pcap_set_buffer_size takes an int of bytes.
  if (a.buffer_kib < 1 || a.buffer_kib > 2097151) return usage_error("--buffer-size must be 1 to 2097151 KiB");
  a.capture.buffer_bytes = static_cast<std::uint32_t>(a.buffer_kib * 1024);
  if (!a.rotate.empty()) {
    if (a.write.empty()) return usage_error("--rotate needs -w FILE");
    auto r = capture::parse_rotation(a.rotate);
    if (!r) return usage_error(r.error());
    a.rotation = r.value();
  }
  for (const auto& p : a.passwords) {
    const auto colon = p.find(':');
    if (colon == std::string::npos) return usage_error("--ppp-password takes USER:PASSWORD, got '" + p + "'");
    a.analyzer.ppp_credentials.emplace_back(p.substr(0, colon), p.substr(colon + 1));
  }
  a.analyzer.idle_timeout = std::chrono::seconds(a.idle_timeout);
  return std::nullopt;
}

Instant wall_now() {
  return Instant(std::chrono::duration_cast<Duration>(std::chrono::system_clock::now().time_since_epoch()));
}

// The capture loop: bounded by --count, --duration and SIGINT/SIGTERM. Returns an error
// message when the capture or the packet file failed.
std::string capture_loop(const SniffArgs& a, capture::LiveCapture& live, observe::Analyzer& analyzer,
                         observe::Analysis& analysis, report::SniffWriter& writer,
                         capture::RotatingPcapWriter* dump) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto stop_at = a.duration > 0 ? std::optional(start + std::chrono::duration_cast<Clock::duration>(
                                                                  std::chrono::duration<double>(a.duration)))
                                      : std::nullopt;
  auto next_stats = start + std::chrono::seconds(a.stats_interval);
  std::uint64_t analysed = 0;
  std::string failure;
  const auto on_frame = [&](const capture::CaptureFrame& f) {
    analyzer.on_frame(f.number, f.timestamp, f.linktype, f.data, f.original_length, nullptr);
    ++analysed;
    if (dump && failure.empty() && !dump->write(f)) failure = dump->error();
  };
  auto report_stats = [&](bool final) {
    auto s = live.stats();
    if (!s) return;
    writer.stats(analysis, wall_now(),
                 {s->received, s->kernel_drops, s->interface_drops, analysed, final});
    if (final && s->kernel_drops + s->interface_drops)
      std::fprintf(stderr, "tunnelscope sniff: %llu packets dropped (kernel %llu, interface %llu): the timeline is incomplete\n",
                   static_cast<unsigned long long>(s->kernel_drops + s->interface_drops),
                   static_cast<unsigned long long>(s->kernel_drops),
                   static_cast<unsigned long long>(s->interface_drops));
  };
  while (g_signal == 0 && failure.empty() && (a.count == 0 || analysed < a.count)) {
    const auto now = Clock::now();
    if (stop_at && now >= *stop_at) break;
    if (a.stats_interval && now >= next_stats) {
      report_stats(false);
      next_stats = now + std::chrono::seconds(a.stats_interval);
    }
    int wait_ms = 200;
    if (stop_at) wait_ms = static_cast<int>(std::min<long long>(
        wait_ms, std::chrono::duration_cast<std::chrono::milliseconds>(*stop_at - now).count() + 1));
    auto n = live.poll(wait_ms, a.count ? a.count - analysed : 1000000, on_frame);
    if (!n) failure = n.error();
  }
  // Stopped by a signal or --duration: what is already in the ring buffer is still analysed
  // (bounded: a few sweeps, no waiting), so the final counts are of the packets received.
  for (int sweep = 0; sweep < 64 && failure.empty() && (a.count == 0 || analysed < a.count); ++sweep) {
    auto n = live.poll(0, a.count ? a.count - analysed : 1000000, on_frame);
    if (!n) failure = n.error();
    if (!n || *n == 0) break;
  }
  analyzer.end_input("");
  report_stats(true);
  return failure;
}

}  // namespace

int run_sniff(const std::vector<std::string>& args) {
  SniffArgs a;
  if (auto rc = parse(args, a)) return *rc;
  auto live = capture::LiveCapture::open(a.capture);
  if (!live) return *usage_error(live.error());
  std::unique_ptr<capture::RotatingPcapWriter> dump;
  if (!a.write.empty()) {
    auto w = capture::RotatingPcapWriter::open(a.write, live.value()->linktype(), live.value()->snaplen(), a.rotation);
    if (!w) return *usage_error(w.error());
    dump = std::move(w.value());
  }
  auto out = OutputFile::open(a.output);
  if (!out) return *usage_error(out.error());

  report::ReportOptions ropt;
  ropt.tool_version = a.golden ? "(golden)" : TS_VERSION;
  // Each line is flushed at once: a reader at the end of a pipe sees events as they happen.
  report::SniffWriter writer([&out](std::string_view s) { (*out)->write(s), (*out)->flush(); }, a.format == "json",
                             ropt, temp_file_spools());
  observe::Analysis analysis;
  observe::Analyzer analyzer(a.analyzer, analysis, &writer);
  analyzer.begin_input(a.capture.interface, live.value()->linktype());

  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  const std::string failure = capture_loop(a, *live.value(), analyzer, analysis, writer, dump.get());
  writer.finish(analysis);
  const bool dump_ok = !dump || dump->close();
  if (!failure.empty()) return *usage_error(failure);
  if (!dump_ok) return *usage_error("writing " + a.write + " failed");
  if (writer.failed()) return *usage_error("a temporary file for the summary could not be written");
  if (!(*out)->close()) return *usage_error("writing " + a.output + " failed");
  return kExitOk;
}

}  // namespace ts::cli
