#include <catch2/catch.hpp>

#include "dissectors/net/ipv4.h"
#include "dissectors/net/ipv6.h"
#include "net_test_util.h"

using namespace ts;
using namespace ts::net;
using ts::net::test::check_prefixes;
using ts::net::test::has_diag;

namespace {
Ipv6Header sample(std::uint8_t next) {
  Ipv6Header h;
  h.traffic_class = 0xb8;
  h.flow_label = 0xabcde;
  h.next_header = next;
  h.hop_limit = 17;
  h.src = *IpAddress::parse("2001:db8::1");
  h.dst = *IpAddress::parse("2001:db8:1::2");
  return h;
}
// A generic extension header of 8 * (1 + len8) bytes.
Bytes ext(std::uint8_t next, std::uint8_t len8) {
  Bytes b(8u * (1u + len8), 0);
  b[0] = next;
  b[1] = len8;
  b[2] = 1;  // Pad1... fine for tests: options are not decoded
  return b;
}
}  // namespace

TEST_CASE("IPv6 without extension headers round trips") {
  const auto h = sample(ip_proto::kUdp);
  const Bytes payload = from_hex("0102030405");
  const Bytes pkt = encode_ipv6(h, payload);
  CHECK(pkt.size() == 45);
  const auto d = decode_ipv6(pkt);
  REQUIRE(d.complete);
  CHECK(d.diags.empty());
  const auto& g = d.value;
  CHECK(g.version == 6);
  CHECK(g.traffic_class == 0xb8);
  CHECK(g.flow_label == 0xabcde);
  CHECK(g.payload_length == 5);
  CHECK(g.next_header == ip_proto::kUdp);
  CHECK(g.protocol == ip_proto::kUdp);
  CHECK(g.hop_limit == 17);
  CHECK(g.src == h.src);
  CHECK(g.dst == h.dst);
  CHECK(g.ext_count == 0);
  CHECK_FALSE(g.fragment.present);
  CHECK(Bytes(g.payload.begin(), g.payload.end()) == payload);
  check_prefixes(pkt, pkt.size(), [](ByteView b) { return decode_ipv6(b); });
  Field f;
  describe(g, f);
  CHECK(f.find("src")->text == "2001:db8::1");
}

TEST_CASE("IPv6 extension header chain: hop-by-hop, routing, destination options, fragment") {
  auto h = sample(ip_proto::kHopByHop);
  const Bytes hbh = ext(ip_proto::kRouting, 0);
  const Bytes rt = ext(ip_proto::kDestOptions, 1);
  const Bytes dst = ext(ip_proto::kFragment, 0);
  const Bytes frag = make_ipv6_fragment_header(ip_proto::kTcp, 0, true, 0xdeadbeef);
  h.ext[0] = {ip_proto::kHopByHop, 8, hbh};
  h.ext[1] = {ip_proto::kRouting, 16, rt};
  h.ext[2] = {ip_proto::kDestOptions, 8, dst};
  h.ext[3] = {ip_proto::kFragment, 8, frag};
  h.ext_count = 4;
  const Bytes payload(16, 0x5a);
  const Bytes pkt = encode_ipv6(h, payload);
  const auto d = decode_ipv6(pkt);
  REQUIRE(d.complete);
  CHECK(d.diags.empty());
  const auto& g = d.value;
  REQUIRE(g.ext_count == 4);
  CHECK(g.ext[0].type == ip_proto::kHopByHop);
  CHECK(g.ext[1].type == ip_proto::kRouting);
  CHECK(g.ext[1].length == 16);
  CHECK(g.ext[2].type == ip_proto::kDestOptions);
  CHECK(g.ext[3].type == ip_proto::kFragment);
  CHECK(g.fragment.present);
  CHECK(g.fragment.more_fragments);
  CHECK(g.fragment.offset == 0);
  CHECK(g.fragment.identification == 0xdeadbeef);
  CHECK(g.protocol == ip_proto::kTcp);
  CHECK(g.payload.size() == 16);
  CHECK(g.payload.data() == pkt.data() + 40 + 40);
  check_prefixes(pkt, pkt.size(), [](ByteView b) { return decode_ipv6(b); });
}

TEST_CASE("A non-first IPv6 fragment stops the walk at the fragment data") {
  auto h = sample(ip_proto::kFragment);
  const Bytes frag = make_ipv6_fragment_header(ip_proto::kUdp, 185, false, 7);
  h.ext[0] = {ip_proto::kFragment, 8, frag};
  h.ext_count = 1;
  const Bytes data = ext(ip_proto::kRouting, 0);  // looks like an ext header, must not be walked
  const auto d = decode_ipv6(encode_ipv6(h, data));
  CHECK(d.value.fragment.offset_bytes() == 1480);
  CHECK_FALSE(d.value.fragment.more_fragments);
  CHECK(d.value.protocol == ip_proto::kUdp);
  CHECK(d.value.payload.size() == 8);
  CHECK(summarize(d.value).find("frag id 7 off 1480") != std::string::npos);
}

TEST_CASE("AH, ESP and No Next Header stop the walk") {
  for (std::uint8_t stop : {ip_proto::kAh, ip_proto::kEsp, ip_proto::kNoNext}) {
    auto h = sample(ip_proto::kDestOptions);
    const Bytes d0 = ext(stop, 0);
    h.ext[0] = {ip_proto::kDestOptions, 8, d0};
    h.ext_count = 1;
    const auto d = decode_ipv6(encode_ipv6(h, Bytes(12, 0)));
    CHECK(d.complete);
    CHECK(d.value.protocol == stop);
    CHECK(d.value.ext_count == 1);
    CHECK(d.value.payload.size() == 12);
  }
}

TEST_CASE("Extension header chains are bounded and hop-by-hop must be first") {
  auto h = sample(ip_proto::kDestOptions);
  std::vector<Bytes> exts;
  Bytes body;
  for (int i = 0; i < 12; ++i) {
    const Bytes e = ext(ip_proto::kDestOptions, 0);
    body.insert(body.end(), e.begin(), e.end());
  }
  auto d = decode_ipv6(encode_ipv6(h, body));
  CHECK(d.complete);
  CHECK(has_diag(d.diags, "net.ipv6.ext_header_limit"));
  CHECK(d.value.ext_count == kMaxIpv6ExtHeaders);

  h = sample(ip_proto::kDestOptions);
  const Bytes e1 = ext(ip_proto::kHopByHop, 0), e2 = ext(ip_proto::kUdp, 0);
  body.assign(e1.begin(), e1.end());
  body.insert(body.end(), e2.begin(), e2.end());
  d = decode_ipv6(encode_ipv6(h, body));
  CHECK(has_diag(d.diags, "net.ipv6.hop_by_hop_not_first"));
  CHECK(d.value.protocol == ip_proto::kUdp);
}

TEST_CASE("IPv6 payload length: trailing bytes trimmed, missing bytes truncated, bad version") {
  Bytes pkt = encode_ipv6(sample(ip_proto::kUdp), from_hex("01020304"));
  Bytes padded = pkt;
  padded.resize(60, 0);
  CHECK(decode_ipv6(padded).value.payload.size() == 4);
  const auto t = decode_ipv6(ByteView(pkt).first(42));
  CHECK_FALSE(t.complete);
  CHECK(t.truncated_field == "ipv6.payload");
  CHECK(t.value.payload.size() == 2);
  pkt[0] = 0x40;
  CHECK(has_diag(decode_ipv6(pkt).diags, "net.ipv6.bad_version"));
}

TEST_CASE("An extension header longer than the payload length is truncation") {
  auto h = sample(ip_proto::kRouting);
  Bytes pkt = encode_ipv6(h, ext(ip_proto::kUdp, 3));  // 32 bytes
  pkt[5] = 16;                                          // payload length now too short
  const auto d = decode_ipv6(pkt);
  CHECK_FALSE(d.complete);
  CHECK(d.truncated_field == "ipv6.ext.data");
}
