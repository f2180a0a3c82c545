#include "conformance/engine/matcher.h"

#include <fmt/format.h>

#include "conformance/engine/text_number.h"

namespace ts::conformance {

namespace {

std::string shown(const FieldValue& v) {
  switch (v.kind) {
    case FieldValue::Kind::string: return "\"" + v.text + "\"";
    case FieldValue::Kind::variable: return "$" + v.text;
    case FieldValue::Kind::wildcard: return "*";
    default: return v.text;
  }
}

}  // namespace

MatchResult match(const Step& expect, const WireMessage& message, const Bindings& bound) {
  MatchResult r;
  if (message.name != expect.name) {
    r.why = fmt::format("expected {}, got {}", expect.name, message.name);
    return r;
  }
  Bindings captured;
  for (const Field& f : expect.fields) {
    const auto got = message.get(f.key);
    if (!got) {
      r.why = fmt::format("expected {} with {}={}, but it has no {}", expect.name, f.key, shown(f.value), f.key);
      return r;
    }
    bool ok = true;
    switch (f.value.kind) {
      case FieldValue::Kind::wildcard: break;
      case FieldValue::Kind::string:
      case FieldValue::Kind::word: ok = *got == f.value.text; break;
      case FieldValue::Kind::number: {
        const auto n = parse_number(*got);
        ok = n && *n == f.value.number;
        break;
      }
      case FieldValue::Kind::variable: {
        // Bound before this step, or earlier in this same message, or captured now.
        const auto b = bound.find(f.value.text);
        const auto c = captured.find(f.value.text);
        if (b != bound.end()) ok = b->second == *got;
        else if (c != captured.end()) ok = c->second == *got;
        else captured[f.value.text] = std::string(*got);
        break;
      }
    }
    if (!ok) {
      r.why = fmt::format("expected {} with {}={}, got {}={}", expect.name, f.key, shown(f.value), f.key, *got);
      return r;
    }
  }
  r.ok = true;
  r.captured = std::move(captured);
  return r;
}

Result<std::vector<ResolvedField>> resolve_send(const Step& send, const Bindings& bound) {
  std::vector<ResolvedField> out;
  for (const Field& f : send.fields) {
    ResolvedField rf{f.key, f.value.text, f.deliberate};
    if (f.value.kind == FieldValue::Kind::variable) {
      const auto it = bound.find(f.value.text);
      if (it == bound.end())
        return Error{fmt::format("line {}: ${} is not bound yet (capture it in an expectation first)", send.line,
                                 f.value.text)};
      rf.value = it->second;
    }
    out.push_back(std::move(rf));
  }
  return out;
}

Result<std::uint64_t> field_number(const ResolvedField& f, std::uint64_t max) {
  const auto v = parse_number(f.value);
  if (!v || *v > max) return Error{"bad value '" + f.value + "' for " + f.key};
  return *v;
}

}  // namespace ts::conformance
