#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "dissectors/net/net_diagnostics.h"

using namespace ts;

TEST_CASE("net diagnostics have unique stable ids, texts, and are registered") {
  std::set<std::string_view> ids;
  for (const auto* d : net::diag::all()) {
    INFO(d->id);
    CHECK(d->id.substr(0, 4) == "net.");
    CHECK_FALSE(d->text.empty());
    CHECK(ids.insert(d->id).second);
    bool registered = false;
    for (const auto* r : all_diagnostic_defs()) registered |= (r == d);
    CHECK(registered);
  }
  CHECK(ids.size() >= 25);
}
