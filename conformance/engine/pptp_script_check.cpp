#include "conformance/engine/pptp_script_check.h"

#include <algorithm>
#include <vector>

#include "conformance/engine/pptp_message_builder.h"
#include "conformance/engine/pptp_wire_message.h"

namespace ts::conformance {

namespace {

// The fields a message of this name shows (pptp_wire_message.h); nullopt: no such message.
std::optional<std::vector<std::string>> fields_of(const std::string& name) {
  if (name == "GRE")
    return std::vector<std::string>{"call_id", "payload_length", "seq",          "ack",
                                    "payload", "protocol_type",  "reserved_bits"};
  if (name == kClosedMessage) return std::vector<std::string>{"reason"};
  if (name == "DESYNC") return std::vector<std::string>{"length"};
  // An unknown type shows the header only: the fields of any message's header.
  const bool unknown_type = name.rfind("TYPE", 0) == 0 && name.size() > 4 &&
                            std::all_of(name.begin() + 4, name.end(), [](char c) { return c >= '0' && c <= '9'; });
  auto body = pptp_body(unknown_type ? "ECHORQ" : name);
  if (!body.ok()) return std::nullopt;
  auto bytes = build_pptp_message(std::move(body.value()), {});
  auto w = bytes.ok() ? pptp_wire_message(bytes.value()) : std::nullopt;
  if (!w) return std::nullopt;
  std::vector<std::string> keys;
  for (const auto& [k, v] : w->fields)
    if (!unknown_type || k != "identifier") keys.push_back(k);
  if (unknown_type) keys.push_back("data");
  return keys;
}

}  // namespace

std::optional<std::pair<int, std::string>> pptp_script_problem(const Script& script) {
  for (const Step& st : script.steps) {
    if (st.kind != StepKind::expect && st.kind != StepKind::expect_none) continue;
    const auto keys = fields_of(st.name);
    if (!keys) return std::pair{st.line, "a PPTP device sends no '" + st.name + "'"};
    for (const Field& f : st.fields)
      if (std::find(keys->begin(), keys->end(), f.key) == keys->end())
        return std::pair{st.line, st.name + " has no field '" + f.key + "'"};
  }
  return std::nullopt;
}

}  // namespace ts::conformance
