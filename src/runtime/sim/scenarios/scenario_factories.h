#pragma once
// Constructors of the scenarios, one per file; scenario_registry.cpp lists them.
#include <memory>

#include "src/runtime/sim/scenarios/scenario.h"

namespace ts::sim {

std::unique_ptr<Scenario> make_l2tp_scenario(bool dialout);
std::unique_ptr<Scenario> make_pptp_scenario();

}  // namespace ts::sim
