#pragma once
// JsonWriter: appends compact JSON to a string without building a document tree.
// The analyzer writes one JSON Lines record per tunnel, event, packet..., so the writer is
// on the hot path of `--packets`; it only appends. Commas are inserted automatically.
// Strings are escaped per RFC 8259; invalid UTF-8 bytes are written as \u00XX so output
// always parses. Misuse (value without key inside an object) is our bug: assert.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/fields.h"

namespace ts::report {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(std::uint64_t v);
  JsonWriter& value(std::int64_t v);
  JsonWriter& value(std::uint32_t v) { return value(std::uint64_t{v}); }
  JsonWriter& value(int v) { return value(std::int64_t{v}); }
  JsonWriter& value(bool v);
  JsonWriter& value_double(double v, int decimals = 6);
  JsonWriter& null();
  // A pre-rendered number such as "1.250000" (used for fixed-precision seconds).
  JsonWriter& raw_number(std::string_view digits);

  template <typename T>
  JsonWriter& kv(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

  // A Field tree as a JSON object (or array/scalar for array/scalar fields).
  JsonWriter& field(const Field& f);

 private:
  void before_value();
  std::string& out_;
  std::vector<bool> first_;  // per open container: no member written yet
  bool after_key_ = false;
};

void append_json_string(std::string& out, std::string_view s);

}  // namespace ts::report
