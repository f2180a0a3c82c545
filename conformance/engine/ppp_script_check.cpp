#include "conformance/engine/ppp_script_check.h"

#include <algorithm>
#include <vector>

#include "conformance/engine/ppp_message_builder.h"
#include "conformance/engine/ppp_wire_message.h"
#include "conformance/engine/text_number.h"
#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/ppp_protocols.h"

namespace ts::conformance {

namespace {

namespace pp = ts::ppp;
using Keys = std::vector<std::string>;

// The fields of each message shape (ppp_wire_message.h), as data.
Keys control_fields(std::uint16_t protocol, std::uint8_t code) {
  Keys k{"id", "length"};
  if (pp::code_has_options(code)) {
    k.emplace_back("options");
    for (const auto& o : ppp_option_keys())
      if (o.protocol == protocol) k.emplace_back(o.key);
  } else if (code == pp::code::kCodeReject) {
    k.insert(k.end(), {"rejected_code", "rejected_id", "rejected"});
  } else if (code == pp::code::kProtocolReject) {
    k.insert(k.end(), {"rejected_protocol", "rejected"});
  } else if (code >= pp::code::kEchoRequest && code <= pp::code::kTimeRemaining) {
    k.insert(k.end(), {"magic", "data"});
  } else {
    k.emplace_back("data");
  }
  return k;
}

std::optional<Keys> auth_fields(const std::string& name) {
  if (name == "PAP.AuthReq") return Keys{"id", "peer_id", "password", "valid"};
  if (name == "PAP.AuthAck" || name == "PAP.AuthNak" || name == "CHAP.Failure") return Keys{"id", "message"};
  if (name == "CHAP.Challenge") return Keys{"id", "value", "name"};
  if (name == "CHAP.Response") return Keys{"id", "value", "name", "peer_challenge", "nt_response", "valid"};
  if (name == "CHAP.Success") return Keys{"id", "message", "authenticator_response"};
  return std::nullopt;
}

// The fields a message of this name shows; nullopt: no such message.
std::optional<Keys> fields_of(const std::string& name) {
  if (name == "FRAME") return Keys{"protocol", "info"};
  if (name == kPppClosedMessage) return Keys{"reason"};
  if (auto k = auth_fields(name)) return k;
  const auto dot = name.find('.');
  const auto protocol = dot == std::string::npos ? 0 : ppp_script_protocol(std::string_view(name).substr(0, dot));
  if (protocol != pp::kLcp && protocol != pp::kIpcp) return std::nullopt;
  const auto rest = std::string_view(name).substr(dot + 1);
  if (rest == "Truncated") return Keys{"length"};
  if (rest.rfind("Code", 0) == 0 && parse_number(rest.substr(4))) return Keys{"id", "length", "data"};
  const auto code = ppp_message_code(name);
  if (!code.ok()) return std::nullopt;
  return control_fields(protocol, code.value().second);
}

bool raw_option(const std::string& key) {
  return key.size() > 3 && key.rfind("opt", 0) == 0 && parse_number(std::string_view(key).substr(3));
}

}  // namespace

std::optional<std::pair<int, std::string>> ppp_script_problem(const Script& script) {
  for (const Step& st : script.steps) {
    if (st.kind != StepKind::expect && st.kind != StepKind::expect_none) continue;
    const auto keys = fields_of(st.name);
    if (!keys) return std::pair{st.line, "a PPP device sends no '" + st.name + "'"};
    const bool options = std::find(keys->begin(), keys->end(), "options") != keys->end();
    // nth is on every device message but CLOSED (ppp_script_peer.h).
    const bool counted = st.name != kPppClosedMessage;
    for (const Field& f : st.fields)
      if (std::find(keys->begin(), keys->end(), f.key) == keys->end() && !(options && raw_option(f.key)) &&
          !(counted && f.key == "nth"))
        return std::pair{st.line, st.name + " has no field '" + f.key + "'"};
  }
  return std::nullopt;
}

}  // namespace ts::conformance
