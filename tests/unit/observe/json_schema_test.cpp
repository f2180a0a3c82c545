// The JSON Lines output keeps the promises of docs/json-schema.md: every golden output parses,
// every record names its type, and each type carries the documented keys (null when absent,
// never missing). Catches a renamed or dropped field that a golden update would let through.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "src/core/diagnostic.h"
#include "src/observe/analyzer.h"

namespace {

const std::map<std::string, std::vector<std::string>> kRequired{
    {"analysis", {"schema", "schema_version", "tool_version", "origin"}},
    {"packet", {"file", "frame", "t", "length", "summary", "connection", "layers"}},
    {"connection", {"id", "protocol", "sides", "state", "first", "established", "last", "ended", "teardown_cause",
                    "teardown_by", "control", "keepalive", "calls"}},
    {"call", {"connection", "index", "kind", "ids", "direction", "serial", "bearer", "framing", "min_bps", "max_bps",
              "connect_speed", "rx_connect_speed", "called_number", "calling_number", "sub_address", "state",
              "requested", "established", "ended", "setup_latency", "teardown_cause", "teardown_by", "packets",
              "bytes", "sequence"}},
    {"ppp_link", {"connection", "call", "phase", "lcp", "auth_method", "authenticator", "user", "auth_outcome",
                  "auth_detail", "auth_check", "ip_address", "dns", "nbns", "ipv6_interface_id", "ipcp_state", "ccp",
                  "end_reason", "echo_requests", "echo_replies", "echo_interval", "data_frames", "compressed_frames",
                  "lcp_opened", "network_up", "terminated"}},
    {"event", {"connection", "t", "frame", "entity", "from", "kind", "text"}},
    {"diagnostic", {"id", "kind", "severity", "clause", "text", "detail", "frame", "t", "connection", "entity"}},
    {"summary", {"inputs", "connections", "calls", "diagnostics", "errors", "warnings", "infos"}},
};

}  // namespace

TEST_CASE("golden JSON outputs follow the documented schema") {
  ts::observe::link_all_diagnostic_tables();
  std::set<std::string> known_ids;
  for (const auto* d : ts::all_diagnostic_defs()) known_ids.insert(std::string(d->id));
  const std::filesystem::path dir = std::filesystem::path(TS_SOURCE_DIR) / "tests" / "golden";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".jsonl") continue;
    ++files;
    INFO(entry.path().filename().string());
    std::ifstream in(entry.path());
    std::string line;
    int n = 0;
    std::string first, last;
    while (std::getline(in, line)) {
      ++n;
      const auto j = nlohmann::json::parse(line);
      REQUIRE(j.contains("record"));
      const std::string type = j["record"];
      if (n == 1) first = type;
      last = type;
      REQUIRE(kRequired.count(type) == 1);
      for (const auto& key : kRequired.at(type)) {
        INFO(type << " record lacks " << key);
        CHECK(j.contains(key));
      }
      if (type == "analysis") CHECK(j["schema_version"] == 1);
      // Every diagnostic id in the output is in the catalogue (docs/diagnostics.md).
      if (type == "diagnostic") CHECK(known_ids.count(j["id"].get<std::string>()) == 1);
    }
    CHECK(first == "analysis");
    CHECK(last == "summary");
  }
  CHECK(files >= 10);
}
