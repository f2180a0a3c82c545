// BenchReport rendering: see bench_report.h.
#include "tests/bench/bench_report.h"

#include <fmt/format.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <sstream>

namespace ts::bench {

namespace {

constexpr const char* kBegin = "<!-- bench_analyze: generated section begin -->";
constexpr const char* kEnd = "<!-- bench_analyze: generated section end -->";
constexpr double kTsharkTarget = 40.0;  // issue 5: at least 40x tshark's packets per second
constexpr double kPcapTarget = 1.0;     // issue 5: at least as fast as a libpcap loop
// Peak RSS may rise this much when the capture doubles before memory counts as growing
// with capture length (allocator and page-cache noise stay well below it).
constexpr double kMemoryGrowthLimit = 1.10;

double mb(std::uint64_t bytes) { return static_cast<double>(bytes) / 1e6; }
double rss_mb(const ChildUsage& u) { return static_cast<double>(u.peak_rss_kb) / 1024.0; }

double cpu_packets_per_second(const CaptureInfo& c, const ChildUsage& u) {
  return u.cpu_s() > 0 ? static_cast<double>(c.packets) / u.cpu_s() : 0.0;
}

std::string shorten(std::string s, std::size_t max) {
  if (s.size() > max) s = s.substr(0, max - 3) + "...";
  for (auto& c : s)
    if (c == '|') c = '/';
  return s;
}

struct Ratio {
  double wall = 0.0;
  double cpu = 0.0;
  bool valid = false;
};

Ratio ratio(const MixResult& m, const std::string& ours, const std::string& theirs) {
  const auto* a = m.find(ours);
  const auto* b = m.find(theirs);
  if (!a || !b || !a->usage.ok || !b->usage.ok) return {};
  return Ratio{
      packets_per_second(m.capture, a->usage) / packets_per_second(m.capture, b->usage),
      cpu_packets_per_second(m.capture, a->usage) / cpu_packets_per_second(m.capture, b->usage),
      true};
}

std::string verdict(const Ratio& r, double target) {
  if (!r.valid) return "not measured";
  return fmt::format("{:.2f}x wall, {:.2f}x CPU: {}", r.wall, r.cpu,
                     r.wall >= target && r.cpu >= target ? "met" : "NOT met");
}

void mix_table(std::ostringstream& o, const MixResult& m) {
  o << fmt::format(
      "#### {} ({} packets, {:.1f} MB, {} simulator runs, {:.0f} s of capture time)\n\n", m.name,
      m.capture.packets, mb(m.capture.file_bytes), m.capture.runs, m.capture.seconds);
  o << m.description
    << fmt::format(" Generated in {:.1f} s. Check: {}.\n\n", m.generate_s, m.check);
  o << "| tool | packets/s | MB/s | wall s | CPU s (user+sys) | packets/CPU s | peak RSS MB | "
       "status |\n";
  o << "|---|---:|---:|---:|---:|---:|---:|---|\n";
  for (const auto& r : m.runs) {
    const auto& u = r.usage;
    const double pps = packets_per_second(m.capture, u);
    o << fmt::format(
        "| {} | {:.0f} | {:.1f} | {:.2f} | {:.2f} ({:.2f}+{:.2f}) | {:.0f} | {:.1f} | {} |\n",
        r.tool, pps, u.wall_s > 0 ? mb(m.capture.file_bytes) / u.wall_s : 0.0, u.wall_s, u.cpu_s(),
        u.user_s, u.sys_s, cpu_packets_per_second(m.capture, u), rss_mb(u),
        u.ok ? "ok" : shorten(u.failure, 60));
  }
  o << "\n";
}

void ratio_table(std::ostringstream& o, const BenchReport& r) {
  o << "### Ratios against the issue 5 targets\n\n";
  o << "| mix | text vs tshark (target >= 40x) | json vs tshark (target >= 40x) "
       "| text vs libpcap loop (target >= 1x) | json vs libpcap loop (target >= 1x) |\n";
  o << "|---|---|---|---|---|\n";
  for (const auto& m : r.mixes) {
    o << fmt::format("| {} | {} | {} | {} | {} |\n", m.name,
                     verdict(ratio(m, "tunnelscope text", "tshark"), kTsharkTarget),
                     verdict(ratio(m, "tunnelscope json", "tshark"), kTsharkTarget),
                     verdict(ratio(m, "tunnelscope text", "libpcap loop"), kPcapTarget),
                     verdict(ratio(m, "tunnelscope json", "libpcap loop"), kPcapTarget));
  }
  o << "\nA ratio is tunnelscope's packets per second divided by the other tool's, on wall time "
       "and on CPU time (user+sys); a target counts as met only when both are.\n\n";
}

void memory_table(std::ostringstream& o, const BenchReport& r) {
  if (r.memory.size() < 2) return;
  o << fmt::format("### Peak memory against capture length ({} mix, text output)\n\n",
                   r.memory_mix);
  o << "| packets | peak RSS MB | CPU s | wall s |\n|---:|---:|---:|---:|\n";
  for (const auto& p : r.memory)
    o << fmt::format("| {} | {:.1f} | {:.2f} | {:.2f} |\n", p.packets, rss_mb(p.usage),
                     p.usage.cpu_s(), p.usage.wall_s);
  const auto& a = r.memory.front();
  const auto& b = r.memory.back();
  const double growth =
      static_cast<double>(b.usage.peak_rss_kb) / static_cast<double>(a.usage.peak_rss_kb);
  const double length = static_cast<double>(b.packets) / static_cast<double>(a.packets);
  o << fmt::format(
      "\n{:.1f}x the packets took {:.2f}x the peak RSS: memory {} with capture length "
      "(threshold: more than {:.2f}x counts as growing).\n\n",
      length, growth, growth > kMemoryGrowthLimit ? "GROWS" : "does not grow", kMemoryGrowthLimit);
}

void profile_list(std::ostringstream& o, const char* title, const std::vector<ProfileLine>& lines) {
  o << title << "\n\n| Ir | % | function |\n|---:|---:|---|\n";
  for (const auto& l : lines)
    o << fmt::format("| {} | {:.2f} | `{}` |\n", l.instructions, l.percent,
                     shorten(l.function, 140));
  o << "\n";
}

void profile_section(std::ostringstream& o, const BenchReport& r) {
  for (const auto& p : r.profiles) {
    o << fmt::format("### Callgrind: tunnelscope analyze, first {} packets of the {} mix\n\n",
                     p.packets, p.mix);
    if (!p.profile.ok) {
      o << "Not measured: " << p.profile.failure << "\n\n";
      continue;
    }
    o << fmt::format(
        "{} instructions in all, {:.0f} per packet (process start-up included; "
        "raw output: `{}`).\n\n",
        p.profile.total_instructions,
        static_cast<double>(p.profile.total_instructions) / static_cast<double>(p.packets),
        p.out_file);
    profile_list(o, "Top functions by self cost:", p.profile.self_top);
    profile_list(o, "Top functions by inclusive cost:", p.profile.inclusive_top);
  }
}

std::string first_line_of_file(const std::string& path, const std::string& prefix) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(prefix, 0) == 0) {
      const auto colon = line.find(':');
      return colon == std::string::npos ? line
                                        : line.substr(line.find_first_not_of(" \t", colon + 1));
    }
  return "unknown";
}

}  // namespace

const ToolRun* MixResult::find(const std::string& tool) const {
  for (const auto& r : runs)
    if (r.tool == tool) return &r;
  return nullptr;
}

Machine describe_machine() {
  Machine m;
  m.cpu_model = first_line_of_file("/proc/cpuinfo", "model name");
  m.cores = static_cast<unsigned>(::sysconf(_SC_NPROCESSORS_ONLN));
  utsname u{};
  if (::uname(&u) == 0) m.kernel = fmt::format("{} {} {}", u.sysname, u.release, u.machine);
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  m.date_utc = buf;
  return m;
}

double packets_per_second(const CaptureInfo& capture, const ChildUsage& usage) {
  return usage.wall_s > 0 ? static_cast<double>(capture.packets) / usage.wall_s : 0.0;
}

void sharded_table(std::ostringstream& o, const BenchReport& r) {
  if (!r.sharded || r.sharded->runs.empty()) return;
  const ShardedResult& s = *r.sharded;
  o << "### One file on several cores (`analyze -j N`, sharded by address pair)\n\n";
  o << s.description << fmt::format(" {} packets, {:.1f} MB. Not pinned; report to a file.\n\n",
                                    s.capture.packets, mb(s.capture.file_bytes));
  o << "| -j | wall s | CPU s | packets/s | speed-up vs -j 1 | peak RSS MB |\n|---:|---:|---:|---:|---:|---:|\n";
  const double base = s.runs.front().second.wall_s;
  for (const auto& [jobs, u] : s.runs)
    o << fmt::format("| {} | {:.2f} | {:.2f} | {:.2f} M | {:.2f}x | {:.1f} |\n", jobs, u.wall_s, u.cpu_s(),
                     packets_per_second(s.capture, u) / 1e6, u.wall_s > 0 ? base / u.wall_s : 0.0, rss_mb(u));
  o << fmt::format("\nReports byte-identical to -j 1: **{}**.\n\n", s.identical ? "yes" : "NO");
}

std::string render_markdown(const BenchReport& r) {
  std::ostringstream o;
  o << kBegin << "\n## Measured figures (written by ts_bench_analyze)\n\n";
  o << fmt::format("- Date: {}\n- Machine: {}, {} cores online, {}\n", r.machine.date_utc,
                   r.machine.cpu_model, r.machine.cores, r.machine.kernel);
  o << fmt::format("- Command: `{}`\n", r.command);
  o << fmt::format(
      "- Every tool ran as a child process{}, output to /dev/null, capture file in the page "
      "cache (just written); CPU time and peak RSS from wait4.\n",
      r.cpu >= 0 ? fmt::format(" pinned to CPU {}", r.cpu) : std::string());
  o << fmt::format(
      "- Peak RSS floor of the measurement (`/bin/true` measured the same way, see "
      "tests/bench/child_run.h): {:.1f} MB\n",
      rss_mb(r.floor));
  o << "- tshark: "
    << (r.machine.tshark_version.empty() ? "not installed" : r.machine.tshark_version)
    << " (`tshark -r FILE -n`, default dissectors)\n\n";
  o << "### Throughput\n\n";
  for (const auto& m : r.mixes) mix_table(o, m);
  ratio_table(o, r);
  memory_table(o, r);
  sharded_table(o, r);
  profile_section(o, r);
  o << kEnd << "\n";
  return o.str();
}

std::string render_terminal(const BenchReport& r) {
  std::ostringstream o;
  o << fmt::format("machine: {}, {} cores, {}\n", r.machine.cpu_model, r.machine.cores,
                   r.machine.kernel);
  for (const auto& m : r.mixes) {
    o << fmt::format("\n{}: {} packets, {:.1f} MB ({})\n", m.name, m.capture.packets,
                     mb(m.capture.file_bytes), m.check);
    o << fmt::format("  {:<18} {:>12} {:>8} {:>8} {:>8} {:>9}\n", "tool", "packets/s", "MB/s",
                     "wall s", "CPU s", "RSS MB");
    for (const auto& t : m.runs)
      o << fmt::format("  {:<18} {:>12.0f} {:>8.1f} {:>8.2f} {:>8.2f} {:>9.1f} {}\n", t.tool,
                       packets_per_second(m.capture, t.usage),
                       t.usage.wall_s > 0 ? mb(m.capture.file_bytes) / t.usage.wall_s : 0.0,
                       t.usage.wall_s, t.usage.cpu_s(), rss_mb(t.usage),
                       t.usage.ok ? "" : t.usage.failure);
    o << "  text vs tshark: " << verdict(ratio(m, "tunnelscope text", "tshark"), kTsharkTarget)
      << "\n";
    o << "  json vs tshark: " << verdict(ratio(m, "tunnelscope json", "tshark"), kTsharkTarget)
      << "\n";
    o << "  text vs libpcap loop: "
      << verdict(ratio(m, "tunnelscope text", "libpcap loop"), kPcapTarget) << "\n";
  }
  for (const auto& p : r.memory)
    o << fmt::format("memory ({}): {} packets -> peak RSS {:.1f} MB\n", r.memory_mix, p.packets,
                     rss_mb(p.usage));
  if (r.sharded)
    for (const auto& [jobs, u] : r.sharded->runs)
      o << fmt::format("sharded -j {}: {:.2f} s wall, {:.2f} s CPU, {:.0f} packets/s{}\n", jobs, u.wall_s, u.cpu_s(),
                       packets_per_second(r.sharded->capture, u), r.sharded->identical ? "" : " (REPORT DIFFERS)");
  for (const auto& p : r.profiles)
    if (p.profile.ok)
      o << fmt::format(
          "callgrind ({}, {} packets): {:.0f} instructions/packet; top self: {}\n", p.mix,
          p.packets,
          static_cast<double>(p.profile.total_instructions) / static_cast<double>(p.packets),
          p.profile.self_top.empty() ? "-" : shorten(p.profile.self_top.front().function, 100));
  return o.str();
}

bool update_document(const std::string& path, const std::string& section) {
  std::string text;
  {
    std::ifstream in(path);
    std::ostringstream buf;
    buf << in.rdbuf();
    text = buf.str();
  }
  const auto begin = text.find(kBegin);
  const auto end = text.find(kEnd);
  if (begin != std::string::npos && end != std::string::npos && end > begin) {
    auto after = end + std::string(kEnd).size();
    if (after < text.size() && text[after] == '\n') ++after;
    text = text.substr(0, begin) + section + text.substr(after);
  } else {
    text = section;
  }
  std::ofstream out(path, std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace ts::bench
