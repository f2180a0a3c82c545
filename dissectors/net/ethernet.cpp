#include "dissectors/net/ethernet.h"

#include <algorithm>

#include <fmt/format.h>

#include "dissectors/net/net_diagnostics.h"
#include "src/core/byte_writer.h"

namespace ts::net {

namespace {
constexpr CodeName kEthertypes[] = {
    {ethertype::kIpv4, "IPv4", "Internet Protocol version 4"},
    {ethertype::kArp, "ARP", "Address Resolution Protocol"},
    {ethertype::kVlan, "802.1Q", "IEEE 802.1Q VLAN tag"},
    {ethertype::kIpv6, "IPv6", "Internet Protocol version 6"},
    {ethertype::kPpp, "PPP", "Point-to-Point Protocol"},
    {ethertype::kPppoeDiscovery, "PPPoE-D", "PPPoE Discovery Stage"},
    {ethertype::kPppoeSession, "PPPoE-S", "PPPoE Session Stage"},
    {ethertype::kQinQ, "802.1ad", "IEEE 802.1ad service VLAN tag"},
    {ethertype::kQinQLegacy, "QinQ", "pre-standard QinQ VLAN tag"},
};
}  // namespace

std::span<const CodeName> ethertype_names() { return kEthertypes; }

std::string mac_to_string(const MacAddress& m) {
  return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", m[0], m[1], m[2], m[3], m[4], m[5]);
}

void decode_vlan_tags(ByteReader& r, std::uint16_t& type, VlanStack& vlans, Diagnostics& diags) {
  while (ethertype::is_vlan_tpid(type) && r.ok()) {
    if (vlans.count >= kMaxVlanTags) {
      add_diag(diags, diag::kEthernetVlanDepth, fmt::format("more than {} tags", kMaxVlanTags));
      return;
    }
    // IEEE 802.1Q §9.6: TCI = PCP(3) DEI(1) VID(12), then the next type.
    const std::uint16_t tci = r.be16("vlan.tci");
    const std::uint16_t next = r.be16("vlan.ethertype");
    if (!r.ok()) return;
    vlans.push(VlanTag{type, static_cast<std::uint8_t>(tci >> 13), (tci & 0x1000) != 0,
                       static_cast<std::uint16_t>(tci & 0x0fff)});
    type = next;
  }
}

Decoded<EthernetHeader> decode_ethernet(ByteView frame) {
  Decoded<EthernetHeader> d;
  auto& h = d.value;
  ByteReader r(frame);
  const ByteView dst = r.take(6, "ethernet.dst");
  const ByteView src = r.take(6, "ethernet.src");
  std::uint16_t type = r.be16("ethernet.type");
  if (r.ok()) {
    std::copy(dst.begin(), dst.end(), h.dst.begin());
    std::copy(src.begin(), src.end(), h.src.begin());
    decode_vlan_tags(r, type, h.vlans, d.diags);
  }
  if (!r.ok()) {
    d.complete = false;
    d.truncated_field = r.truncation();
    return d;
  }
  h.ethertype = type;
  h.header_length = r.offset();
  // IEEE 802.3 §3.2.6: values <= 1500 are a length, >= 1536 (0x0600) a type.
  if (type <= 1500) {
    h.is_length = true;
    if (type > r.remaining())
      add_diag(d.diags, diag::kEthernetLengthMismatch, fmt::format("length {} > {} bytes", type, r.remaining()));
    h.payload = r.take_up_to(type);
  } else {
    if (type < 0x0600) add_diag(d.diags, diag::kEthernetBadType, fmt::format("type/length {}", type));
    h.payload = r.rest();
  }
  return d;
}

Bytes encode_ethernet(const EthernetHeader& h, ByteView payload) {
  ByteWriter w(14 + 4 * h.vlans.count + payload.size());
  w.bytes(h.dst).bytes(h.src);
  for (const auto& t : h.vlans.view()) {
    w.be16(t.tpid);
    w.be16(static_cast<std::uint16_t>((t.pcp & 7) << 13 | (t.dei ? 0x1000 : 0) | (t.vid & 0x0fff)));
  }
  w.be16(h.ethertype).bytes(payload);
  return w.take();
}

void describe(const EthernetHeader& h, Field& layer) {
  if (layer.name.empty()) layer.name = "ethernet";
  layer.add_text("dst", mac_to_string(h.dst));
  layer.add_text("src", mac_to_string(h.src));
  if (h.vlans.count > 0) {
    auto& arr = layer.add_array("vlans");
    for (const auto& t : h.vlans.view()) {
      auto& o = arr.add_object();
      o.add_num("tpid", t.tpid);
      o.add_num("pcp", t.pcp);
      o.add_bool("dei", t.dei);
      o.add_num("vid", t.vid);
    }
  }
  if (h.is_length) {
    layer.add_num("length", h.ethertype);
  } else {
    layer.add_num("ethertype", h.ethertype);
    layer.add_text("ethertype_name", code_abbrev(ethertype_names(), h.ethertype));
  }
}

std::string summarize(const EthernetHeader& h) {
  std::string vl;
  for (const auto& t : h.vlans.view()) vl += fmt::format(" vlan {}", t.vid);
  if (h.is_length) return fmt::format("Ethernet {} > {}{} 802.3 len {}", mac_to_string(h.src), mac_to_string(h.dst), vl, h.ethertype);
  return fmt::format("Ethernet {} > {}{} {}", mac_to_string(h.src), mac_to_string(h.dst), vl,
                     code_abbrev(ethertype_names(), h.ethertype));
}

}  // namespace ts::net
