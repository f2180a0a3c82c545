// GRE v0 and v1: every combination of optional fields round-trips, and every prefix
// decodes without crash (complete=false inside the header; v1 also inside the payload).
#include <catch2/catch.hpp>

#include "dissectors/gre/diagnostics.h"
#include "dissectors/gre/header.h"

using namespace ts;
using namespace ts::gre;

namespace {

const Bytes kPayload{0xff, 0x03, 0x00, 0x21, 0x45, 0x00, 0x00, 0x14, 0x01, 0x02, 0x03};
// One IPv4 SRE (Address Family 0x0800, SRE Offset 0, SRE Length 4) then the NULL SRE.
const Bytes kRouting{0x08, 0x00, 0x00, 0x04, 10, 0, 0, 1, 0x00, 0x00, 0x00, 0x00};

Header v0_header(unsigned combo) {
  Header h;
  h.version = 0;
  h.protocol_type = 0x0800;
  h.checksum_present = combo & 1;
  h.routing_present = combo & 2;
  h.key_present = combo & 4;
  h.sequence_present = combo & 8;
  if (h.routing_present) {
    h.offset = 4;
    h.routing = kRouting;
  }
  if (h.key_present) h.key = 0x0102002a;
  if (h.sequence_present) h.sequence_number = 0xfffffffe;
  return h;
}

Header v1_header(unsigned combo, std::size_t payload_size) {
  Header h;
  h.version = 1;
  h.protocol_type = kProtocolPpp;
  h.key_present = true;
  h.call_id = 40000;
  h.sequence_present = combo & 1;
  h.ack_present = combo & 2;
  h.checksum_present = combo & 4;  // violations, still decoded leniently
  if (h.sequence_present) h.sequence_number = 12;
  if (h.ack_present) h.acknowledgment_number = 10;
  h.payload_length = static_cast<std::uint16_t>(payload_size);
  h.key = std::uint32_t{h.payload_length} << 16 | h.call_id;
  return h;
}

// What decode() gives for `h` encoded with `payload`: the computed checksum filled in.
Header expected(Header h, const Bytes& wire, ByteView payload) {
  if (h.checksum_present) h.checksum = static_cast<std::uint16_t>(wire[4] << 8 | wire[5]);
  h.payload = payload;
  return h;
}

}  // namespace

TEST_CASE("GRE v0: every combination of C, R, K, S round-trips") {
  for (unsigned combo = 0; combo < 16; ++combo) {
    INFO("combo " << combo);
    const Header h = v0_header(combo);
    const Bytes wire = encode(h, kPayload);
    CHECK(wire.size() == header_size(h) + kPayload.size());
    const auto d = decode(wire);
    CHECK(d.complete);
    for (const auto& x : d.diags) CHECK(x.def->kind == DiagKind::note);  // only RFC 1701 notes
    CHECK(d.value == expected(h, wire, kPayload));
    CHECK(encode(d.value, d.value.payload) == wire);
  }
}

TEST_CASE("GRE v0: prefixes inside the header are truncated, inside the payload are short") {
  for (unsigned combo = 0; combo < 16; ++combo) {
    const Header h = v0_header(combo);
    const Bytes wire = encode(h, kPayload);
    for (std::size_t n = 0; n < wire.size(); ++n) {
      INFO("combo " << combo << " prefix " << n);
      const auto d = decode(ByteView(wire).first(n));
      if (n < header_size(h)) {
        CHECK_FALSE(d.complete);
        CHECK_FALSE(d.truncated_field.empty());
      } else {
        CHECK(d.complete);  // version 0 carries no length: a cut payload looks whole
        CHECK(d.value.payload.size() == n - header_size(h));
      }
    }
  }
}

TEST_CASE("GRE v1: every combination of S, A (and C) round-trips, with and without payload") {
  for (unsigned combo = 0; combo < 8; ++combo) {
    for (const std::size_t size : {std::size_t{0}, kPayload.size()}) {
      INFO("combo " << combo << " payload " << size);
      const ByteView payload = ByteView(kPayload).first(size);
      const Header h = v1_header(combo, size);
      const Bytes wire = encode(h, payload);
      CHECK(wire.size() == header_size(h) + size);
      const auto d = decode(wire);
      CHECK(d.complete);
      CHECK(d.value == expected(h, wire, payload));
      CHECK(encode(d.value, d.value.payload) == wire);
      const bool s_matches_payload = h.sequence_present == (size > 0);
      CHECK(d.diags.size() == (h.checksum_present ? 1u : 0u) + (s_matches_payload ? 0u : 1u));
    }
  }
}

TEST_CASE("GRE v1: every prefix is truncated, header or payload") {
  for (unsigned combo = 0; combo < 8; ++combo) {
    const Header h = v1_header(combo, kPayload.size());
    const Bytes wire = encode(h, kPayload);
    for (std::size_t n = 0; n < wire.size(); ++n) {
      INFO("combo " << combo << " prefix " << n);
      const auto d = decode(ByteView(wire).first(n));
      CHECK_FALSE(d.complete);
      if (n >= header_size(h)) {
        CHECK(d.truncated_field == "payload");
        CHECK(d.value.payload.size() == n - header_size(h));
        CHECK(d.value.payload_length == kPayload.size());
      } else {
        CHECK_FALSE(d.truncated_field.empty());
      }
    }
  }
}

TEST_CASE("GRE: unknown versions decode the first 4 octets and round-trip") {
  Header h;
  h.version = 3;
  h.protocol_type = 0x880B;
  h.key_present = true;  // meaningless for an unknown version: no key is read
  const Bytes wire = encode(h, kPayload);
  CHECK(wire.size() == 4 + kPayload.size());
  const auto d = decode(wire);
  CHECK(d.complete);
  REQUIRE(d.diags.size() == 1);
  CHECK(d.diags[0].def == &diag::kVersionUnknown);
  CHECK(d.value == expected(h, wire, kPayload));
  CHECK(encode(d.value, d.value.payload) == wire);
  for (std::size_t n = 0; n < 4; ++n) CHECK_FALSE(decode(ByteView(wire).first(n)).complete);
}
