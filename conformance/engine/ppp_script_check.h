#pragma once
// ppp_script_problem(): what makes a PPP script unable to mean anything, found before it
// runs, so that a typo is an error verdict and never looks like a device failure: an
// expectation (`<` step) naming a message a PPP device cannot send (not a name of
// ppp_wire_message.h: LCP.*, IPCP.*, LCP.Code<n>, PAP.*, CHAP.*, FRAME, CLOSED), or a
// field that message never has (options of another protocol, `magic` on a ConfReq ...).
// Returns the step's line and one sentence; nullopt when all is well. (Sends are checked
// when they are built: ppp_message_builder.h, ppp_script_peer.h.)
#include <optional>
#include <string>
#include <utility>

#include "conformance/engine/script.h"

namespace ts::conformance {

std::optional<std::pair<int, std::string>> ppp_script_problem(const Script& script);

}  // namespace ts::conformance
