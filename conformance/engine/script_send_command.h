#pragma once
// The engine::Command that carries one script send (`>` step) to a script peer, so every
// driver (simulator, live) delivers sends in time order through Endpoint::handle():
// name "send", args ("name", NAME) then ("field", "KEY=VALUE") or ("!field", "KEY=VALUE")
// (a deliberate field) per field, in the script's order.
#include <string>
#include <utility>
#include <vector>

#include "conformance/engine/matcher.h"
#include "src/engine/endpoint.h"

namespace ts::conformance {

engine::Command make_send_command(const std::string& name, const std::vector<ResolvedField>& fields);

struct SendRequest {
  std::string name;
  std::vector<ResolvedField> fields;
};
// The send a "send" command carries.
SendRequest parse_send_command(const engine::Command& c);

}  // namespace ts::conformance
