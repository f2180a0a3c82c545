#pragma once
// Each subcommand is one function taking its own arguments (argv after the subcommand
// name) and returning the process exit code: 0 success, 1 a gating condition failed
// (e.g. --fail-on), 2 usage or environment error (message on stderr).
#include <string>
#include <vector>

namespace ts::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitGate = 1;
inline constexpr int kExitUsage = 2;

int run_analyze(const std::vector<std::string>& args);
int run_diagnostics(const std::vector<std::string>& args);
int run_emulate(const std::vector<std::string>& args);
int run_simulate(const std::vector<std::string>& args);
int run_conform(const std::vector<std::string>& args);
int run_sniff(const std::vector<std::string>& args);

}  // namespace ts::cli
