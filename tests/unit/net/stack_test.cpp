#include <catch2/catch.hpp>

#include <random>

#include "dissectors/net/checksum.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/ipv6.h"
#include "dissectors/net/link_type.h"
#include "dissectors/net/pppoe.h"
#include "dissectors/net/sll.h"
#include "dissectors/net/tcp.h"
#include "dissectors/net/udp.h"

using namespace ts;
using namespace ts::net;

TEST_CASE("Encoders compose into a whole frame that decodes layer by layer") {
  const auto src = *IpAddress::parse("10.1.1.1");
  const auto dst = *IpAddress::parse("10.2.2.2");
  const Bytes l2tp = from_hex("c802 0014 0000 0000 0000 0000 0008 0000 0000 0001");
  UdpHeader u;
  u.src_port = 1701;
  u.dst_port = 1701;
  Ipv4Header ip;
  ip.protocol = ip_proto::kUdp;
  ip.src = src;
  ip.dst = dst;
  EthernetHeader eth;
  eth.ethertype = ethertype::kIpv4;
  eth.vlans.push(VlanTag{ethertype::kVlan, 0, false, 42});
  const Bytes frame = encode_ethernet(eth, encode_ipv4(ip, encode_udp(u, l2tp, src, dst)));

  const auto l = decode_link(linktype::kEthernet, frame);
  REQUIRE(l.value.next == LinkLayer::Next::ipv4);
  const auto i = decode_ipv4(l.value.payload);
  REQUIRE(i.complete);
  CHECK(i.diags.empty());
  CHECK(i.value.protocol == ip_proto::kUdp);
  const auto d = decode_udp(i.value.payload);
  REQUIRE(d.complete);
  CHECK(d.value.dst_port == 1701);
  CHECK(transport_checksum(i.value.src, i.value.dst, ip_proto::kUdp, i.value.payload) == 0);
  CHECK(Bytes(d.value.payload.begin(), d.value.payload.end()) == l2tp);

  // PPPoE session over SLL2 carrying PPP LCP.
  PppoeHeader p;
  p.session_id = 7;
  SllHeader s;
  s.version = 2;
  s.protocol = ethertype::kPppoeSession;
  const Bytes f2 = encode_sll(s, encode_pppoe(p, from_hex("c021 01 01 0004")));
  const auto l2 = decode_link(linktype::kLinuxSll2, f2);
  REQUIRE(l2.value.next == LinkLayer::Next::pppoe_session);
  const auto pp = decode_pppoe(l2.value.payload);
  CHECK(pp.complete);
  CHECK(pp.value.payload[0] == 0xc0);
}

TEST_CASE("Random and mutated inputs never crash any decoder") {
  std::mt19937 rng(12345);
  const auto src = *IpAddress::parse("2001:db8::1");
  const auto dst = *IpAddress::parse("2001:db8::2");
  TcpHeader t;
  t.opt.has_mss = true;
  t.opt.mss = 1400;
  t.opt.has_timestamps = true;
  Ipv6Header h6;
  h6.next_header = ip_proto::kTcp;
  h6.src = src;
  h6.dst = dst;
  const Bytes seed = encode_ipv6(h6, encode_tcp(t, from_hex("0102"), src, dst));
  const std::uint32_t linktypes[] = {0, 1, 9, 12, 14, 50, 51, 101, 108, 113, 228, 229, 276, 999};
  std::size_t decoded = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    Bytes b;
    if (iter % 2 == 0) {
      b.resize(rng() % 96);
      for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    } else {
      b = seed;
      for (int k = 0; k < 4; ++k) b[rng() % b.size()] = static_cast<std::uint8_t>(rng());
      b.resize(rng() % (b.size() + 1));
    }
    for (auto lt : linktypes) decoded += decode_link(lt, b).complete;
    decoded += decode_ipv4(b).complete + decode_ipv6(b).complete + decode_udp(b).complete;
    decoded += decode_tcp(b).complete + decode_pppoe(b).complete;
    decoded += decode_ethernet(b).complete + decode_sll(b).complete + decode_sll2(b).complete;
  }
  CHECK(decoded > 0);
}
