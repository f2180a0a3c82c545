#include "conformance/engine/script_peer.h"

namespace ts::conformance {

engine::Command script_send_command(const std::string& name, const std::vector<ResolvedField>& fields) {
  engine::Command c{"send", {{"name", name}}};
  for (const auto& f : fields) c.args.emplace_back(f.deliberate ? "!field" : "field", f.key + "=" + f.value);
  return c;
}

std::pair<std::string, std::vector<ResolvedField>> parse_send_command(const engine::Command& command) {
  std::string name;
  std::vector<ResolvedField> fields;
  for (const auto& [k, v] : command.args) {
    if (k == "name") {
      name = v;
    } else {
      const auto eq = v.find('=');
      fields.push_back(ResolvedField{v.substr(0, eq), eq == std::string::npos ? "" : v.substr(eq + 1), k == "!field"});
    }
  }
  return {name, fields};
}

}  // namespace ts::conformance
