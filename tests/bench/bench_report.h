#pragma once
// BenchReport: the figures one benchmark run measured, and their two renderings: a plain
// table for the terminal and the generated section of docs/performance.md. Rendering does
// no measuring; every number printed comes from the structures below.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/bench/callgrind_profile.h"
#include "tests/bench/child_run.h"
#include "tests/bench/synthetic_capture.h"

namespace ts::bench {

struct ToolRun {
  std::string tool;  // "tunnelscope text", "tunnelscope json", "libpcap loop", "tshark"
  ChildUsage usage;
};

struct MixResult {
  std::string name;         // "pptp" or "l2tp"
  std::string description;  // what one run of the mix simulates
  CaptureInfo capture;
  double generate_s = 0.0;  // time the simulator took to build the capture
  std::string check;        // what an untimed run of the analysis reported (bench_analyze.cpp)
  std::vector<ToolRun> runs;
  const ToolRun* find(const std::string& tool) const;
};

struct MemoryPoint {
  std::uint64_t packets = 0;
  ChildUsage usage;  // tunnelscope analyze, text output
};

struct ProfileResult {
  std::string mix;
  std::uint64_t packets = 0;
  CallgrindProfile profile;
  std::string out_file;
};

struct Machine {
  std::string cpu_model;
  unsigned cores = 0;
  std::string kernel;
  std::string date_utc;
  std::string tshark_version;  // empty when tshark is not installed
};

// `analyze -j N` on one file of many host pairs (the sharded analysis), against -j 1.
struct ShardedResult {
  std::string description;
  CaptureInfo capture;
  std::vector<std::pair<unsigned, ChildUsage>> runs;  // jobs -> usage (not pinned)
  bool identical = false;  // every -j N report byte-identical to -j 1's
};

struct BenchReport {
  Machine machine;
  std::string command;  // the exact command line of this run
  int cpu = -1;         // the core children were pinned to (-1: not pinned)
  ChildUsage floor;     // /bin/true measured the same way: the launcher's RSS floor
  std::vector<MixResult> mixes;
  std::string memory_mix;
  std::vector<MemoryPoint> memory;  // same mix, growing length
  std::vector<ProfileResult> profiles;
  std::optional<ShardedResult> sharded;
};

Machine describe_machine();

// Packets per second and MB per second of `usage` over `capture` (wall time).
double packets_per_second(const CaptureInfo& capture, const ChildUsage& usage);

std::string render_terminal(const BenchReport& report);
std::string render_markdown(const BenchReport& report);

// Replaces the text between the generated-section markers of `path` with `section` (the file
// keeps its hand-written parts); creates the file with only the section when it is missing
// or has no markers. False when the file cannot be written.
bool update_document(const std::string& path, const std::string& section);

}  // namespace ts::bench
