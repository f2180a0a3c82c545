// read_plain_ipv4 against the general decoders: whenever it answers, decode_link and
// decode_ipv4 agree field by field and have nothing to say; and it answers for every plain
// frame they accept, so the analyzer's fast path is neither wrong nor idle.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "dissectors/net/ipv4.h"
#include "dissectors/net/link_type.h"
#include "dissectors/net/plain_ipv4.h"

using namespace ts;
using namespace ts::net;

namespace {

Bytes sample_frame(std::size_t payload, std::size_t padding) {
  Bytes f = from_hex("00005e005301 00005e005302 0800");
  Ipv4Header h;
  h.identification = 0x1234;
  h.dont_fragment = true;
  h.protocol = ip_proto::kGre;
  h.src = *IpAddress::parse("192.0.2.1");
  h.dst = *IpAddress::parse("198.51.100.7");
  Bytes body(payload);
  for (std::size_t i = 0; i < payload; ++i) body[i] = static_cast<std::uint8_t>(i * 7);
  const Bytes ip = encode_ipv4(h, body);
  f.insert(f.end(), ip.begin(), ip.end());
  f.resize(f.size() + padding, 0);
  return f;
}

// What the general decoders make of the frame, when they accept it as plain.
std::optional<Ipv4Header> general(ByteView f) {
  const auto link = decode_link(linktype::kEthernet, f);
  if (!link.complete || !link.diags.empty() || link.value.next != LinkLayer::Next::ipv4) return std::nullopt;
  const auto ip = decode_ipv4(link.value.payload, false);
  if (!ip.complete || !ip.diags.empty() || ip.value.is_fragment()) return std::nullopt;
  return ip.value;
}

void compare(const Bytes& f) {
  const auto fast = read_plain_ipv4(f);
  const auto slow = general(f);
  INFO("frame " << to_hex(f));
  if (fast) {
    REQUIRE(slow);
    CHECK(fast->src == slow->src);
    CHECK(fast->dst == slow->dst);
    CHECK(fast->protocol == slow->protocol);
    CHECK(fast->identification == slow->identification);
    CHECK(fast->payload.data() == slow->payload.data());
    CHECK(fast->payload.size() == slow->payload.size());
  } else if (f.size() >= 15 && f[12] == 0x08 && f[13] == 0x00 && f[14] == 0x45 && f[6] != ' ') {
    CHECK_FALSE(slow);  // a plain frame the fast path let go
  }
}

}  // namespace

TEST_CASE("read_plain_ipv4 reads the common frame as decode_link and decode_ipv4 do") {
  const Bytes f = sample_frame(40, 0);
  const auto p = read_plain_ipv4(f);
  REQUIRE(p);
  CHECK(p->src.to_string() == "192.0.2.1");
  CHECK(p->dst.to_string() == "198.51.100.7");
  CHECK(p->protocol == ip_proto::kGre);
  CHECK(p->identification == 0x1234);
  CHECK(p->payload.size() == 40);
  compare(f);
  // Link padding after the datagram is left out, as decode_ipv4 does.
  const Bytes padded = sample_frame(6, 20);
  REQUIRE(read_plain_ipv4(padded));
  CHECK(read_plain_ipv4(padded)->payload.size() == 6);
  compare(padded);
}

TEST_CASE("read_plain_ipv4 declines what the general decoders have something to say about") {
  auto with = [](std::size_t at, std::uint8_t v) {
    Bytes f = sample_frame(40, 0);
    f[at] = v;
    return f;
  };
  CHECK_FALSE(read_plain_ipv4(with(12, 0x81)));         // a VLAN tag
  CHECK_FALSE(read_plain_ipv4(with(14, 0x46)));         // IPv4 options
  CHECK_FALSE(read_plain_ipv4(with(14, 0x55)));         // version 5
  CHECK_FALSE(read_plain_ipv4(with(20, 0x20)));         // More Fragments
  CHECK_FALSE(read_plain_ipv4(with(20, 0x80)));         // the reserved flag
  CHECK_FALSE(read_plain_ipv4(with(21, 0x01)));         // a fragment offset
  CHECK_FALSE(read_plain_ipv4(with(16, 0xff)));         // Total Length past the frame
  Bytes ndiswan = sample_frame(40, 0);
  const char* send = " SEND";
  std::copy(send, send + 5, ndiswan.begin() + 6);
  CHECK_FALSE(read_plain_ipv4(ndiswan));
  Bytes cut = sample_frame(40, 0);
  cut.pop_back();
  CHECK_FALSE(read_plain_ipv4(cut));  // the datagram is not all there
  for (std::size_t n = 0; n < 34; ++n) CHECK_FALSE(read_plain_ipv4(ByteView(cut).first(n)));
}

TEST_CASE("read_plain_ipv4 agrees with the general decoders over mutated frames") {
  const Bytes bases[] = {sample_frame(40, 0), sample_frame(0, 0), sample_frame(6, 20), sample_frame(300, 4)};
  const std::uint8_t values[] = {0x00, 0x01, 0x05, 0x08, 0x20, 0x40, 0x45, 0x46, 0x4f, 0x60, 0x80, 0x81, 0xbf, 0xff};
  for (const Bytes& base : bases) {
    for (std::size_t at = 0; at < 40 && at < base.size(); ++at)
      for (const std::uint8_t v : values) {
        Bytes f = base;
        f[at] = v;
        compare(f);
      }
    for (std::size_t n = 0; n <= base.size(); ++n) compare(Bytes(base.begin(), base.begin() + static_cast<std::ptrdiff_t>(n)));
  }
  std::mt19937 rng(20261124);
  for (int i = 0; i < 20000; ++i) {
    Bytes f = bases[rng() % 4];
    // Within the first 40 octets (the headers), and within the frame (the 34-octet one).
    for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k)
      f[rng() % std::min<std::size_t>(40, f.size())] = static_cast<std::uint8_t>(rng());
    compare(f);
  }
}
