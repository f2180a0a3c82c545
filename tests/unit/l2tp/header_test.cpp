// Header rules of RFC 2661 §3.1 and AVP framing of §4.1: diagnostics on crafted bytes.
#include <catch2/catch.hpp>

#include "dissectors/l2tp/describe.h"
#include "samples.h"

using namespace l2tp_test;

TEST_CASE("versions other than 2 decode the first two octets only (RFC 2661 §3.1)") {
  // L2TPv3 over UDP control header (RFC 3931 §4.1.2.1): T L S, Ver 3, then a Length.
  const Bytes v3 = from_hex("c803 000c 0000 1234 0000 0000");
  const auto d3 = decode(v3);
  CHECK(d3.complete);
  CHECK(d3.value.header.version == 3);
  CHECK(d3.value.header.type_control);
  CHECK(d3.value.header.length == 0);  // not decoded
  REQUIRE(d3.diags.size() == 1);
  CHECK(d3.diags[0].def->id == "l2tp.header.version_unsupported");
  CHECK(d3.diags[0].detail.find("RFC 3931") != std::string::npos);
  CHECK(summarize(d3.value) == "L2TP Ver=3 (not decoded)");
  // Ver 1 is L2F.
  const auto d1 = decode(from_hex("0001 0000"));
  CHECK(has_diag(d1.diags, "l2tp.header.version_unsupported"));
  CHECK(d1.value.header.version == 1);
}

TEST_CASE("reserved header bits are reported and kept") {
  // Data message, x bits after L set (0x3000), Ver 2, tunnel 1, session 2, 1 octet payload.
  const auto d = decode(from_hex("3002 0001 0002 ff"));
  CHECK(d.complete);
  CHECK(d.value.header.reserved_bits == 0xc0);
  CHECK(has_diag(d.diags, "l2tp.header.reserved_bits"));
  CHECK(d.value.payload.size() == 1);
}

TEST_CASE("control messages need L and S and must not carry O or P (RFC 2661 §3.1)") {
  // T=1 without L: 0x8802 (T, S).
  const auto no_l = decode(from_hex("8802 000c 0000 0001 0002"));
  CHECK(has_diag(no_l.diags, "l2tp.header.control_flags"));
  CHECK(no_l.value.zlb);
  // T L S P set: 0xc902.
  const auto with_p = decode(from_hex("c902 000c 000c 0000 0001 0002"));
  CHECK(has_diag(with_p.diags, "l2tp.header.control_flags"));
  // T L S O: 0xca02 with Offset Size 0.
  const auto with_o = decode(from_hex("ca02 000e 000c 0000 0001 0002 0000"));
  CHECK(has_diag(with_o.diags, "l2tp.header.control_flags"));
  CHECK(with_o.value.header.offset_present);
  CHECK(with_o.complete);
}

TEST_CASE("Length against the octets present (RFC 2661 §3.1)") {
  // Length 4 is less than the 12-octet header.
  const auto small = decode(from_hex("c802 0004 000c 0000 0001 0002"));
  CHECK(has_diag(small.diags, "l2tp.header.length_mismatch"));
  // ZLB followed by 3 stray octets.
  const auto trailing = decode(from_hex("c802 000c 000c 0000 0001 0002 aabbcc"));
  CHECK(trailing.complete);
  CHECK(trailing.value.zlb);
  CHECK(has_diag(trailing.diags, "l2tp.header.trailing_bytes"));
  // Length 20 but only 12 octets captured: truncation, not a diagnostic.
  const auto cut = decode(from_hex("c802 0014 000c 0000 0001 0002"));
  CHECK_FALSE(cut.complete);
  CHECK(cut.truncated_field == "avps");
  CHECK(cut.diags.empty());
  CHECK_FALSE(cut.value.zlb);
}

TEST_CASE("AVP framing faults (RFC 2661 §4.1)") {
  // AVP Length 4 (< 6).
  const auto short_len = decode(from_hex("c802 0014 000c 0000 0001 0002 8004 0000 0000 0001"));
  CHECK(has_diag(short_len.diags, "l2tp.avp.length_short"));
  CHECK(short_len.complete);
  // Message Type AVP claims Length 12 inside a 20-octet message (8 octets of AVP room).
  const auto overrun = decode(from_hex("c802 0014 000c 0000 0001 0002 800c 0000 0000 0006"));
  CHECK(has_diag(overrun.diags, "l2tp.avp.length_overrun"));
  CHECK(overrun.complete);
  // 3 octets left after the Message Type AVP: less than an AVP header.
  const auto tail = decode(from_hex("c802 0017 000c 0000 0001 0002 8008 0000 0000 0006 010203"));
  CHECK(has_diag(tail.diags, "l2tp.avp.length_overrun"));
  CHECK(tail.value.message_type == std::uint16_t{6});
  // A prefix cut inside an AVP names the AVP field.
  const auto cut = decode(from_hex("c802 0014 000c 0000 0001 0002 8008 00"));
  CHECK_FALSE(cut.complete);
  CHECK(cut.truncated_field == "avp.vendor_id");
}

TEST_CASE("wire_size follows the flags and the offset size") {
  Header h;
  CHECK(h.wire_size() == 6);
  h.length_present = h.sequence_present = true;
  CHECK(h.wire_size() == 12);
  h.offset_present = true;
  h.offset_size = 5;
  CHECK(h.wire_size() == 19);
}
