// Every GRE diagnostic is triggered by a hand-built header, and the table is well formed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <set>
#include <string>

#include "dissectors/gre/diagnostics.h"
#include "dissectors/gre/header.h"

using namespace ts;
using namespace ts::gre;

namespace {

const Bytes kPpp{0xc0, 0x21, 0x01, 0x01, 0x00, 0x04};

Header v1() {
  Header h;
  h.version = 1;
  h.protocol_type = kProtocolPpp;
  h.key_present = true;
  h.sequence_present = true;
  h.call_id = 7;
  return h;
}

Header v0() {
  Header h;
  h.protocol_type = 0x0800;
  return h;
}

std::set<std::string> ids_of(const Decoded<Header>& d) {
  std::set<std::string> out;
  for (const auto& x : d.diags) out.insert(std::string(x.def->id));
  return out;
}

struct Case {
  const DiagnosticDef* def;
  std::function<Bytes()> build;
};

}  // namespace

TEST_CASE("GRE: each diagnostic fires on its hand-built header, and only the expected ones") {
  const std::vector<Case> cases{
      {&diag::kV1ChecksumPresent, [] { auto h = v1(); h.checksum_present = true; return encode(h, kPpp); }},
      {&diag::kV1RoutingPresent, [] { auto h = v1(); h.routing_present = true; return encode(h, kPpp); }},
      {&diag::kV1KeyMissing, [] { auto h = v1(); h.key_present = false; return encode(h, kPpp); }},
      {&diag::kV1StrictRoute, [] { auto h = v1(); h.strict_source_route = true; return encode(h, kPpp); }},
      {&diag::kV1RecursionNonzero, [] { auto h = v1(); h.recursion = 2; return encode(h, kPpp); }},
      {&diag::kV1FlagsNonzero, [] { auto h = v1(); h.flags = 1; return encode(h, kPpp); }},
      {&diag::kV1BadProtocol, [] { auto h = v1(); h.protocol_type = 0x0800; return encode(h, kPpp); }},
      {&diag::kV1PayloadWithoutSequence, [] { auto h = v1(); h.sequence_present = false; return encode(h, kPpp); }},
      {&diag::kV1SequenceWithoutPayload, [] { return encode(v1(), {}); }},
      {&diag::kPayloadLengthMismatch, [] { auto b = encode(v1(), kPpp); b.push_back(0); return b; }},
      {&diag::kV0AckPresent, [] { auto h = v0(); h.ack_present = true; return encode(h, kPpp); }},
      {&diag::kV0FlagsNonzero, [] { auto h = v0(); h.flags = 8; return encode(h, kPpp); }},
      {&diag::kV0RecursionNonzero, [] { auto h = v0(); h.recursion = 1; return encode(h, kPpp); }},
      {&diag::kV0Rfc1701Routing, [] { auto h = v0(); h.strict_source_route = true; return encode(h, kPpp); }},
      {&diag::kV0Reserved1Nonzero,
       [] {
         auto h = v0();
         h.checksum_present = true;
         h.offset = 1;
         return encode(h, kPpp);
       }},
      {&diag::kV0BadChecksum,
       [] {
         auto h = v0();
         h.checksum_present = true;
         auto b = encode(h, kPpp);
         b.back() ^= 1;  // payload changed after the checksum was computed
         return b;
       }},
      {&diag::kVersionUnknown, [] { auto h = v0(); h.version = 2; return encode(h, kPpp); }},
  };
  std::set<std::string> fired;
  for (const auto& c : cases) {
    INFO(c.def->id);
    const auto d = decode(c.build());
    CHECK(d.complete);
    CHECK(ids_of(d) == std::set<std::string>{std::string(c.def->id)});
    fired.insert(std::string(c.def->id));
  }
  for (const auto* def : gre_diagnostics()) {
    INFO(def->id);
    CHECK(fired.count(std::string(def->id)) == 1);
  }
}

TEST_CASE("GRE: diagnostics table is registered and cites the RFC") {
  const auto all = all_diagnostic_defs();
  for (const auto* def : gre_diagnostics()) {
    INFO(def->id);
    CHECK(def->id.substr(0, 4) == "gre.");
    CHECK(def->clause.substr(0, 4) == "RFC ");
    CHECK_FALSE(def->text.empty());
    CHECK(std::find(all.begin(), all.end(), def) != all.end());
  }
}

TEST_CASE("GRE: header facts are reported even when the packet is cut") {
  auto h = v1();
  h.checksum_present = true;
  const Bytes wire = encode(h, kPpp);
  const auto d = decode(ByteView(wire).first(3));
  CHECK_FALSE(d.complete);
  CHECK(d.truncated_field == "protocol_type");
  CHECK(ids_of(d) == std::set<std::string>{"gre.v1.checksum_present"});
}
