#include <catch2/catch.hpp>

#include "dissectors/net/ethernet.h"
#include "dissectors/net/link_type.h"
#include "dissectors/net/sll.h"
#include "net_test_util.h"

using namespace ts;
using namespace ts::net;
using Next = LinkLayer::Next;
using ts::net::test::check_prefixes;
using ts::net::test::has_diag;

namespace {
const Bytes kIp4Payload = from_hex("45000014 00000000 4011 0000 c0000201 c0000202");
const Bytes kIp6Start = from_hex("60000000 0000 3b 40");

EthernetHeader eth(std::uint16_t type) {
  EthernetHeader h;
  h.dst = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
  h.src = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
  h.ethertype = type;
  return h;
}
}  // namespace

TEST_CASE("Ethernet II round trip and link decode to IPv4") {
  const auto h = eth(ethertype::kIpv4);
  const Bytes frame = encode_ethernet(h, kIp4Payload);
  CHECK(frame.size() == 14 + kIp4Payload.size());
  const auto d = decode_ethernet(frame);
  REQUIRE(d.complete);
  CHECK(d.value.dst == h.dst);
  CHECK(d.value.src == h.src);
  CHECK(d.value.ethertype == ethertype::kIpv4);
  CHECK(d.value.vlans.count == 0);
  CHECK(d.value.header_length == 14);
  CHECK(Bytes(d.value.payload.begin(), d.value.payload.end()) == kIp4Payload);
  CHECK(d.diags.empty());

  const auto l = decode_link(linktype::kEthernet, frame);
  REQUIRE(l.complete);
  CHECK(l.value.next == Next::ipv4);
  CHECK(l.value.has_mac);
  CHECK(l.value.src_mac == h.src);
  CHECK(l.value.payload.data() == frame.data() + 14);  // a view, not a copy
  Field f;
  describe(l.value, f);
  CHECK(f.find("next")->text == "ipv4");
  CHECK(summarize(d.value).find("IPv4") != std::string::npos);
  check_prefixes(frame, 14, [](ByteView b) { return decode_ethernet(b); });
  check_prefixes(frame, 14, [](ByteView b) { return decode_link(linktype::kEthernet, b); });
}

TEST_CASE("VLAN stacks: 802.1Q, 802.1ad + 802.1Q, 0x9100 QinQ") {
  for (const std::uint16_t outer : {ethertype::kVlan, ethertype::kQinQ, ethertype::kQinQLegacy}) {
    auto h = eth(ethertype::kIpv6);
    h.vlans.push(VlanTag{outer, 5, true, 100});
    h.vlans.push(VlanTag{ethertype::kVlan, 0, false, 4094});
    const Bytes frame = encode_ethernet(h, kIp6Start);
    const auto d = decode_ethernet(frame);
    REQUIRE(d.complete);
    CHECK(d.value.vlans == h.vlans);
    CHECK(d.value.ethertype == ethertype::kIpv6);
    CHECK(d.value.header_length == 22);
    const auto l = decode_link(linktype::kEthernet, frame);
    CHECK(l.value.next == Next::ipv6);
    REQUIRE(l.value.vlans.count == 2);
    CHECK(l.value.vlans.tags[0].vid == 100);
    CHECK(l.value.vlans.tags[0].pcp == 5);
    CHECK(l.value.vlans.tags[0].dei);
    CHECK(l.value.vlans.tags[1].vid == 4094);
    check_prefixes(frame, 22, [](ByteView b) { return decode_ethernet(b); });
  }
}

TEST_CASE("More VLAN tags than walked stops with a note") {
  auto h = eth(ethertype::kIpv4);
  for (int i = 0; i < 4; ++i) h.vlans.push(VlanTag{ethertype::kVlan, 0, false, static_cast<std::uint16_t>(i + 1)});
  Bytes frame = encode_ethernet(h, kIp4Payload);
  // Insert a fifth tag by hand after the fourth.
  const Bytes extra = from_hex("8100 0005");
  frame.insert(frame.begin() + 12 + 16, extra.begin(), extra.end());
  const auto d = decode_link(linktype::kEthernet, frame);
  CHECK(d.complete);
  CHECK(has_diag(d.diags, "net.ethernet.vlan_depth"));
  CHECK(d.value.next == Next::other);
  CHECK(d.value.ethertype == ethertype::kVlan);
}

TEST_CASE("802.3 length frames and bad type values") {
  auto h = eth(5);
  const Bytes frame = encode_ethernet(h, from_hex("aaaa03 0000 00 ff ff"));  // LLC + padding
  const auto d = decode_ethernet(frame);
  CHECK(d.value.is_length);
  CHECK(d.value.payload.size() == 5);
  CHECK(decode_link(linktype::kEthernet, frame).value.next == Next::other);
  h.ethertype = 40;
  CHECK(has_diag(decode_ethernet(encode_ethernet(h, from_hex("00"))).diags, "net.ethernet.length_mismatch"));
  h.ethertype = 0x05f0;
  CHECK(has_diag(decode_ethernet(encode_ethernet(h, {})).diags, "net.ethernet.bad_type"));
}

TEST_CASE("PPPoE EtherTypes map to the PPPoE next layers") {
  CHECK(decode_link(linktype::kEthernet, encode_ethernet(eth(0x8864), from_hex("1100"))).value.next ==
        Next::pppoe_session);
  CHECK(decode_link(linktype::kEthernet, encode_ethernet(eth(0x8863), from_hex("1109"))).value.next ==
        Next::pppoe_discovery);
  CHECK(decode_link(linktype::kEthernet, encode_ethernet(eth(0x0806), {})).value.next == Next::other);
}

TEST_CASE("Linux SLL and SLL2 round trip") {
  for (std::uint8_t version : {1, 2}) {
    SllHeader h;
    h.version = version;
    h.packet_type = sll_packet_type::kOutgoing;
    h.hatype = 1;
    h.addr_len = 6;
    h.addr = {0x02, 0, 0, 0, 0, 7, 0, 0};
    h.protocol = ethertype::kIpv4;
    h.ifindex = version == 2 ? 3 : 0;
    const Bytes frame = encode_sll(h, kIp4Payload);
    const std::size_t hlen = version == 2 ? 20 : 16;
    CHECK(frame.size() == hlen + kIp4Payload.size());
    const auto d = version == 2 ? decode_sll2(frame) : decode_sll(frame);
    REQUIRE(d.complete);
    CHECK(d.value.packet_type == h.packet_type);
    CHECK(d.value.hatype == 1);
    CHECK(d.value.addr_len == 6);
    CHECK(d.value.addr == h.addr);
    CHECK(d.value.protocol == h.protocol);
    CHECK(d.value.ifindex == h.ifindex);
    CHECK(d.value.payload.size() == kIp4Payload.size());
    const std::uint32_t lt = version == 2 ? linktype::kLinuxSll2 : linktype::kLinuxSll;
    const auto l = decode_link(lt, frame);
    REQUIRE(l.complete);
    CHECK(l.value.next == Next::ipv4);
    CHECK(l.value.has_sll);
    CHECK(l.value.sll_packet_type == sll_packet_type::kOutgoing);
    CHECK(l.value.sll_ifindex == h.ifindex);
    CHECK(l.value.header_length == hlen);
    check_prefixes(frame, hlen, [lt](ByteView b) { return decode_link(lt, b); });
  }
}

TEST_CASE("SLL with a VLAN protocol walks the tag") {
  SllHeader h;
  h.protocol = ethertype::kVlan;
  const Bytes frame = encode_sll(h, from_hex("0064 86dd 60"));
  const auto l = decode_link(linktype::kLinuxSll, frame);
  REQUIRE(l.complete);
  CHECK(l.value.next == Next::ipv6);
  CHECK(l.value.vlans.count == 1);
  CHECK(l.value.header_length == 20);
  CHECK(l.value.payload.size() == 1);
}

TEST_CASE("BSD NULL / LOOP families in both byte orders") {
  struct Case {
    const char* hex;
    Next next;
  } cases[] = {
      {"02000000", Next::ipv4}, {"00000002", Next::ipv4}, {"18000000", Next::ipv6}, {"0000001c", Next::ipv6},
      {"1e000000", Next::ipv6}, {"00000018", Next::ipv6}, {"07000000", Next::other},
  };
  for (const auto& c : cases) {
    INFO(c.hex);
    Bytes frame = from_hex(c.hex);
    frame.insert(frame.end(), kIp4Payload.begin(), kIp4Payload.end());
    for (std::uint32_t lt : {linktype::kNull, linktype::kLoop}) {
      const auto l = decode_link(lt, frame);
      CHECK(l.complete);
      CHECK(l.value.next == c.next);
      CHECK(l.value.header_length == 4);
      CHECK(l.value.payload.size() == kIp4Payload.size());
      CHECK(has_diag(l.diags, "net.link.null_unknown_family") == (c.next == Next::other));
    }
  }
  check_prefixes(from_hex("02000000"), 4, [](ByteView b) { return decode_link(linktype::kNull, b); });
}

TEST_CASE("RAW link types decide by the version nibble") {
  for (std::uint32_t lt : {linktype::kRaw, linktype::kRawDlt12, linktype::kRawDlt14}) {
    CHECK(decode_link(lt, kIp4Payload).value.next == Next::ipv4);
    CHECK(decode_link(lt, kIp6Start).value.next == Next::ipv6);
    const auto bad = decode_link(lt, from_hex("50"));
    CHECK(bad.value.next == Next::other);
    CHECK(has_diag(bad.diags, "net.link.raw_bad_version"));
    CHECK_FALSE(decode_link(lt, {}).complete);
  }
  CHECK(decode_link(linktype::kIpv4, kIp4Payload).value.next == Next::ipv4);
  CHECK(decode_link(linktype::kIpv6, kIp6Start).value.next == Next::ipv6);
  CHECK(decode_link(linktype::kIpv6, kIp6Start).value.payload.data() == kIp6Start.data());
}

TEST_CASE("PPP and PPP_HDLC go to PPP; Cisco HDLC maps its protocol") {
  const Bytes ppp = from_hex("ff03 c021 01010004");
  for (std::uint32_t lt : {linktype::kPpp, linktype::kPppHdlc}) {
    const auto l = decode_link(lt, ppp);
    CHECK(l.value.next == Next::ppp);
    CHECK(l.value.payload.data() == ppp.data());
    CHECK(l.value.payload.size() == ppp.size());
    CHECK_FALSE(l.value.cisco_hdlc);
  }
  CHECK(decode_link(linktype::kPpp, from_hex("c021 01")).value.next == Next::ppp);

  Bytes cisco = from_hex("0f00 0800");
  cisco.insert(cisco.end(), kIp4Payload.begin(), kIp4Payload.end());
  auto l = decode_link(linktype::kPppHdlc, cisco);
  REQUIRE(l.complete);
  CHECK(l.value.cisco_hdlc);
  CHECK(l.value.next == Next::ipv4);
  CHECK(l.value.header_length == 4);
  CHECK(l.value.payload.size() == kIp4Payload.size());
  CHECK(decode_link(linktype::kPppHdlc, from_hex("8f00 86dd 60")).value.next == Next::ipv6);
  CHECK(decode_link(linktype::kPppHdlc, from_hex("8f00 8035")).value.next == Next::other);  // SLARP
  check_prefixes(cisco, 4, [](ByteView b) { return decode_link(linktype::kPppHdlc, b); });
}

TEST_CASE("PPP_ETHER starts at the PPPoE header") {
  CHECK(decode_link(linktype::kPppEther, from_hex("1100 0001 0002 c021")).value.next == Next::pppoe_session);
  CHECK(decode_link(linktype::kPppEther, from_hex("1109 0000 0000")).value.next == Next::pppoe_discovery);
  check_prefixes(from_hex("1100"), 2, [](ByteView b) { return decode_link(linktype::kPppEther, b); });
}

TEST_CASE("Unknown link types are a note, not a failure") {
  const auto l = decode_link(147, kIp4Payload);
  CHECK(l.complete);
  CHECK(l.value.next == Next::other);
  CHECK(has_diag(l.diags, "net.link.unknown_type"));
  CHECK(code_abbrev(linktype_names(), linktype::kLinuxSll2) == "LINUX_SLL2");
}
