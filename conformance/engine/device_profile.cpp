#include "conformance/engine/device_profile.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "conformance/engine/text_number.h"

namespace ts::conformance {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

Duration from_seconds(double s) { return Duration(static_cast<std::int64_t>(s * 1e9)); }

}  // namespace

bool DeviceProfile::claims(const std::string& feature) const {
  return std::find(features.begin(), features.end(), feature) != features.end();
}

Result<DeviceProfile> parse_device_profile(const std::string& text, const std::string& file, DeviceProfile p) {
  std::istringstream in(text);
  std::string raw;
  int line = 0;
  while (std::getline(in, raw)) {
    ++line;
    auto err = [&](const std::string& why) { return Error{fmt::format("{}:{}: {}", file, line, why)}; };
    const std::string stripped = trim(raw);
    if (stripped.empty() || stripped[0] == '#') continue;
    const auto eq = stripped.find('=');
    if (eq == std::string::npos) return err("expected KEY = VALUE");
    const std::string key = trim(stripped.substr(0, eq));
    std::string value = trim(stripped.substr(eq + 1));
    // " # ..." ends a value with a comment, except a shell command's (call-trigger).
    if (key != "call-trigger")
      if (const auto hash = value.find(" #"); hash != std::string::npos) value = trim(value.substr(0, hash));
    auto seconds = [&](Duration& slot) -> Result<bool> {
      const auto s = parse_seconds(value);
      if (!s) return err(fmt::format("{} must be a number of seconds, not '{}'", key, value));
      slot = from_seconds(*s);
      return true;
    };
    Result<bool> r = true;
    if (key == "name") p.name = value;
    else if (key == "target") p.target = value;
    else if (key == "local") p.local = value;
    else if (key == "secret") p.secret = value;
    else if (key == "username") p.username = value;
    else if (key == "password") p.password = value;
    else if (key == "call-trigger") p.call_trigger = value;
    else if (key == "ppp-transport") {
      if (value != "l2tp") return err("ppp-transport must be l2tp, not '" + value + "'");
      p.ppp_transport = value;
    }
    else if (key == "port") {
      const auto n = parse_number(value);
      if (!n || *n == 0 || *n > 65535) return err("port must be 1 to 65535, not '" + value + "'");
      p.port = static_cast<std::uint16_t>(*n);
    } else if (key == "features") {
      p.features.clear();
      std::istringstream words(value);
      for (std::string w; words >> w;) p.features.push_back(w);
    } else if (key == "slack") r = seconds(p.slack);
    else if (key == "default-window") r = seconds(p.default_window);
    else if (key == "settle") r = seconds(p.settle);
    else if (key == "script-limit") r = seconds(p.script_limit);
    else return err("unknown setting '" + key + "'");
    if (!r.ok()) return Error{r.error()};
  }
  return p;
}

}  // namespace ts::conformance
