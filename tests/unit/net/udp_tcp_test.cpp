#include <catch2/catch.hpp>

#include "dissectors/net/checksum.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/tcp.h"
#include "dissectors/net/udp.h"
#include "net_test_util.h"

using namespace ts;
using namespace ts::net;
using ts::net::test::check_prefixes;
using ts::net::test::has_diag;

namespace {
const IpAddress kSrc4 = *IpAddress::parse("192.0.2.1");
const IpAddress kDst4 = *IpAddress::parse("192.0.2.2");
const IpAddress kSrc6 = *IpAddress::parse("2001:db8::1");
const IpAddress kDst6 = *IpAddress::parse("2001:db8::2");
}  // namespace

TEST_CASE("internet_checksum matches RFC 1071 arithmetic") {
  // RFC 1071 §3 example words 0001 f203 f4f5 f6f7 sum to ddf2 (one's complement), checksum 220d.
  CHECK(internet_checksum(from_hex("0001f203f4f5f6f7")) == 0x220d);
  CHECK(internet_checksum(from_hex("ff")) == 0x00ff);  // odd length padded with zero
  CHECK(internet_checksum({}) == 0xffff);
}

TEST_CASE("UDP round trip over IPv4 and IPv6 with a verifying checksum") {
  for (const auto& [src, dst] : {std::pair{kSrc4, kDst4}, std::pair{kSrc6, kDst6}}) {
    UdpHeader h;
    h.src_port = 1701;
    h.dst_port = 1702;
    const Bytes payload = from_hex("c8020014000000000000");
    const Bytes seg = encode_udp(h, payload, src, dst);
    CHECK(transport_checksum(src, dst, ip_proto::kUdp, seg) == 0);
    const auto d = decode_udp(seg);
    REQUIRE(d.complete);
    CHECK(d.diags.empty());
    CHECK(d.value.src_port == 1701);
    CHECK(d.value.dst_port == 1702);
    CHECK(d.value.length == 18);
    CHECK(d.value.checksum_present());
    CHECK(Bytes(d.value.payload.begin(), d.value.payload.end()) == payload);
    check_prefixes(seg, seg.size(), [](ByteView b) { return decode_udp(b); });
  }
}

TEST_CASE("UDP length checks") {
  UdpHeader h;
  Bytes seg = encode_udp(h, from_hex("01020304"), kSrc4, kDst4);
  SECTION("length below 8") {
    seg[5] = 4;
    const auto d = decode_udp(seg);
    CHECK(has_diag(d.diags, "net.udp.bad_length"));
    CHECK(d.value.payload.size() == 4);
  }
  SECTION("length shorter than the IP payload") {
    seg[5] = 10;
    const auto d = decode_udp(seg);
    CHECK(has_diag(d.diags, "net.udp.length_mismatch"));
    CHECK(d.value.payload.size() == 2);
  }
  SECTION("length longer than the bytes: truncation") {
    seg[5] = 40;
    const auto d = decode_udp(seg);
    CHECK_FALSE(d.complete);
    CHECK(d.truncated_field == "udp.payload");
    CHECK(d.diags.empty());
  }
}

TEST_CASE("TCP round trip with every walked option") {
  TcpHeader h;
  h.src_port = 50000;
  h.dst_port = 1723;
  h.seq = 0xfffffff0;
  h.ack = 12345;
  h.flags = tcp_flag::kSyn | tcp_flag::kAck | tcp_flag::kEce | tcp_flag::kCwr;
  h.window = 65535;
  h.urgent_pointer = 0;
  h.opt.has_mss = true;
  h.opt.mss = 1460;
  h.opt.has_window_scale = true;
  h.opt.window_scale = 7;
  h.opt.sack_permitted = true;
  h.opt.sack_count = 2;
  h.opt.sack[0] = {100, 200};
  h.opt.sack[1] = {300, 400};
  h.opt.has_timestamps = true;
  h.opt.ts_val = 0x01020304;
  h.opt.ts_ecr = 0x05060708;
  const Bytes payload = from_hex("009c0001");
  for (const auto& [src, dst] : {std::pair{kSrc4, kDst4}, std::pair{kSrc6, kDst6}}) {
    const Bytes seg = encode_tcp(h, payload, src, dst);
    CHECK(transport_checksum(src, dst, ip_proto::kTcp, seg) == 0);
    const auto d = decode_tcp(seg);
    REQUIRE(d.complete);
    CHECK(d.diags.empty());
    const auto& g = d.value;
    CHECK(g.src_port == h.src_port);
    CHECK(g.dst_port == h.dst_port);
    CHECK(g.seq == h.seq);
    CHECK(g.ack == h.ack);
    CHECK(g.flags == h.flags);
    CHECK(g.syn());
    CHECK(g.ack_flag());
    CHECK(g.ece());
    CHECK(g.cwr());
    CHECK_FALSE(g.fin());
    CHECK_FALSE(g.rst());
    CHECK(g.window == h.window);
    CHECK(g.opt == h.opt);
    CHECK(g.header_length() == seg.size() - payload.size());
    CHECK(g.header_length() % 4 == 0);
    CHECK(Bytes(g.payload.begin(), g.payload.end()) == payload);
    check_prefixes(seg, g.header_length(), [](ByteView b) { return decode_tcp(b); });
  }
  CHECK(tcp_flags_string(h.flags) == "SYN,ACK,ECE,CWR");
}

TEST_CASE("TCP bad data offset and bad options") {
  TcpHeader h;
  h.flags = tcp_flag::kAck | tcp_flag::kPsh;
  Bytes seg = encode_tcp(h, from_hex("aabbccdd"), kSrc4, kDst4);
  SECTION("data offset below 5") {
    seg[12] = 0x20;
    const auto d = decode_tcp(seg);
    CHECK(has_diag(d.diags, "net.tcp.bad_data_offset"));
    CHECK(d.value.payload.size() == 4);
  }
  SECTION("data offset past the bytes") {
    seg[12] = 0xf0;
    const auto d = decode_tcp(seg);
    CHECK_FALSE(d.complete);
    CHECK(d.truncated_field == "tcp.options");
  }
  SECTION("MSS with a wrong length, an option running past the header") {
    for (const char* opts : {"02030000", "01010810", "0201"}) {
      INFO(opts);
      h.options = {};
      const Bytes raw = from_hex(opts);
      h.options = raw;
      const auto d = decode_tcp(encode_tcp(h, {}, kSrc4, kDst4));
      CHECK(d.complete);
      CHECK(has_diag(d.diags, "net.tcp.bad_option"));
    }
  }
  SECTION("unknown options are skipped, EOL ends the walk") {
    const Bytes raw = from_hex("1e04abcd 0204 05b4 00 000000");
    h.options = raw;
    const auto d = decode_tcp(encode_tcp(h, {}, kSrc4, kDst4));
    CHECK(d.diags.empty());
    CHECK(d.value.opt.has_mss);
    CHECK(d.value.opt.mss == 1460);
  }
}
