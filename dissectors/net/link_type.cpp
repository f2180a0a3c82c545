#include "dissectors/net/link_type.h"

#include <fmt/format.h>

#include "dissectors/net/net_diagnostics.h"
#include "dissectors/net/sll.h"
#include "src/core/byte_reader.h"

namespace ts::net {

namespace {

using Next = LinkLayer::Next;

constexpr CodeName kLinkTypes[] = {
    {linktype::kNull, "NULL", "BSD loopback"},
    {linktype::kEthernet, "EN10MB", "Ethernet"},
    {linktype::kPpp, "PPP", "PPP"},
    {linktype::kRawDlt12, "RAW", "raw IP (DLT 12)"},
    {linktype::kRawDlt14, "RAW", "raw IP (DLT 14)"},
    {linktype::kPppHdlc, "PPP_HDLC", "PPP in HDLC-like framing / Cisco HDLC"},
    {linktype::kPppWithDir, "PPP_WITH_DIR", "PPP with a direction octet"},
    {linktype::kPppEther, "PPP_ETHER", "PPPoE"},
    {linktype::kRaw, "RAW", "raw IP"},
    {linktype::kLoop, "LOOP", "OpenBSD loopback"},
    {linktype::kLinuxSll, "LINUX_SLL", "Linux cooked capture v1"},
    {linktype::kIpv4, "IPV4", "raw IPv4"},
    {linktype::kIpv6, "IPV6", "raw IPv6"},
    {linktype::kLinuxSll2, "LINUX_SLL2", "Linux cooked capture v2"},
};

void truncated(Decoded<LinkLayer>& d, const ByteReader& r) {
  d.complete = false;
  d.truncated_field = r.truncation();
}

void set_ip(LinkLayer& l, bool v6, ByteView payload, std::size_t header) {
  l.next = v6 ? Next::ipv6 : Next::ipv4;
  l.ethertype = v6 ? ethertype::kIpv6 : ethertype::kIpv4;
  l.payload = payload;
  l.header_length = header;
}

void decode_null(Decoded<LinkLayer>& d, ByteView frame) {
  ByteReader r(frame);
  std::uint32_t fam = r.be32("null.family");
  if (!r.ok()) return truncated(d, r);
  // Families are small numbers: a value with high bits set was written little-endian.
  if (fam > 0xffff) fam = __builtin_bswap32(fam);
  d.value.null_family = fam;
  if (fam == 2) return set_ip(d.value, false, r.rest(), 4);
  // AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS).
  if (fam == 24 || fam == 28 || fam == 30) return set_ip(d.value, true, r.rest(), 4);
  add_diag(d.diags, diag::kLinkNullUnknownFamily, fmt::format("family {}", fam));
  d.value.header_length = 4;
  d.value.payload = r.rest();
}

void decode_raw(Decoded<LinkLayer>& d, ByteView frame) {
  if (frame.empty()) {
    d.complete = false;
    d.truncated_field = "raw.version";
    return;
  }
  const int version = frame[0] >> 4;
  if (version == 4 || version == 6) return set_ip(d.value, version == 6, frame, 0);
  add_diag(d.diags, diag::kLinkRawBadVersion, fmt::format("version {}", version));
  d.value.payload = frame;
}

void after_ethertype(Decoded<LinkLayer>& d, ByteReader& r, std::uint16_t type) {
  decode_vlan_tags(r, type, d.value.vlans, d.diags);
  if (!r.ok()) return truncated(d, r);
  d.value.ethertype = type;
  d.value.next = next_for_ethertype(type);
  d.value.header_length = r.offset();
  d.value.payload = r.rest();
}

void decode_ppp(Decoded<LinkLayer>& d, ByteView frame) {
  auto& l = d.value;
  if (frame.empty()) {
    d.complete = false;
    d.truncated_field = "ppp.protocol";
    return;
  }
  if (frame[0] == 0x0f || frame[0] == 0x8f) {
    ByteReader r(frame);
    r.u8("hdlc.address");
    r.u8("hdlc.control");
    const std::uint16_t proto = r.be16("hdlc.protocol");
    l.cisco_hdlc = true;
    if (!r.ok()) return truncated(d, r);
    l.ethertype = proto;
    l.next = next_for_ethertype(proto);
    l.header_length = 4;
    l.payload = r.rest();
    return;
  }
  l.next = Next::ppp;
  l.ethertype = ethertype::kPpp;
  l.payload = frame;
}

void decode_ppp_ether(Decoded<LinkLayer>& d, ByteView frame) {
  // PPPoE header: ver/type(1) code(1) ...; the code decides session vs discovery.
  if (frame.size() < 2) {
    d.complete = false;
    d.truncated_field = frame.empty() ? "pppoe.ver_type" : "pppoe.code";
    return;
  }
  const bool session = frame[1] == 0;
  d.value.next = session ? Next::pppoe_session : Next::pppoe_discovery;
  d.value.ethertype = session ? ethertype::kPppoeSession : ethertype::kPppoeDiscovery;
  d.value.payload = frame;
}

}  // namespace

std::span<const CodeName> linktype_names() { return kLinkTypes; }

LinkLayer::Next next_for_ethertype(std::uint16_t type) {
  switch (type) {
    case ethertype::kIpv4: return Next::ipv4;
    case ethertype::kIpv6: return Next::ipv6;
    case ethertype::kPppoeSession: return Next::pppoe_session;
    case ethertype::kPppoeDiscovery: return Next::pppoe_discovery;
    case ethertype::kPpp: return Next::ppp;
    default: return Next::other;
  }
}

std::string_view to_string(LinkLayer::Next n) {
  switch (n) {
    case Next::ipv4: return "ipv4";
    case Next::ipv6: return "ipv6";
    case Next::pppoe_session: return "pppoe_session";
    case Next::pppoe_discovery: return "pppoe_discovery";
    case Next::ppp: return "ppp";
    case Next::other: return "other";
  }
  return "?";
}

Decoded<LinkLayer> decode_link(std::uint32_t type, ByteView frame) {
  Decoded<LinkLayer> d;
  d.value.linktype = type;
  switch (type) {
    case linktype::kEthernet: {
      auto e = decode_ethernet(frame);
      auto& l = d.value;
      l.has_mac = true;
      l.src_mac = e.value.src;
      l.dst_mac = e.value.dst;
      l.vlans = e.value.vlans;
      l.ethertype = e.value.ethertype;
      l.next = e.value.is_length ? Next::other : next_for_ethertype(e.value.ethertype);
      l.header_length = e.value.header_length;
      l.payload = e.value.payload;
      // Windows NDISWAN captures fake an Ethernet header around PPP: the MAC addresses spell
      // " SEND" / " RECV" plus a link number, and the EtherType is the PPP Protocol field.
      static constexpr std::uint8_t kSend[5] = {' ', 'S', 'E', 'N', 'D'}, kRecv[5] = {' ', 'R', 'E', 'C', 'V'};
      const bool send = std::equal(kSend, kSend + 5, l.src_mac.begin());
      const bool recv = std::equal(kRecv, kRecv + 5, l.src_mac.begin());
      if ((send || recv) && e.complete && frame.size() >= 14 && !l.vlans.count) {
        l.next = Next::ppp;
        l.ppp_direction = send ? 0 : 1;
        l.header_length = 12;
        l.payload = frame.subspan(12);  // starts at the PPP Protocol field
      }
      d.diags = std::move(e.diags);
      d.complete = e.complete;
      d.truncated_field = e.truncated_field;
      break;
    }
    case linktype::kNull:
    case linktype::kLoop: decode_null(d, frame); break;
    case linktype::kRaw:
    case linktype::kRawDlt12:
    case linktype::kRawDlt14: decode_raw(d, frame); break;
    case linktype::kIpv4: set_ip(d.value, false, frame, 0); break;
    case linktype::kIpv6: set_ip(d.value, true, frame, 0); break;
    case linktype::kLinuxSll:
    case linktype::kLinuxSll2: {
      auto s = type == linktype::kLinuxSll ? decode_sll(frame) : decode_sll2(frame);
      d.value.has_sll = true;
      d.value.sll_packet_type = s.value.packet_type;
      d.value.sll_hatype = s.value.hatype;
      d.value.sll_ifindex = s.value.ifindex;
      if (!s.complete) {
        d.complete = false;
        d.truncated_field = s.truncated_field;
        break;
      }
      ByteReader r(s.value.payload);
      after_ethertype(d, r, s.value.protocol);
      d.value.header_length += frame.size() - s.value.payload.size();
      break;
    }
    case linktype::kPpp:
    case linktype::kPppHdlc: decode_ppp(d, frame); break;
    case linktype::kPppEther: decode_ppp_ether(d, frame); break;
    case linktype::kPppWithDir:
      if (frame.empty()) {
        d.complete = false;
        d.truncated_field = "ppp.direction";
        break;
      }
      // The direction octet is 0 for a frame the capturing host received, 1 for one it sent.
      decode_ppp(d, frame.subspan(1));
      d.value.ppp_direction = frame[0] == 0 ? 1 : 0;
      d.value.header_length += 1;
      break;
    default:
      add_diag(d.diags, diag::kLinkUnknownType, fmt::format("link type {}", type));
      d.value.payload = frame;
      break;
  }
  return d;
}

void describe(const LinkLayer& l, Field& layer) {
  if (layer.name.empty()) layer.name = "link";
  if (l.ppp_direction >= 0) layer.add_text("ppp_direction", l.ppp_direction == 0 ? "sent" : "received");
  layer.add_num("linktype", l.linktype);
  layer.add_text("linktype_name", code_abbrev(linktype_names(), l.linktype));
  if (l.has_mac) {
    layer.add_text("src_mac", mac_to_string(l.src_mac));
    layer.add_text("dst_mac", mac_to_string(l.dst_mac));
  }
  if (l.has_sll) {
    layer.add_num("sll_packet_type", l.sll_packet_type);
    layer.add_num("sll_hatype", l.sll_hatype);
    if (l.linktype == linktype::kLinuxSll2) layer.add_num("sll_ifindex", l.sll_ifindex);
  }
  if (l.vlans.count > 0) {
    auto& arr = layer.add_array("vlan_ids");
    for (const auto& t : l.vlans.view()) arr.add_num({}, t.vid);
  }
  if (l.linktype == linktype::kNull || l.linktype == linktype::kLoop) layer.add_num("family", l.null_family);
  if (l.cisco_hdlc) layer.add_bool("cisco_hdlc", true);
  layer.add_num("ethertype", l.ethertype);
  layer.add_text("next", std::string(to_string(l.next)));
}

std::string summarize(const LinkLayer& l) {
  std::string s = fmt::format("{} -> {}", code_abbrev(linktype_names(), l.linktype), to_string(l.next));
  for (const auto& t : l.vlans.view()) s += fmt::format(" vlan {}", t.vid);
  return s;
}

}  // namespace ts::net
