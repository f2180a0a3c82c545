#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

#include "src/observe/ip_reassembler.h"

using namespace ts;
using namespace ts::observe;
using namespace std::chrono_literals;

namespace {
bool has_diag(const Diagnostics& d, std::string_view id) {
  return std::any_of(d.begin(), d.end(), [&](const Diagnostic& x) { return x.def && x.def->id == id; });
}

Bytes datagram(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 + 3);
  return b;
}

FragmentKey key4(std::uint32_t id = 0x1234) {
  return FragmentKey{*net::IpAddress::parse("192.0.2.1"), *net::IpAddress::parse("192.0.2.2"), 47, id};
}
FragmentKey key6(std::uint32_t id = 0xabcdef01) {
  return FragmentKey{*net::IpAddress::parse("2001:db8::1"), *net::IpAddress::parse("2001:db8::2"), 17, id};
}

// Splits `whole` into fragments of `size` bytes (a multiple of 8).
std::vector<Fragment> split(const FragmentKey& k, const Bytes& whole, std::size_t size) {
  std::vector<Fragment> out;
  for (std::size_t off = 0; off < whole.size(); off += size) {
    const std::size_t n = std::min(size, whole.size() - off);
    out.push_back(Fragment{k, static_cast<std::uint32_t>(off), off + n < whole.size(), ByteView(whole).subspan(off, n)});
  }
  return out;
}

const Instant t0 = instant_from_ns(1'000'000'000);
}  // namespace

TEST_CASE("IPv4 fragments in order, reversed and shuffled reassemble") {
  const Bytes whole = datagram(3000);
  auto frags = split(key4(), whole, 1480);
  REQUIRE(frags.size() == 3);
  for (int order = 0; order < 3; ++order) {
    if (order == 1) std::reverse(frags.begin(), frags.end());
    if (order == 2) std::swap(frags[0], frags[1]);
    IpReassembler r;
    Diagnostics out;
    std::optional<Bytes> got;
    for (std::size_t i = 0; i < frags.size(); ++i) {
      got = r.add(frags[i], t0, out);
      CHECK(got.has_value() == (i + 1 == frags.size()));
    }
    REQUIRE(got);
    CHECK(*got == whole);
    CHECK(out.empty());
    CHECK(r.pending_datagrams() == 0);
    CHECK(r.pending_bytes() == 0);
    CHECK(r.counters().completed == 1);
  }
}

TEST_CASE("IPv6 fragments reassemble; keys of different ids do not mix") {
  const Bytes a = datagram(2000), b = datagram(1000);
  IpReassembler r;
  Diagnostics out;
  auto fa = split(key6(1), a, 1232);
  auto fb = split(key6(2), b, 504);
  CHECK_FALSE(r.add(fa[0], t0, out));
  CHECK_FALSE(r.add(fb[1], t0, out));
  CHECK(r.pending_datagrams() == 2);
  const auto gb = r.add(fb[0], t0, out);
  REQUIRE(gb);
  CHECK(*gb == b);
  const auto ga = r.add(fa[1], t0, out);
  REQUIRE(ga);
  CHECK(*ga == a);
  CHECK(out.empty());
}

TEST_CASE("Duplicated fragments are ignored") {
  const Bytes whole = datagram(1600);
  auto frags = split(key4(), whole, 800);
  IpReassembler r;
  Diagnostics out;
  CHECK_FALSE(r.add(frags[0], t0, out));
  CHECK_FALSE(r.add(frags[0], t0, out));
  const auto got = r.add(frags[1], t0, out);
  REQUIRE(got);
  CHECK(*got == whole);
  CHECK(r.counters().duplicates == 1);
  CHECK(out.empty());
}

TEST_CASE("Overlapping fragments: same bytes merge, different bytes are malformed") {
  const Bytes whole = datagram(2400);
  const auto k = key4();
  SECTION("consistent overlap completes") {
    IpReassembler r;
    Diagnostics out;
    CHECK_FALSE(r.add(Fragment{k, 0, true, ByteView(whole).first(1600)}, t0, out));
    const auto got = r.add(Fragment{k, 800, false, ByteView(whole).subspan(800)}, t0, out);
    REQUIRE(got);
    CHECK(*got == whole);
    CHECK(out.empty());
  }
  SECTION("IPv4: differing overlap keeps the first bytes") {
    IpReassembler r;
    Diagnostics out;
    Bytes evil(whole.begin() + 800, whole.end());
    evil[10] ^= 0xff;
    CHECK_FALSE(r.add(Fragment{k, 0, true, ByteView(whole).first(1600)}, t0, out));
    CHECK_FALSE(r.add(Fragment{k, 800, false, evil}, t0, out));
    CHECK(has_diag(out, "net.ipv4.fragment_overlap"));
    CHECK(r.counters().overlaps == 1);
    const auto got = r.add(Fragment{k, 1600, false, ByteView(whole).subspan(1600)}, t0, out);
    REQUIRE(got);
    CHECK(*got == whole);
  }
  SECTION("IPv6: differing overlap drops the datagram") {
    const auto k6 = key6();
    IpReassembler r;
    Diagnostics out;
    Bytes evil(whole.begin() + 800, whole.end());
    evil[0] ^= 0xff;
    CHECK_FALSE(r.add(Fragment{k6, 0, true, ByteView(whole).first(1600)}, t0, out));
    CHECK_FALSE(r.add(Fragment{k6, 800, false, evil}, t0, out));
    CHECK(has_diag(out, "net.ipv6.fragment_overlap"));
    CHECK(r.pending_datagrams() == 0);
    CHECK(r.pending_bytes() == 0);
  }
}

TEST_CASE("Inconsistent fragment lengths are ignored with a diagnostic") {
  const Bytes whole = datagram(4000);
  const auto k = key4();
  IpReassembler r;
  Diagnostics out;
  CHECK_FALSE(r.add(Fragment{k, 1600, false, ByteView(whole).subspan(1600, 800)}, t0, out));  // ends at 2400
  CHECK_FALSE(r.add(Fragment{k, 2400, true, ByteView(whole).subspan(2400, 800)}, t0, out));   // past the end
  CHECK_FALSE(r.add(Fragment{k, 1600, false, ByteView(whole).subspan(1600, 1600)}, t0, out)); // other end
  CHECK_FALSE(r.add(Fragment{k, 0, true, ByteView(whole).first(801)}, t0, out));              // not 8-aligned
  CHECK(std::count_if(out.begin(), out.end(),
                      [](const Diagnostic& d) { return d.def->id == "net.ipv4.fragment_bad_length"; }) == 3);
  CHECK(r.counters().bad_fragments == 3);
  // Offset + length beyond 65535.
  Diagnostics out2;
  CHECK_FALSE(r.add(Fragment{key4(9), 65528, false, ByteView(whole).first(100)}, t0, out2));
  CHECK(has_diag(out2, "net.ipv4.fragment_bad_length"));
  // The good fragment completes what is there.
  const auto got = r.add(Fragment{k, 0, true, ByteView(whole).first(1600)}, t0, out);
  REQUIRE(got);
  CHECK(*got == Bytes(whole.begin(), whole.begin() + 2400));
}

TEST_CASE("Incomplete datagrams time out") {
  const Bytes whole = datagram(3000);
  auto frags = split(key4(), whole, 1480);
  IpReassembler r;  // 30 s default
  Diagnostics out;
  CHECK_FALSE(r.add(frags[0], t0, out));
  r.expire(t0 + 29s, out);
  CHECK(r.pending_datagrams() == 1);
  r.expire(t0 + 31s, out);
  CHECK(r.pending_datagrams() == 0);
  CHECK(r.pending_bytes() == 0);
  REQUIRE(has_diag(out, "capture.ip_fragments_incomplete"));
  CHECK(out[0].def->kind == DiagKind::capture);
  CHECK(out[0].detail.find("1480 bytes of unknown") != std::string::npos);
  CHECK(r.counters().expired == 1);

  // A late fragment of an expired datagram starts over: the old one is reported by add().
  Diagnostics out2;
  CHECK_FALSE(r.add(frags[0], t0, out2));
  CHECK_FALSE(r.add(frags[1], t0 + 40s, out2));
  CHECK(has_diag(out2, "capture.ip_fragments_incomplete"));
  CHECK(r.pending_datagrams() == 1);

  Diagnostics out3;
  r.flush(out3);
  CHECK(has_diag(out3, "capture.ip_fragments_incomplete"));
  CHECK(r.pending_datagrams() == 0);
}

TEST_CASE("Limits drop the oldest pending datagram") {
  const Bytes data = datagram(800);
  SECTION("datagram count") {
    IpReassembler r(IpReassemblerLimits{30s, 2, 1u << 20});
    Diagnostics out;
    for (std::uint32_t id = 0; id < 3; ++id)
      r.add(Fragment{key4(id), 0, true, data}, t0 + std::chrono::seconds(id), out);
    CHECK(r.pending_datagrams() == 2);
    CHECK(has_diag(out, "capture.ip_fragments_evicted"));
    CHECK(out[0].detail.find("id 0") != std::string::npos);
    CHECK(r.counters().evicted == 1);
  }
  SECTION("byte count") {
    IpReassembler r(IpReassemblerLimits{30s, 100, 2000});
    Diagnostics out;
    for (std::uint32_t id = 0; id < 3; ++id)
      r.add(Fragment{key4(id), 0, true, data}, t0 + std::chrono::seconds(id), out);
    CHECK(r.pending_bytes() <= 2000);
    CHECK(r.pending_datagrams() == 2);
    CHECK(has_diag(out, "capture.ip_fragments_evicted"));
  }
}

TEST_CASE("fragment_of builds fragments from decoded IPv4 and IPv6 headers") {
  const Bytes whole = datagram(1000);
  IpReassembler r;
  Diagnostics out;
  net::Ipv4Header h;
  h.src = *net::IpAddress::parse("192.0.2.1");
  h.dst = *net::IpAddress::parse("192.0.2.2");
  h.protocol = net::ip_proto::kUdp;
  h.identification = 77;
  h.more_fragments = true;
  const Bytes p1 = net::encode_ipv4(h, ByteView(whole).first(504));
  h.more_fragments = false;
  h.fragment_offset = 63;
  const Bytes p2 = net::encode_ipv4(h, ByteView(whole).subspan(504));
  const auto d2 = net::decode_ipv4(p2);
  const auto f2 = fragment_of(d2.value);
  CHECK(f2.offset_bytes == 504);
  CHECK(f2.key.id == 77);
  CHECK_FALSE(r.add(f2, t0, out));
  const auto got = r.add(fragment_of(net::decode_ipv4(p1).value), t0, out);
  REQUIRE(got);
  CHECK(*got == whole);

  net::Ipv6Header g;
  g.src = *net::IpAddress::parse("2001:db8::1");
  g.dst = *net::IpAddress::parse("2001:db8::2");
  g.next_header = net::ip_proto::kFragment;
  const Bytes fh = net::make_ipv6_fragment_header(net::ip_proto::kTcp, 0, true, 99);
  g.ext[0] = {net::ip_proto::kFragment, 8, fh};
  g.ext_count = 1;
  const Bytes q = net::encode_ipv6(g, ByteView(whole).first(16));
  const auto f6 = fragment_of(net::decode_ipv6(q).value);
  CHECK(f6.key.protocol == net::ip_proto::kTcp);
  CHECK(f6.key.id == 99);
  CHECK(f6.more_fragments);
  CHECK(f6.data.size() == 16);
}
