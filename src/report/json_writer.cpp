#include "src/report/json_writer.h"

#include <cassert>

#include <fmt/format.h>

namespace ts::report {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Runs of printable ASCII that need no escape (nearly all of a report) are copied whole.
    std::size_t run = i;
    while (run < s.size()) {
      const auto r = static_cast<unsigned char>(s[run]);
      if (r < 0x20 || r >= 0x7f || r == '"' || r == '\\') break;
      ++run;
    }
    if (run > i) {
      out.append(s.data() + i, run - i);
      i = run;
      if (i == s.size()) break;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7f) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
      continue;
    }
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    // Copy a well-formed UTF-8 sequence; escape stray bytes so the output stays valid.
    std::size_t n = (c >= 0xf0 && c <= 0xf4) ? 4 : (c >= 0xe0) ? 3 : (c >= 0xc2 && c < 0xe0) ? 2 : 0;
    bool good = n > 0 && i + n <= s.size() && c < 0xf5;
    for (std::size_t k = 1; good && k < n; ++k)
      good = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
    if (good) {
      out.append(s.substr(i, n));
      i += n - 1;
    } else {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  out.push_back('"');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_.push_back('{');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  assert(!first_.empty());
  first_.pop_back();
  out_.push_back('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_.push_back('[');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  assert(!first_.empty());
  first_.pop_back();
  out_.push_back(']');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  assert(!first_.empty());
  if (!first_.back()) out_.push_back(',');
  first_.back() = false;
  append_json_string(out_, k);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  append_json_string(out_, s);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t v) {
  before_value();
  const fmt::format_int text(v);
  out_.append(text.data(), text.size());
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t v) {
  before_value();
  const fmt::format_int text(v);
  out_.append(text.data(), text.size());
  return *this;
}

JsonWriter& JsonWriter::value(bool v) {
  before_value();
  out_ += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value_double(double v, int decimals) {
  before_value();
  fmt::format_to(std::back_inserter(out_), "{:.{}f}", v, decimals);
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw_number(std::string_view digits) {
  before_value();
  out_ += digits;
  return *this;
}

JsonWriter& JsonWriter::field(const Field& f) {
  switch (f.kind) {
    case Field::Kind::number: return value(f.number);
    case Field::Kind::signed_number: return value(static_cast<std::int64_t>(f.number));
    case Field::Kind::text: return value(f.text);
    case Field::Kind::boolean: return value(f.number != 0);
    case Field::Kind::object:
      begin_object();
      for (const auto& c : f.children) {
        key(c.name);
        field(c);
      }
      return end_object();
    case Field::Kind::array:
      begin_array();
      for (const auto& c : f.children) field(c);
      return end_array();
  }
  return *this;
}

}  // namespace ts::report
