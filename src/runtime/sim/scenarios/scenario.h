#pragma once
// Scenarios: ready-made simulations of whole deployments (a PNS calling a PAC, an LAC
// bringing calls to an LNS, an LNS dialling out), built from the reference endpoints on a
// Simulator. `tunnelscope simulate` runs one; tests run them all on clean and lossy links.
//
// Contract: build() adds nodes, links and scheduled commands to a fresh Simulator; the
// caller runs it (bounded by ScenarioOptions::time_limit) and then asks outcome(), which
// compares what happened with what the scenario expects (every tunnel and call up, every
// PPP link in the network phase, every ping answered on a clean link, clean teardown, no
// peer fault between the reference endpoints) and summarises it. The same
// (scenario, options) always gives the same simulation, pcap bytes included.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/time.h"
#include "src/runtime/sim/simulator.h"

namespace ts::sim {

struct ScenarioOptions {
  unsigned sessions = 1;                               // calls (sessions) to bring up
  double loss = 0.0;                                   // random loss, each direction
  Duration delay = std::chrono::milliseconds(10);      // one-way link delay
  Duration jitter{0};
  std::uint64_t seed = 1;
  unsigned pings = 4;                                  // ICMP echo requests per call
  Duration hold = std::chrono::seconds(60);            // how long calls stay up before teardown
  Duration time_limit = std::chrono::minutes(15);      // bound on virtual time
};

struct ScenarioOutcome {
  bool ok = false;
  std::vector<std::string> summary;   // one line each: tunnels, calls, PPP links, data
  std::vector<std::string> problems;  // expectations not met (empty when ok)
};

class Scenario {
 public:
  virtual ~Scenario() = default;
  virtual std::string_view name() const = 0;
  // One line: who talks to whom, with what.
  virtual std::string description() const = 0;
  virtual void build(Simulator& sim, const ScenarioOptions& options) = 0;
  virtual ScenarioOutcome outcome(const Simulator& sim) const = 0;
};

struct ScenarioInfo {
  std::string_view name;
  std::string_view summary;
};
// Every scenario, in the order `simulate --list` shows them.
std::vector<ScenarioInfo> scenario_list();
// nullptr for an unknown name.
std::unique_ptr<Scenario> make_scenario(std::string_view name);

// Builds and runs `scenario` on `sim` until idle or options.time_limit.
RunResult run_scenario(Scenario& scenario, Simulator& sim, const ScenarioOptions& options);

// Registers the diagnostic tables of every endpoint (for `tunnelscope diagnostics`).
void link_endpoint_diagnostic_tables();

}  // namespace ts::sim
