#pragma once
// pptp_script_problem(): what makes a PPTP script unable to mean anything, found before it
// runs, so that a typo is an error verdict and never looks like a device failure: an
// expectation (`<` step) naming a message a PPTP device cannot send (not one of the
// abbreviations of pptp_wire_message.h, TYPE<n>, GRE, CLOSED or DESYNC), or a field that
// message never has. Returns the step's line and one sentence; nullopt when all is well.
// (Sends are checked when they are built: pptp_message_builder.h.)
#include <optional>
#include <string>
#include <utility>

#include "conformance/engine/script.h"

namespace ts::conformance {

std::optional<std::pair<int, std::string>> pptp_script_problem(const Script& script);

}  // namespace ts::conformance
