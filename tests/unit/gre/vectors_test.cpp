// Hand-written GRE packets from the RFC 2637 §4.1 and RFC 2784/2890/1701 layouts.
#include <catch2/catch.hpp>

#include "dissectors/net/checksum.h"
#include "dissectors/gre/diagnostics.h"
#include "dissectors/gre/header.h"
#include "dissectors/gre/protocol_types.h"

using namespace ts;
using namespace ts::gre;

TEST_CASE("GRE v1 data packet with sequence and acknowledgment") {
  // K S | A, ver 1; 0x880B; Payload Length 60, Call ID 40000; seq 12; ack 10.
  Bytes b = from_hex("3081 880b 003c 9c40 0000000c 0000000a");
  b.resize(b.size() + 60, 0x5a);
  const auto d = decode(b);
  CHECK(d.complete);
  CHECK(d.diags.empty());
  const Header& h = d.value;
  CHECK(h.version == 1);
  CHECK(h.key_present);
  CHECK(h.sequence_present);
  CHECK(h.ack_present);
  CHECK_FALSE(h.checksum_present);
  CHECK(h.protocol_type == 0x880B);
  CHECK(h.key == 0x003c9c40);
  CHECK(h.payload_length == 60);
  CHECK(h.call_id == 40000);
  CHECK(h.sequence_number == 12);
  CHECK(h.acknowledgment_number == 10);
  CHECK(h.payload.size() == 60);
  CHECK(summarize(h) == "GRE v1 call=40000 seq=12 ack=10 PPP 60 bytes");
  Field layer;
  describe(h, layer);
  REQUIRE(layer.find("call_id") != nullptr);
  CHECK(layer.find("call_id")->number == 40000);
  CHECK(layer.find("protocol")->text == "PPP");
}

TEST_CASE("GRE v1 acknowledgment-only packet") {
  const Bytes b = from_hex("2081 880b 0000 9c40 0000000a");
  const auto d = decode(b);
  CHECK(d.complete);
  CHECK(d.diags.empty());
  CHECK(d.value.payload.empty());
  CHECK(d.value.acknowledgment_number == 10);
  CHECK(summarize(d.value) == "GRE v1 call=40000 ack=10 ack-only");
}

TEST_CASE("GRE v1 with link padding after the payload") {
  const Bytes b = from_hex("3001 880b 0002 0001 00000000 c021 0000");
  const auto d = decode(b);
  CHECK(d.complete);
  REQUIRE(d.diags.size() == 1);
  CHECK(d.diags[0].def == &diag::kPayloadLengthMismatch);
  CHECK(d.value.payload.size() == 2);
}

TEST_CASE("GRE v0 plain, keyed (RFC 2890) and checksummed (RFC 2784)") {
  const auto plain = decode(from_hex("0000 0800 4500"));
  CHECK(plain.complete);
  CHECK(plain.diags.empty());
  CHECK(plain.value.protocol_type == 0x0800);
  CHECK(plain.value.payload.size() == 2);
  CHECK(summarize(plain.value) == "GRE v0 proto=0x0800 (IPv4) 2 bytes");

  const Bytes keyed_bytes = from_hex("3000 86dd 0000002a 00000005 6000");
  const auto keyed = decode(keyed_bytes);
  CHECK(keyed.diags.empty());
  CHECK(keyed.value.key == 42);
  CHECK(keyed.value.sequence_number == 5);
  CHECK(keyed.value.call_id == 0);  // the split is enhanced GRE only
  CHECK(summarize(keyed.value) == "GRE v0 proto=0x86dd (IPv6) key=0x2a seq=5 2 bytes");

  // Sum 8000+0800+0000+4500+0014 = cd14, so the checksum is ~cd14 = 32eb.
  const Bytes summed = from_hex("8000 0800 32eb 0000 4500 0014");
  const auto c = decode(summed);
  CHECK(c.diags.empty());
  CHECK(c.value.checksum == 0x32eb);
  CHECK(net::internet_checksum(summed) == 0);
  CHECK(encode(c.value, c.value.payload) == summed);
}

TEST_CASE("GRE v0 RFC 1701 routing: SRE list skipped up to the NULL SRE") {
  // C=0 R=1; checksum 0, offset 0; SRE AF 0x0800 offset 0 length 8; NULL SRE; payload.
  const Bytes b = from_hex("4000 0800 0000 0000 0800 0008 0a000001 0a000002 0000 0000 4500");
  const auto d = decode(b);
  CHECK(d.complete);
  REQUIRE(d.diags.size() == 1);
  CHECK(d.diags[0].def == &diag::kV0Rfc1701Routing);
  CHECK(d.value.routing.size() == 16);
  CHECK(d.value.payload.size() == 2);
  // A routing list without its NULL SRE runs out of bytes.
  const auto cut = decode(from_hex("4000 0800 0000 0000 0800 0008 0a000001 0a000002"));
  CHECK_FALSE(cut.complete);
  CHECK(cut.truncated_field == "sre_address_family");
}

TEST_CASE("GRE protocol type names") {
  CHECK(protocol_abbrev(0x880B) == "PPP");
  CHECK(protocol_abbrev(0x6558) == "TEB");
  CHECK(protocol_abbrev(0x1234) == "unknown(0x1234)");
}

TEST_CASE("GRE v0 cut by the capture: truncated, checksum not blamed") {
  const Bytes summed = from_hex("8000 0800 32eb 0000 4500 0014");
  const ByteView cut = ByteView(summed).first(10);
  const auto whole_view = decode(cut);  // looks whole, and the checksum fails
  CHECK(whole_view.complete);
  REQUIRE(whole_view.diags.size() == 1);
  CHECK(whole_view.diags[0].def == &diag::kV0BadChecksum);
  const auto d = decode(cut, summed.size());
  CHECK_FALSE(d.complete);
  CHECK(d.truncated_field == "payload");
  CHECK(d.diags.empty());
  CHECK(d.value.payload.size() == 2);
  CHECK(decode(ByteView(summed), summed.size()).complete);
}
