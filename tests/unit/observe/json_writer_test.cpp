#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "src/report/json_writer.h"

using ts::report::JsonWriter;

TEST_CASE("JsonWriter output parses, with escapes and invalid UTF-8 made safe") {
  std::string out;
  JsonWriter w(out);
  const std::string weird = std::string("q\"b\\n\n\t\x01 ok \xc3\xa9 bad \xff\xfe end");
  w.begin_object().kv("s", weird).kv("n", std::uint64_t{18446744073709551615ULL}).kv("i", std::int64_t{-5});
  w.key("a").begin_array().value(true).null().value_double(1.5, 2).end_array();
  w.key("empty").begin_object().end_object().end_object();
  const auto j = nlohmann::json::parse(out);
  CHECK(j["n"].get<std::uint64_t>() == 18446744073709551615ULL);
  CHECK(j["i"] == -5);
  CHECK(j["a"][2] == 1.5);
  CHECK(j["s"].get<std::string>().find("\xc3\xa9") != std::string::npos);
  CHECK(j["empty"].is_object());
}

TEST_CASE("a Field tree becomes a JSON object with typed members") {
  ts::Field root;
  root.add_num("id", 7).add_text("name", "x");
  auto& arr = root.add_array("list");
  arr.add_object().add_bool("ok", true);
  arr.add_object().add_int("neg", -1);
  std::string out;
  JsonWriter(out).field(root);
  const auto j = nlohmann::json::parse(out);
  CHECK(j["id"] == 7);
  CHECK(j["name"] == "x");  // scalar adders chain on the parent
  CHECK(j["list"][0]["ok"] == true);
  CHECK(j["list"][1]["neg"] == -1);
}
