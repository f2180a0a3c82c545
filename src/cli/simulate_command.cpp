// `tunnelscope simulate`: run a ready-made scenario of reference endpoints on the
// deterministic simulator and write what crossed the wire as a pcap. See docs/cli.md.
#include <boost/program_options.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <fmt/format.h>

#include "src/cli/subcommand.h"
#include "src/runtime/sim/scenarios/scenario.h"

namespace ts::cli {

namespace po = boost::program_options;

namespace {

struct SimulateArgs {
  std::string scenario;
  std::string pcap;
  unsigned sessions = 1;
  double loss = 0.0;
  double delay_ms = 10.0;
  double jitter_ms = 0.0;
  std::uint64_t seed = 1;
  unsigned pings = 4;
  double hold_s = 60.0;
  bool trace = false;
  bool list = false;
};

po::options_description simulate_options(SimulateArgs& a) {
  po::options_description d("tunnelscope simulate SCENARIO [options] --pcap FILE");
  d.add_options()("help,h", "show this help")("list", po::bool_switch(&a.list), "list the scenarios")(
      "pcap,w", po::value(&a.pcap), "write the simulated wire to FILE (pcap, Ethernet)")(
      "sessions,n", po::value(&a.sessions)->default_value(1), "calls to bring up (1-1000)")(
      "loss", po::value(&a.loss)->default_value(0.0), "random loss probability per packet, each direction (0-0.9)")(
      "delay", po::value(&a.delay_ms)->default_value(10.0), "one-way link delay in milliseconds")(
      "jitter", po::value(&a.jitter_ms)->default_value(0.0), "random extra delay up to this many milliseconds")(
      "seed", po::value(&a.seed)->default_value(1), "random seed: same seed, same bytes")(
      "pings", po::value(&a.pings)->default_value(4), "ICMP echo requests each call sends")(
      "hold", po::value(&a.hold_s)->default_value(60.0), "seconds the calls stay up before teardown")(
      "trace", po::bool_switch(&a.trace), "print the timeline (state changes, faults, link events)");
  return d;
}

std::optional<int> parse(const std::vector<std::string>& args, SimulateArgs& a) {
  auto desc = simulate_options(a);
  po::options_description hidden;
  hidden.add_options()("scenario", po::value(&a.scenario));
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("scenario", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "tunnelscope simulate: %s\n", e.what());
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << desc << "\nscenarios:\n";
    for (const auto& s : sim::scenario_list()) std::cout << fmt::format("  {:<14} {}\n", s.name, s.summary);
    return kExitOk;
  }
  if (a.list) {
    for (const auto& s : sim::scenario_list()) std::cout << fmt::format("{:<14} {}\n", s.name, s.summary);
    return kExitOk;
  }
  auto fail = [](const std::string& msg) {
    std::fprintf(stderr, "tunnelscope simulate: %s\n", msg.c_str());
    return std::optional<int>(kExitUsage);
  };
  if (a.scenario.empty()) return fail("no scenario given (tunnelscope simulate --list)");
  if (a.pcap.empty()) return fail("--pcap FILE is required");
  if (a.sessions < 1 || a.sessions > 1000) return fail("--sessions must be between 1 and 1000");
  if (!(a.loss >= 0.0 && a.loss <= 0.9)) return fail("--loss must be between 0 and 0.9");
  if (!(a.delay_ms >= 0.0 && a.delay_ms <= 10000.0)) return fail("--delay must be between 0 and 10000 ms");
  if (!(a.jitter_ms >= 0.0 && a.jitter_ms <= 10000.0)) return fail("--jitter must be between 0 and 10000 ms");
  if (a.pings > 10000) return fail("--pings must be at most 10000");
  if (!(a.hold_s >= 0.0 && a.hold_s <= 3600.0)) return fail("--hold must be between 0 and 3600 s");
  return std::nullopt;
}

Duration from_ms(double ms) { return Duration(static_cast<std::int64_t>(ms * 1e6)); }

}  // namespace

int run_simulate(const std::vector<std::string>& args) {
  SimulateArgs a;
  if (const auto code = parse(args, a)) return *code;
  auto scenario = sim::make_scenario(a.scenario);
  if (!scenario) {
    std::fprintf(stderr, "tunnelscope simulate: unknown scenario '%s' (tunnelscope simulate --list)\n",
                 a.scenario.c_str());
    return kExitUsage;
  }
  // Fail before simulating when the pcap cannot be written.
  if (std::FILE* probe = std::fopen(a.pcap.c_str(), "wb")) {
    std::fclose(probe);
  } else {
    std::fprintf(stderr, "tunnelscope simulate: %s: %s\n", a.pcap.c_str(), std::strerror(errno));
    return kExitUsage;
  }
  sim::ScenarioOptions o;
  o.sessions = a.sessions;
  o.loss = a.loss;
  o.delay = from_ms(a.delay_ms);
  o.jitter = from_ms(a.jitter_ms);
  o.seed = a.seed;
  o.pings = a.pings;
  o.hold = from_ms(a.hold_s * 1000.0);
  sim::SimOptions so;
  so.seed = a.seed;
  sim::Simulator simulator(so);
  std::cout << fmt::format("scenario {}: {}\n", scenario->name(), scenario->description());
  std::cout << fmt::format("seed {}, {} session(s), loss {:.1f}%, delay {} ms, jitter {} ms\n", a.seed,
                           a.sessions, a.loss * 100.0, a.delay_ms, a.jitter_ms);
  const auto run = sim::run_scenario(*scenario, simulator, o);
  if (a.trace) {
    for (const auto& r : simulator.trace()) {
      static constexpr const char* kKinds[] = {"state", "fault", "channel", "link"};
      std::cout << fmt::format("{:>12} {:<6} {:<7} {}\n", format_seconds(r.time - simulator.start()),
                               simulator.name(r.node), kKinds[static_cast<int>(r.kind)], r.text);
    }
  }
  const auto outcome = scenario->outcome(simulator);
  for (const auto& line : outcome.summary) std::cout << "  " << line << "\n";
  for (const auto& p : outcome.problems) std::cout << "  problem: " << p << "\n";
  if (run.stop != sim::RunStop::idle)
    std::cout << fmt::format("  stopped by the {} limit after {} events\n",
                             run.stop == sim::RunStop::time_limit ? "time" : "event", run.events);
  const auto written = simulator.tap().write(a.pcap);
  if (!written.ok()) {
    std::fprintf(stderr, "tunnelscope simulate: %s\n", written.error().c_str());
    return kExitUsage;
  }
  std::cout << fmt::format("wrote {} ({} frames, {:.3f} s of virtual time)\n", a.pcap, written.value(),
                           to_seconds(simulator.now() - simulator.start()));
  std::cout << "result: " << (outcome.ok ? "ok" : "FAILED") << "\n";
  return outcome.ok ? kExitOk : kExitGate;
}

}  // namespace ts::cli
