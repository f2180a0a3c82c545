#pragma once
// CallgrindProfile: runs a command under valgrind's callgrind tool and reads back the total
// instruction count and the functions that cost the most (exclusive "self" cost and
// inclusive cost), through callgrind_annotate. Used by the benchmark to report instructions
// per packet and the first bottleneck; deterministic, unlike timings on a shared machine.
//
// Contract: needs `valgrind` and `callgrind_annotate` in PATH (available() says whether they
// are). The command's own output goes to /dev/null. ok = false with a reason when valgrind
// or the command fails or the annotation cannot be read.
#include <cstdint>
#include <string>
#include <vector>

namespace ts::bench {

struct ProfileLine {
  std::uint64_t instructions = 0;
  double percent = 0.0;
  std::string function;  // "file:function" as callgrind_annotate names it
};

struct CallgrindProfile {
  bool ok = false;
  std::string failure;
  std::uint64_t total_instructions = 0;
  std::vector<ProfileLine> self_top;       // by exclusive cost, highest first
  std::vector<ProfileLine> inclusive_top;  // by inclusive cost, highest first
};

bool callgrind_available();

// Profiles `argv` and keeps the `top` most expensive functions of each list; the raw
// callgrind output is left at `out_file` for callgrind_annotate or kcachegrind.
CallgrindProfile run_callgrind(const std::vector<std::string>& argv, const std::string& out_file,
                               std::size_t top);

}  // namespace ts::bench
