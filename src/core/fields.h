#pragma once
// Field: a small tree describing a decoded message for `--packets` output and tests.
// Each codec offers describe(const Message&, Field& layer) which fills a layer object.
// Numbers stay numbers (JSON numbers), text stays text, bytes become hex text.
//
// Scalar adders (add_num, add_text, ...) return the parent, so calls chain:
//   layer.add_num("id", 5).add_text("name", "x");
// add_object()/add_array() return the new child; that reference points into the parent's
// children vector and is valid until the next add_* on the same parent.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/bytes.h"

namespace ts {

struct Field {
  enum class Kind : std::uint8_t { number, signed_number, text, boolean, object, array };

  std::string name;  // empty for array elements
  Kind kind = Kind::object;
  std::uint64_t number = 0;  // number, boolean (0/1); signed_number as two's complement
  std::string text;
  std::vector<Field> children;  // object members or array elements

  Field& add_num(std::string_view n, std::uint64_t v) { return scalar(n, Kind::number, v, {}); }
  Field& add_int(std::string_view n, std::int64_t v) {
    return scalar(n, Kind::signed_number, static_cast<std::uint64_t>(v), {});
  }
  Field& add_text(std::string_view n, std::string v) { return scalar(n, Kind::text, 0, std::move(v)); }
  Field& add_bool(std::string_view n, bool v) { return scalar(n, Kind::boolean, v ? 1 : 0, {}); }
  Field& add_hex(std::string_view n, ByteView v) { return scalar(n, Kind::text, 0, to_hex(v)); }
  Field& add_object(std::string_view n = {}) { return push(n, Kind::object, 0, {}); }
  Field& add_array(std::string_view n) { return push(n, Kind::array, 0, {}); }

  // Lookup by name among children (tests); nullptr when absent.
  const Field* find(std::string_view n) const {
    for (const auto& c : children)
      if (c.name == n) return &c;
    return nullptr;
  }

 private:
  Field& scalar(std::string_view n, Kind k, std::uint64_t v, std::string t) {
    push(n, k, v, std::move(t));
    return *this;
  }
  Field& push(std::string_view n, Kind k, std::uint64_t v, std::string t) {
    Field f;
    f.name = std::string(n);
    f.kind = k;
    f.number = v;
    f.text = std::move(t);
    children.push_back(std::move(f));
    return children.back();
  }
};

}  // namespace ts
