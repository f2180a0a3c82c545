#include <catch2/catch.hpp>

#include <random>
#include <tuple>
#include <unordered_set>
#include <vector>

#include "dissectors/net/ip_address.h"

using namespace ts;
using ts::net::IpAddress;

TEST_CASE("IPv4 addresses print as dotted quads and parse back") {
  const auto a = IpAddress::v4(0xC0000201u);
  CHECK(a.to_string() == "192.0.2.1");
  CHECK(a.v4_value() == 0xC0000201u);
  CHECK(IpAddress::parse("192.0.2.1") == a);
  CHECK_FALSE(IpAddress::parse("192.0.2"));
  CHECK_FALSE(IpAddress::parse("192.0.2.256"));
  CHECK_FALSE(IpAddress::parse("192.0.2.1.5"));
  CHECK_FALSE(IpAddress::parse("1..2.3"));
  CHECK_FALSE(IpAddress::parse(""));
}

TEST_CASE("IPv6 addresses print in RFC 5952 canonical form") {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"},
      {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},  // first of two equal runs
      {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},  // a single zero group is not compressed
      {"::", "::"},
      {"::1", "::1"},
      {"fe80::", "fe80::"},
      {"2001:DB8::AB:0:0:0", "2001:db8:0:0:ab::"},  // longest run wins
      {"::ffff:192.0.2.1", "::ffff:192.0.2.1"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    const auto a = IpAddress::parse(c.in);
    REQUIRE(a);
    CHECK(a->is_v6());
    CHECK(a->to_string() == c.out);
    CHECK(IpAddress::parse(a->to_string()) == a);
  }
  CHECK_FALSE(IpAddress::parse("1::2::3"));
  CHECK_FALSE(IpAddress::parse("1:2:3:4:5:6:7"));
  CHECK_FALSE(IpAddress::parse("1:2:3:4:5:6:7:8:9"));
  CHECK_FALSE(IpAddress::parse("12345::"));
  CHECK_FALSE(IpAddress::parse("g::"));
  CHECK_FALSE(IpAddress::parse("1:2:3:4:5:6:7::8"));
}

TEST_CASE("IpAddress ordering, equality and hashing") {
  const auto a = *IpAddress::parse("10.0.0.1");
  const auto b = *IpAddress::parse("10.0.0.2");
  const auto c = *IpAddress::parse("::a00:1");  // same low bytes, other family
  CHECK(a < b);
  CHECK(a != c);
  CHECK(a < c);  // family 4 sorts before 6
  std::unordered_set<IpAddress> s{a, b, c, a};
  CHECK(s.size() == 3);
  CHECK(IpAddress{}.to_string() == "unset");
  CHECK(IpAddress::v4(ByteView{}).family == 0);
}

TEST_CASE("IpAddress compares as its family and bytes compared member by member") {
  // The hand-written operators must agree with lexicographic comparison of (family, bytes)
  // (what the defaulted ones did), or maps keyed by address would reorder the reports.
  std::mt19937 rng(7);
  std::vector<IpAddress> v;
  for (int i = 0; i < 400; ++i) {
    IpAddress a;
    a.family = static_cast<std::uint8_t>(rng() % 3 == 0 ? 6 : 4);
    // Few distinct values per octet so that long common prefixes and ties occur.
    for (auto& b : a.bytes) b = static_cast<std::uint8_t>(rng() % 4 == 0 ? 0x80 + rng() % 2 : rng() % 2);
    v.push_back(a);
  }
  for (const auto& a : v)
    for (const auto& b : v) {
      const auto want = std::tie(a.family, a.bytes) <=> std::tie(b.family, b.bytes);
      CHECK((a <=> b) == want);
      CHECK((a == b) == (want == 0));
    }
}
