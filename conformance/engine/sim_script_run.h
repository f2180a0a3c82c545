#pragma once
// SimScriptRun: the protocol-neutral part of running a conformance script in the
// simulator (sim_runner.h states the timing rules): steps in order, sends delivered to the
// script peer as commands at their time, expectations polled every options.step against
// the peer's received messages, directives (wait, drop-next). A protocol runner builds the
// simulator with the device and its script peer, then hands them over in a SimScriptSide.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conformance/engine/matcher.h"
#include "conformance/engine/script.h"
#include "conformance/engine/sim_runner.h"
#include "conformance/engine/verdict.h"
#include "conformance/engine/wire_message.h"
#include "src/runtime/sim/simulator.h"

namespace ts::conformance {

struct SimScriptSide {
  sim::NodeId dut = 0;
  sim::NodeId tester = 0;
  const std::vector<ReceivedMessage>* received = nullptr;  // what the script peer got
  const std::vector<std::string>* errors = nullptr;        // sends the peer could not build
  // drop-next KIND: the rule for packets from the device, nullopt for an unknown KIND.
  std::function<std::optional<sim::DropRule>(const std::string& kind)> drop_rule;
  std::string drop_kinds;  // for the error message: "any, ack, zlb, control or data"
};

// Runs `script` (whose device role the caller checked) to its verdict.
Verdict run_script_steps(const Script& script, sim::Simulator& sim, const SimScriptSide& side,
                         const SimRunOptions& options);

}  // namespace ts::conformance
