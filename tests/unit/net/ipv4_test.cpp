#include <catch2/catch.hpp>

#include "dissectors/net/checksum.h"
#include "dissectors/net/ipv4.h"
#include "net_test_util.h"

using namespace ts;
using namespace ts::net;
using ts::net::test::check_prefixes;
using ts::net::test::has_diag;

namespace {
Ipv4Header sample() {
  Ipv4Header h;
  h.dscp = 46;
  h.ecn = 1;
  h.identification = 0x1234;
  h.dont_fragment = true;
  h.ttl = 63;
  h.protocol = ip_proto::kGre;
  h.src = *IpAddress::parse("192.0.2.1");
  h.dst = *IpAddress::parse("198.51.100.7");
  return h;
}
}  // namespace

TEST_CASE("A hand-written IPv4 header decodes to its fields with a verified checksum") {
  // Version 4, IHL 5, total 0x73, DF, TTL 64, UDP, checksum 0xb861, 192.168.0.1 > 192.168.0.199.
  Bytes pkt = from_hex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7");
  pkt.resize(0x73, 0xab);
  const auto d = decode_ipv4(pkt);
  REQUIRE(d.complete);
  CHECK(d.diags.empty());
  const auto& h = d.value;
  CHECK(h.version == 4);
  CHECK(h.ihl == 5);
  CHECK(h.total_length == 0x73);
  CHECK(h.dont_fragment);
  CHECK_FALSE(h.more_fragments);
  CHECK(h.ttl == 64);
  CHECK(h.protocol == ip_proto::kUdp);
  CHECK(h.checksum == 0xb861);
  CHECK(h.checksum_ok);
  CHECK(h.src.to_string() == "192.168.0.1");
  CHECK(h.dst.to_string() == "192.168.0.199");
  CHECK(h.payload.size() == 0x73 - 20);
  CHECK(h.payload.data() == pkt.data() + 20);
}

TEST_CASE("IPv4 encode then decode is the identity, with options") {
  auto h = sample();
  const Bytes opts = from_hex("94040000");  // Router Alert (RFC 2113)
  h.options = opts;
  const Bytes payload = from_hex("00010203040506");
  const Bytes pkt = encode_ipv4(h, payload);
  CHECK(internet_checksum(ByteView(pkt).first(24)) == 0);
  const auto d = decode_ipv4(pkt);
  REQUIRE(d.complete);
  CHECK(d.diags.empty());
  const auto& g = d.value;
  CHECK(g.ihl == 6);
  CHECK(g.dscp == 46);
  CHECK(g.ecn == 1);
  CHECK(g.total_length == 24 + payload.size());
  CHECK(g.identification == 0x1234);
  CHECK(g.dont_fragment);
  CHECK(g.ttl == 63);
  CHECK(g.protocol == ip_proto::kGre);
  CHECK(g.src == h.src);
  CHECK(g.dst == h.dst);
  CHECK(Bytes(g.options.begin(), g.options.end()) == opts);
  CHECK(Bytes(g.payload.begin(), g.payload.end()) == payload);
  Field f;
  describe(g, f);
  CHECK(f.find("protocol_name")->text == "GRE");
  CHECK(f.find("options")->text == "94040000");
  check_prefixes(pkt, pkt.size(), [](ByteView b) { return decode_ipv4(b); });
}

TEST_CASE("IPv4 options are padded to 32 bits by the encoder") {
  auto h = sample();
  const Bytes opt = from_hex("01");  // a single NOP
  h.options = opt;
  const auto d = decode_ipv4(encode_ipv4(h, {}));
  CHECK(d.value.ihl == 6);
  CHECK(d.value.options.size() == 4);
}

TEST_CASE("Fragment fields") {
  auto h = sample();
  h.dont_fragment = false;
  h.more_fragments = true;
  h.fragment_offset = 185;
  const auto d = decode_ipv4(encode_ipv4(h, from_hex("0000000000000000")));
  CHECK(d.value.more_fragments);
  CHECK(d.value.fragment_offset == 185);
  CHECK(d.value.fragment_offset_bytes() == 1480);
  CHECK(d.value.is_fragment());
  CHECK(summarize(d.value).find("frag id 4660 off 1480+") != std::string::npos);
}

TEST_CASE("Trailing Ethernet padding is trimmed; missing bytes are truncation") {
  const Bytes pkt = encode_ipv4(sample(), from_hex("aabb"));
  Bytes padded = pkt;
  padded.resize(46, 0);
  const auto d = decode_ipv4(padded);
  CHECK(d.complete);
  CHECK(d.value.payload.size() == 2);
  const auto t = decode_ipv4(ByteView(pkt).first(21));
  CHECK_FALSE(t.complete);
  CHECK(t.truncated_field == "ipv4.payload");
  CHECK(t.value.payload.size() == 1);
  CHECK(t.diags.empty());
}

TEST_CASE("Bad checksum is a note; checksum verification can be switched off") {
  Bytes pkt = encode_ipv4(sample(), {});
  pkt[10] ^= 0xff;
  const auto d = decode_ipv4(pkt);
  CHECK(d.complete);
  CHECK_FALSE(d.value.checksum_ok);
  REQUIRE(has_diag(d.diags, "net.ipv4.bad_checksum"));
  CHECK(d.diags[0].def->kind == DiagKind::note);
  CHECK(decode_ipv4(pkt, false).diags.empty());
}

TEST_CASE("Malformed IPv4 headers") {
  Bytes pkt = encode_ipv4(sample(), from_hex("01020304"));
  SECTION("IHL below 5") {
    pkt[0] = 0x44;
    const auto d = decode_ipv4(pkt, false);
    CHECK(has_diag(d.diags, "net.ipv4.bad_ihl"));
    CHECK(d.value.header_length() == 20);
    CHECK(d.value.payload.size() == 4);
  }
  SECTION("total length below the header") {
    pkt[2] = 0;
    pkt[3] = 10;
    const auto d = decode_ipv4(pkt, false);
    CHECK(has_diag(d.diags, "net.ipv4.total_length_short"));
    CHECK(d.value.payload.size() == 4);
  }
  SECTION("version and reserved flag") {
    pkt[0] = 0x55;
    pkt[6] |= 0x80;
    const auto d = decode_ipv4(pkt, false);
    CHECK(has_diag(d.diags, "net.ipv4.bad_version"));
    CHECK(has_diag(d.diags, "net.ipv4.reserved_flag"));
  }
  SECTION("IHL past the bytes") {
    pkt[0] = 0x4f;
    const auto d = decode_ipv4(pkt, false);
    CHECK_FALSE(d.complete);
    CHECK(d.truncated_field == "ipv4.options");
  }
}
