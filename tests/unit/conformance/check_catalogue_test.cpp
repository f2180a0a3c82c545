// The check catalogue: the committed files load, ids are unique and well formed, the format
// errors name their line, and docs/checks.md is the current catalogue.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "conformance/engine/check_catalogue.h"

using namespace ts::conformance;

TEST_CASE("the committed catalogue loads, with every level and protocol") {
  auto r = load_check_catalogue(std::string(TS_SOURCE_DIR) + "/conformance/checks");
  REQUIRE(r.ok());
  const auto& checks = r.value();
  CHECK(checks.size() >= 60);
  int must = 0, should = 0, may = 0, l2tp = 0, pptp = 0, ppp = 0;
  for (const auto& c : checks) {
    must += c.level == Level::must;
    should += c.level == Level::should;
    may += c.level == Level::may;
    l2tp += c.id.rfind("l2tp.", 0) == 0;
    pptp += c.id.rfind("pptp.", 0) == 0;
    ppp += c.id.rfind("ppp.", 0) == 0;
  }
  CHECK(must > 0);
  CHECK(should > 0);
  CHECK(may > 0);
  CHECK(l2tp > 20);
  CHECK(pptp > 10);
  CHECK(ppp > 20);
}

TEST_CASE("catalogue format errors name the file and line") {
  auto bad = [](const char* text) {
    auto r = parse_checks(text, "x.checks");
    REQUIRE_FALSE(r.ok());
    return r.error();
  };
  CHECK(bad("# c\nl2tp.a.b | MUST | RFC 1 §1\n") == "x.checks:2: expected 'id | level | clause | statement'");
  CHECK(bad("L2TP.a.b | MUST | RFC 1 | s\n") == "x.checks:1: bad check id 'L2TP.a.b' (protocol.area.name, lowercase)");
  CHECK(bad("l2tp.ab | MUST | RFC 1 | s\n") == "x.checks:1: bad check id 'l2tp.ab' (protocol.area.name, lowercase)");
  CHECK(bad("l2tp.a.b | MUSTN'T | RFC 1 | s\n") == "x.checks:1: level must be MUST, SHOULD or MAY, not 'MUSTN'T'");
  CHECK(bad("l2tp.a.b | MAY | section 5 | s\n") ==
        "x.checks:1: clause must name an RFC or [MS-...] document, not 'section 5'");
  CHECK(bad("l2tp.a.b | MAY | RFC 1 | \n") == "x.checks:1: empty statement");
  auto ok = parse_checks("l2tp.a.b | SHOULD | RFC 2661 §5.8 | do it\n", "y");
  REQUIRE(ok.ok());
  CHECK(ok.value().at(0).level == Level::should);
  CHECK(ok.value().at(0).line == 1);
}

TEST_CASE("docs/checks.md is the current catalogue") {
  auto r = load_check_catalogue(std::string(TS_SOURCE_DIR) + "/conformance/checks");
  REQUIRE(r.ok());
  const std::string expected = checks_markdown(r.value());
  const std::string path = std::string(TS_SOURCE_DIR) + "/docs/checks.md";
  if (const char* u = std::getenv("UPDATE_GOLDEN"); u && std::string(u) == "1") {
    std::ofstream(path) << expected;
  }
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == expected);
}
