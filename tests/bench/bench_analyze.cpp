// ts_bench_analyze: how fast `tunnelscope analyze` reads large captures, against tshark and a
// bare libpcap loop, and whether its memory grows with capture length. It prints figures and
// writes them to docs/performance.md; it asserts nothing about speed (a benchmark, never a
// timed test). Run by hand or with `ctest -L bench`; usage: ts_bench_analyze --help.
//
// Steps, all in one run: build a PPTP and an L2TP capture of --packets packets each with the
// deterministic simulator (synthetic_capture.h); time each tool on each capture as a child
// pinned to one core (child_run.h); analyze a longer capture of the same mix to compare peak
// memory; profile the first --profile-packets packets under callgrind when valgrind exists.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/bench/bench_report.h"
#include "tests/bench/callgrind_profile.h"
#include "tests/bench/child_run.h"
#include "tests/bench/pcap_loop.h"
#include "tests/bench/synthetic_capture.h"

namespace ts::bench {

namespace {

struct Args {
  std::uint64_t packets = 1'000'000;
  std::vector<std::uint64_t> memory_packets;  // empty: twice --packets; {0}: none
  std::uint64_t profile_packets = 50'000;
  std::string workdir = "/tmp/ts-bench";
  std::string tunnelscope = TS_BINARY_DIR "/tunnelscope";
  std::string doc = TS_SOURCE_DIR "/docs/performance.md";
  int cpu = -2;  // -2: the last CPU; -1: not pinned
  bool tshark = true;
  bool keep = false;
  std::vector<std::string> mixes;
  unsigned concurrent = 8;  // host pairs at once in the sharded measurement; 0: none
};

constexpr const char* kUsage =
    "usage: ts_bench_analyze [--packets N] [--memory-packets N|0] [--profile-packets N|0]\n"
    "                        [--mix pptp|l2tp]... [--workdir DIR] [--tunnelscope PATH]\n"
    "                        [--doc FILE|--no-doc] [--cpu N|-1] [--no-tshark] [--keep]\n"
    "                        [--concurrent N|0]\n"
    "  --packets N          packets in each capture (default 1000000; 10000000 for the long run)\n"
    "  --memory-packets N   length of a longer capture for the memory comparison (repeatable;\n"
    "                       default 2 x --packets; 0: none)\n"
    "  --profile-packets N  packets profiled under callgrind (default 50000)\n"
    "  --cpu N              core the tools are pinned to (default: the last one; -1: none)\n"
    "  --keep               keep the captures in --workdir (default: removed at the end)\n"
    "  --concurrent N       host pairs at once in the capture for analyze -j N on one file\n"
    "                       (default 8; 0: no sharded measurement)\n";

std::uint64_t parse_count(const std::string& s) {
  std::size_t used = 0;
  const auto v = std::stoull(s, &used);
  if (used != s.size()) throw std::invalid_argument(s);
  return v;
}

// Parses argv; nullopt (after printing why) when the benchmark must not run.
std::optional<Args> parse_args(int argc, char** argv) {
  Args a;
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const auto& k = args[i];
      auto value = [&]() -> const std::string& {
        if (i + 1 >= args.size()) throw std::invalid_argument(k + " needs a value");
        return args[++i];
      };
      if (k == "--help" || k == "-h") {
        std::printf("%s", kUsage);
        std::exit(0);
      } else if (k == "--packets")
        a.packets = parse_count(value());
      else if (k == "--memory-packets")
        a.memory_packets.push_back(parse_count(value()));
      else if (k == "--profile-packets")
        a.profile_packets = parse_count(value());
      else if (k == "--workdir")
        a.workdir = value();
      else if (k == "--tunnelscope")
        a.tunnelscope = value();
      else if (k == "--doc")
        a.doc = value();
      else if (k == "--no-doc")
        a.doc.clear();
      else if (k == "--cpu")
        a.cpu = std::stoi(value());
      else if (k == "--mix")
        a.mixes.push_back(value());
      else if (k == "--no-tshark")
        a.tshark = false;
      else if (k == "--keep")
        a.keep = true;
      else if (k == "--concurrent")
        a.concurrent = static_cast<unsigned>(parse_count(value()));
      else
        throw std::invalid_argument("unknown option " + k);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ts_bench_analyze: %s\n%s", e.what(), kUsage);
    return std::nullopt;
  }
  if (a.packets == 0) a.packets = 1;
  if (a.memory_packets.empty()) a.memory_packets = {2 * a.packets};
  std::erase(a.memory_packets, 0);
  if (a.mixes.empty()) a.mixes = {"pptp", "l2tp"};
  if (a.cpu == -2) a.cpu = static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN)) - 1;
  return a;
}

MixSpec mix_spec(const std::string& name) {
  MixSpec s;
  s.scenario = name;
  s.sessions = 100;
  s.pings = 300;
  return s;
}

std::string mix_description(const MixSpec& s) {
  return fmt::format(
      "Each run: scenario `{}` with {} calls up at once, {} pings each (one a second, "
      "both directions), LCP echoes every 15 s, held {} s, then torn down.",
      s.scenario, s.sessions, s.pings, s.pings + 10);
}

std::string capture_path(const Args& a, const std::string& mix, std::uint64_t packets) {
  return fmt::format("{}/{}-{}.pcap", a.workdir, mix, packets);
}

// Builds the capture, reporting how long the simulator took; exits the program on failure.
CaptureInfo build_capture(const std::string& path, const MixSpec& spec, std::uint64_t packets,
                          double* seconds) {
  std::printf("building %s (%llu packets)...\n", path.c_str(),
              static_cast<unsigned long long>(packets));
  std::fflush(stdout);
  const auto start = std::chrono::steady_clock::now();
  auto built = write_synthetic_capture(path, spec, packets);
  if (!built.ok()) {
    std::fprintf(stderr, "ts_bench_analyze: %s\n", built.error().c_str());
    std::exit(2);
  }
  if (seconds)
    *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return built.value();
}

ToolRun timed(const Args& a, const std::string& tool, const std::vector<std::string>& argv) {
  std::printf("  %-18s ", tool.c_str());
  std::fflush(stdout);
  ToolRun r{tool, run_child(argv, a.cpu)};
  std::printf("%8.2f s wall, %8.2f s CPU, %8.1f MB peak RSS %s\n", r.usage.wall_s, r.usage.cpu_s(),
              static_cast<double>(r.usage.peak_rss_kb) / 1024.0,
              r.usage.ok ? "" : r.usage.failure.c_str());
  return r;
}

// An untimed run whose text output is kept: the analysis must have read every packet (the
// "input" line) and its diagnostics summary goes into the report, so the figures are known
// to come from a complete, clean analysis of the synthetic capture.
std::string check_analysis(const Args& a, const std::string& path, std::uint64_t packets) {
  const auto out = path + ".txt";
  const auto run = run_child({a.tunnelscope, "analyze", "-o", out, path});
  const auto input = command_output("grep -m1 '^input ' '" + out + "'");
  const auto diagnostics = command_output("grep -m1 '^Diagnostics:' '" + out + "'");
  if (!a.keep) std::filesystem::remove(out);
  if (!run.ok || !input || !diagnostics) return "analysis check FAILED: " + run.failure;
  if (input->find(fmt::format(": {} frames,", packets)) == std::string::npos)
    return "analysis check FAILED: " + *input;
  auto summary = fmt::format("tunnelscope read all {} packets; {}", packets, *diagnostics);
  while (!summary.empty() && summary.back() == '\n') summary.pop_back();
  return summary;
}

MixResult measure_mix(const Args& a, const std::string& name) {
  MixResult m;
  m.name = name;
  const auto spec = mix_spec(name);
  m.description = mix_description(spec);
  const auto path = capture_path(a, name, a.packets);
  m.capture = build_capture(path, spec, a.packets, &m.generate_s);
  m.check = check_analysis(a, path, m.capture.packets);
  std::printf("  %s\n", m.check.c_str());
  m.runs.push_back(timed(a, "tunnelscope text", {a.tunnelscope, "analyze", path}));
  m.runs.push_back(
      timed(a, "tunnelscope json", {a.tunnelscope, "analyze", "--format", "json", path}));
  m.runs.push_back(
      timed(a, "libpcap loop",
            {self_executable(), "--pcap-loop", path, std::to_string(m.capture.packets)}));
  if (a.tshark) m.runs.push_back(timed(a, "tshark", {"tshark", "-r", path, "-n"}));
  return m;
}

void measure_memory(const Args& a, BenchReport& r) {
  if (a.memory_packets.empty() || r.mixes.empty()) return;
  const auto& base = r.mixes.front();
  r.memory_mix = base.name;
  if (const auto* text = base.find("tunnelscope text"))
    r.memory.push_back({base.capture.packets, text->usage});
  for (const auto packets : a.memory_packets) {
    const auto path = capture_path(a, base.name, packets);
    const auto info = build_capture(path, mix_spec(base.name), packets, nullptr);
    const auto run = timed(a, "tunnelscope text", {a.tunnelscope, "analyze", path});
    r.memory.push_back({info.packets, run.usage});
    if (!a.keep) std::filesystem::remove(path);
  }
}

// analyze -j 1, 2 and (more cores) one per core on one capture of many host pairs: wall
// time, and whether every report is byte-identical to -j 1's.
void measure_sharded(const Args& a, BenchReport& r) {
  if (a.concurrent == 0) return;
  MixSpec spec = mix_spec("pptp");
  spec.concurrent = a.concurrent;
  ShardedResult s;
  s.description = fmt::format("Scenario `pptp`, {} runs at once on {} address pairs, interleaved by time; each run "
                              "{} calls, {} pings each.", spec.concurrent, spec.concurrent, spec.sessions, spec.pings);
  const auto path = fmt::format("{}/pptp-hosts{}-{}.pcap", a.workdir, spec.concurrent, a.packets);
  s.capture = build_capture(path, spec, a.packets, nullptr);
  const unsigned cores = static_cast<unsigned>(::sysconf(_SC_NPROCESSORS_ONLN));
  std::vector<unsigned> jobs = {1, 2};
  if (cores > 2) jobs.push_back(cores);
  s.identical = true;
  std::string first_report;
  for (const unsigned j : jobs) {
    const auto out = fmt::format("{}/sharded-j{}.txt", a.workdir, j);
    std::printf("  analyze -j %-7u ", j);
    std::fflush(stdout);
    const auto u = run_child({a.tunnelscope, "analyze", "-j", std::to_string(j), "-o", out, path}, -1);
    std::printf("%8.2f s wall, %8.2f s CPU %s\n", u.wall_s, u.cpu_s(), u.ok ? "" : u.failure.c_str());
    s.runs.emplace_back(j, u);
    if (j == 1) first_report = out;
    else if (!u.ok || !command_output("cmp -s '" + first_report + "' '" + out + "' && echo same")
                          .value_or("").starts_with("same"))
      s.identical = false;
    if (!a.keep && j != 1) std::filesystem::remove(out);
  }
  if (!a.keep) {
    std::filesystem::remove(first_report);
    std::filesystem::remove(path);
  }
  r.sharded = std::move(s);
}

void profile(const Args& a, BenchReport& r) {
  if (a.profile_packets == 0) return;
  if (!callgrind_available()) {
    std::printf("valgrind/callgrind_annotate not installed: no instruction profile\n");
    return;
  }
  for (const auto& m : r.mixes) {
    const auto path = capture_path(a, m.name, a.profile_packets);
    build_capture(path, mix_spec(m.name), a.profile_packets, nullptr);
    std::printf("  callgrind on %s...\n", path.c_str());
    std::fflush(stdout);
    ProfileResult p{
        m.name, a.profile_packets, {}, fmt::format("{}/callgrind.{}.out", a.workdir, m.name)};
    p.profile = run_callgrind({a.tunnelscope, "analyze", path}, p.out_file, 15);
    r.profiles.push_back(std::move(p));
    if (!a.keep) std::filesystem::remove(path);
  }
}

std::string command_line(int argc, char** argv) {
  std::string s = "ts_bench_analyze";
  for (int i = 1; i < argc; ++i) s += std::string(" ") + argv[i];
  return s;
}

int run(int argc, char** argv) {
  const auto args = parse_args(argc, argv);
  if (!args) return 2;
  const auto& a = *args;
  std::filesystem::create_directories(a.workdir);
  BenchReport r;
  r.machine = describe_machine();
  r.command = command_line(argc, argv);
  r.cpu = a.cpu;
  if (a.tshark) {
    const auto version = command_output("tshark --version 2>/dev/null | head -n 1");
    if (version && !version->empty())
      r.machine.tshark_version = version->substr(0, version->find('\n'));
  }
  r.floor = run_child({"/bin/true"}, a.cpu);
  Args effective = a;
  effective.tshark = !r.machine.tshark_version.empty();
  for (const auto& mix : a.mixes) r.mixes.push_back(measure_mix(effective, mix));
  measure_memory(effective, r);
  measure_sharded(effective, r);
  profile(effective, r);
  if (!a.keep)
    for (const auto& m : r.mixes) std::filesystem::remove(capture_path(a, m.name, a.packets));
  std::printf("\n%s", render_terminal(r).c_str());
  if (!a.doc.empty()) {
    if (!update_document(a.doc, render_markdown(r))) {
      std::fprintf(stderr, "ts_bench_analyze: cannot write %s\n", a.doc.c_str());
      return 2;
    }
    std::printf("wrote %s\n", a.doc.c_str());
  }
  return 0;
}

}  // namespace

}  // namespace ts::bench

int main(int argc, char** argv) {
  if (argc > 1 && argv[1] == ts::bench::kMeasureFlag)
    return ts::bench::measure_child_main(argc, argv);
  // Helper mode: the libpcap baseline, run as a child of the benchmark.
  if (argc == 4 && std::string(argv[1]) == "--pcap-loop") {
    const auto count = ts::bench::pcap_loop_count(argv[2]);
    std::printf("%lld packets\n", static_cast<long long>(count));
    return count >= 0 && std::to_string(count) == argv[3] ? 0 : 1;
  }
  return ts::bench::run(argc, argv);
}
