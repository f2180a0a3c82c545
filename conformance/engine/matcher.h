#pragma once
// Matching a device's message against a script expectation (script.h `<` steps), and
// resolving the fields of a script send.
//
// match(): the names must be equal; every field of the expectation must be present in the
// message (first occurrence) and agree: a "string" or bare word equal as text; a number
// equal as a number (the message value read as decimal, or 0x hex); `*` anything; `$v`
// equal to v's value when v is bound, otherwise the message's value is captured into v.
// Fields the expectation does not name are not compared. A mismatch says which field and
// what came, in one sentence for the verdict.
//
// resolve_send(): the fields of a `>` step with every `$v` replaced by its bound value;
// an unbound variable is an error naming the step's line.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "conformance/engine/script.h"
#include "conformance/engine/wire_message.h"
#include "src/core/result.h"

namespace ts::conformance {

using Bindings = std::map<std::string, std::string>;

struct MatchResult {
  bool ok = false;
  std::string why;      // when !ok: "expected window=8, got 4"
  Bindings captured;    // variables this match bound (empty when !ok)
};

MatchResult match(const Step& expect, const WireMessage& message, const Bindings& bound);

struct ResolvedField {
  std::string key;
  std::string value;  // text; numbers as written
  bool deliberate = false;
};
Result<std::vector<ResolvedField>> resolve_send(const Step& send, const Bindings& bound);
// A resolved field as a number of at most `max` (parse_number's forms); error text otherwise.
Result<std::uint64_t> field_number(const ResolvedField& f, std::uint64_t max);

}  // namespace ts::conformance
