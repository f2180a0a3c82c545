#include "conformance/engine/script_send_command.h"

namespace ts::conformance {

engine::Command make_send_command(const std::string& name, const std::vector<ResolvedField>& fields) {
  engine::Command c{"send", {{"name", name}}};
  for (const auto& f : fields) c.args.emplace_back(f.deliberate ? "!field" : "field", f.key + "=" + f.value);
  return c;
}

SendRequest parse_send_command(const engine::Command& c) {
  SendRequest r;
  for (const auto& [k, v] : c.args) {
    if (k == "name") {
      r.name = v;
    } else {
      const auto eq = v.find('=');
      r.fields.push_back(ResolvedField{v.substr(0, eq), eq == std::string::npos ? "" : v.substr(eq + 1), k == "!field"});
    }
  }
  return r;
}

}  // namespace ts::conformance
