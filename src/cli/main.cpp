// tunnelscope: entry point. Dispatches to one subcommand per file in src/cli/.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "src/cli/subcommand.h"

namespace {

void usage(std::FILE* to) {
  std::fprintf(to,
               "usage: tunnelscope COMMAND [options]\n\n"
               "commands:\n"
               "  analyze [options] FILE...   decode pcap/pcapng captures into annotated PPTP/L2TP/PPP\n"
               "                              timelines (tunnelscope analyze --help)\n"
               "  simulate SCENARIO --pcap F  run reference endpoints against each other on a simulated,\n"
               "                              optionally lossy link and write the wire as pcap\n"
               "                              (tunnelscope simulate --list)\n"
               "  conform --list | --suite S --selftest   conformance suites with CI verdicts\n"
               "                              (live targets: coming)\n"
               "  emulate ROLE [options]      run a reference L2TP LAC/LNS, PPTP PAC/PNS or PPP peer\n"
               "                              against a real peer (tunnelscope emulate --help)\n"
               "  sniff -i IFACE [options]    live capture: timeline events as they happen, drops reported\n"
               "                              (tunnelscope sniff --help)\n"
               "  diagnostics [--format json] list every diagnostic id with its RFC clause\n"
               "  version                     print the version\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return ts::cli::kExitUsage;
  }
  const std::string cmd = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (cmd == "analyze") return ts::cli::run_analyze(args);
    if (cmd == "diagnostics") return ts::cli::run_diagnostics(args);
    if (cmd == "simulate") return ts::cli::run_simulate(args);
    if (cmd == "conform") return ts::cli::run_conform(args);
    if (cmd == "emulate") return ts::cli::run_emulate(args);
    if (cmd == "sniff") return ts::cli::run_sniff(args);
    if (cmd == "version" || cmd == "--version") {
      std::printf("tunnelscope %s\n", TS_VERSION);
      return ts::cli::kExitOk;
    }
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
      usage(stdout);
      return ts::cli::kExitOk;
    }
  } catch (const std::exception& e) {
    // Only environment problems reach here (e.g. out of memory): wire input never throws.
    std::fprintf(stderr, "tunnelscope: %s\n", e.what());
    return ts::cli::kExitUsage;
  }
  std::fprintf(stderr, "tunnelscope: unknown command '%s'\n", cmd.c_str());
  usage(stderr);
  return ts::cli::kExitUsage;
}
