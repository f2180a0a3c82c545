#pragma once
// ChildRun: runs a command as a child process and measures it the way the benchmark reports
// it: wall time (steady clock, fork to reap), user and system CPU time and peak resident set
// size from wait4's rusage (the child alone, not the benchmark process). The child's standard
// output and standard error go to /dev/null, so output formatting is timed but not terminal
// or disk speed.
//
// Contract: argv[0] is looked up in PATH (execvp). With cpu >= 0 the child is pinned to that
// CPU before exec (sched_setaffinity), so a single-threaded tool is measured on one core.
// A command that cannot start, dies from a signal or exits non-zero gives ok = false and a
// reason; its measurements are still filled in.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ts::bench {

struct ChildUsage {
  bool ok = false;
  std::string failure;  // why ok is false
  double wall_s = 0.0;
  double user_s = 0.0;
  double sys_s = 0.0;
  long peak_rss_kb = 0;  // ru_maxrss (kilobytes on Linux)
  double cpu_s() const { return user_s + sys_s; }
};

ChildUsage run_child(const std::vector<std::string>& argv, int cpu = -1);

// Why run_child needs a launcher: Linux keeps a process's peak RSS across fork and exec, so a
// child forked straight from the benchmark (hundreds of MB after simulating) would report the
// benchmark's peak as its own. run_child therefore re-executes this program with kMeasureFlag
// (a fresh, small process), which forks and measures the command and prints the figures on
// one line for run_child to read. The launcher's own start-up RSS (a few MB) stays a floor
// under every peak RSS reported; measure it by running /bin/true.
// The benchmark's main() must call measure_child_main when argv[1] is kMeasureFlag.
inline constexpr std::string_view kMeasureFlag = "--measure-child";
int measure_child_main(int argc, char** argv);

// The measurement itself, done in the calling process (used by the launcher).
ChildUsage measure_direct(const std::vector<std::string>& argv, int cpu);

// Standard output of `command` run by /bin/sh (popen), or nullopt when it cannot run or
// exits non-zero. For short queries (versions, annotations), not for timed runs.
std::optional<std::string> command_output(const std::string& command);

// Where this executable is (/proc/self/exe), for re-running itself in a helper mode.
std::string self_executable();

}  // namespace ts::bench
