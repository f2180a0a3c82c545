#include "dissectors/net/ipv6.h"

#include <fmt/format.h>

#include "dissectors/net/ipv4.h"
#include "dissectors/net/net_diagnostics.h"
#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"

namespace ts::net {

namespace {
bool is_walked_ext(std::uint8_t nh) {
  return nh == ip_proto::kHopByHop || nh == ip_proto::kRouting || nh == ip_proto::kDestOptions ||
         nh == ip_proto::kFragment;
}
}  // namespace

Decoded<Ipv6Header> decode_ipv6(ByteView packet) {
  Decoded<Ipv6Header> d;
  auto& h = d.value;
  ByteReader r(packet);
  const std::uint32_t w0 = r.be32("ipv6.version_class_flow");
  h.version = static_cast<std::uint8_t>(w0 >> 28);
  h.traffic_class = static_cast<std::uint8_t>(w0 >> 20);
  h.flow_label = w0 & 0xfffff;
  h.payload_length = r.be16("ipv6.payload_length");
  h.next_header = r.u8("ipv6.next_header");
  h.hop_limit = r.u8("ipv6.hop_limit");
  h.src = IpAddress::v6(r.take(16, "ipv6.src"));
  h.dst = IpAddress::v6(r.take(16, "ipv6.dst"));
  if (!r.ok()) {
    d.complete = false;
    d.truncated_field = r.truncation();
    return d;
  }
  // RFC 8200 §3: Version = 6.
  if (h.version != 6) add_diag(d.diags, diag::kIpv6BadVersion, fmt::format("version {}", h.version));
  // Limit the walk to the datagram (Payload Length), jumbograms excepted.
  const bool jumbo = h.payload_length == 0 && h.next_header == ip_proto::kHopByHop;
  ByteView body = jumbo ? r.rest() : r.take_up_to(h.payload_length);
  const bool short_body = !jumbo && body.size() < h.payload_length;
  ByteReader b(body);
  std::uint8_t nh = h.next_header;
  while (is_walked_ext(nh)) {
    if (h.ext_count >= kMaxIpv6ExtHeaders) {
      add_diag(d.diags, diag::kIpv6ExtHeaderLimit, fmt::format("more than {} headers", kMaxIpv6ExtHeaders));
      break;
    }
    // RFC 8200 §4.3: Hop-by-Hop only immediately after the IPv6 header.
    if (nh == ip_proto::kHopByHop && h.ext_count > 0) add_diag(d.diags, diag::kIpv6HopByHopNotFirst);
    const ByteView start = b.peek_rest();
    const std::uint8_t next = b.u8("ipv6.ext.next_header");
    Ipv6ExtHeader e;
    e.type = nh;
    if (nh == ip_proto::kFragment) {
      // RFC 8200 §4.5: Next(1) Reserved(1) Offset(13) Res(2) M(1) Identification(4).
      b.u8("ipv6.frag.reserved");
      const std::uint16_t om = b.be16("ipv6.frag.offset");
      h.fragment.identification = b.be32("ipv6.frag.identification");
      h.fragment.offset = om >> 3;
      h.fragment.more_fragments = (om & 1) != 0;
      h.fragment.next_header = next;
      e.length = 8;
    } else {
      // RFC 8200 §4.3/4.4/4.6: Hdr Ext Len in 8-octet units, not counting the first 8.
      e.length = static_cast<std::uint16_t>((std::uint16_t{b.u8("ipv6.ext.length")} + 1) * 8);
      b.skip(e.length - 2u, "ipv6.ext.data");
    }
    if (!b.ok()) break;
    e.data = start.first(e.length);
    h.ext[h.ext_count++] = e;
    nh = next;
    if (e.type == ip_proto::kFragment) {
      h.fragment.present = true;
      break;
    }
  }
  h.protocol = nh;
  if (!b.ok()) {
    d.complete = false;
    d.truncated_field = b.truncation();
    return d;
  }
  h.payload = b.rest();
  if (short_body) {
    d.complete = false;
    d.truncated_field = "ipv6.payload";
  }
  return d;
}

Bytes encode_ipv6(const Ipv6Header& h, ByteView payload) {
  std::size_t ext_len = 0;
  for (std::size_t i = 0; i < h.ext_count; ++i) ext_len += h.ext[i].data.size();
  ByteWriter w(40 + ext_len + payload.size());
  w.be32(6u << 28 | std::uint32_t{h.traffic_class} << 20 | (h.flow_label & 0xfffff));
  w.be16(static_cast<std::uint16_t>(ext_len + payload.size()));
  w.u8(h.next_header).u8(h.hop_limit);
  w.bytes(ByteView(h.src.bytes.data(), 16)).bytes(ByteView(h.dst.bytes.data(), 16));
  for (std::size_t i = 0; i < h.ext_count; ++i) w.bytes(h.ext[i].data);
  w.bytes(payload);
  return w.take();
}

Bytes make_ipv6_fragment_header(std::uint8_t next_header, std::uint16_t offset_units, bool more,
                                std::uint32_t identification) {
  ByteWriter w(8);
  w.u8(next_header).u8(0).be16(static_cast<std::uint16_t>(offset_units << 3 | (more ? 1 : 0))).be32(identification);
  return w.take();
}

void describe(const Ipv6Header& h, Field& layer) {
  if (layer.name.empty()) layer.name = "ipv6";
  layer.add_num("version", h.version);
  layer.add_num("traffic_class", h.traffic_class);
  layer.add_num("flow_label", h.flow_label);
  layer.add_num("payload_length", h.payload_length);
  layer.add_num("next_header", h.next_header);
  layer.add_num("hop_limit", h.hop_limit);
  layer.add_text("src", h.src.to_string());
  layer.add_text("dst", h.dst.to_string());
  if (h.ext_count > 0) {
    auto& arr = layer.add_array("extension_headers");
    for (std::size_t i = 0; i < h.ext_count; ++i) {
      auto& o = arr.add_object();
      o.add_num("type", h.ext[i].type);
      o.add_text("name", ip_proto_name(h.ext[i].type));
      o.add_num("length", h.ext[i].length);
    }
  }
  if (h.fragment.present) {
    auto& f = layer.add_object("fragment");
    f.add_num("offset", h.fragment.offset_bytes());
    f.add_bool("mf", h.fragment.more_fragments);
    f.add_num("identification", h.fragment.identification);
  }
  layer.add_num("protocol", h.protocol);
  layer.add_text("protocol_name", ip_proto_name(h.protocol));
}

std::string summarize(const Ipv6Header& h) {
  std::string s = fmt::format("IPv6 {} > {} {} len {}", h.src.to_string(), h.dst.to_string(),
                              ip_proto_name(h.protocol), h.payload_length);
  if (h.fragment.present)
    s += fmt::format(" frag id {} off {}{}", h.fragment.identification, h.fragment.offset_bytes(),
                     h.fragment.more_fragments ? "+" : "");
  return s;
}

}  // namespace ts::net
