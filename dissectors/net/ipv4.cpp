#include "dissectors/net/ipv4.h"

#include <fmt/format.h>

#include "dissectors/net/checksum.h"
#include "dissectors/net/net_diagnostics.h"
#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"
#include "src/core/name_table.h"

namespace ts::net {

namespace {
constexpr CodeName kProtocols[] = {
    {ip_proto::kHopByHop, "HOPOPT", "IPv6 Hop-by-Hop Option"},
    {ip_proto::kIcmp, "ICMP", "Internet Control Message"},
    {ip_proto::kTcp, "TCP", "Transmission Control"},
    {ip_proto::kUdp, "UDP", "User Datagram"},
    {ip_proto::kRouting, "IPv6-Route", "Routing Header for IPv6"},
    {ip_proto::kFragment, "IPv6-Frag", "Fragment Header for IPv6"},
    {ip_proto::kGre, "GRE", "Generic Routing Encapsulation"},
    {ip_proto::kEsp, "ESP", "Encapsulating Security Payload"},
    {ip_proto::kAh, "AH", "Authentication Header"},
    {ip_proto::kIcmpv6, "ICMPv6", "ICMP for IPv6"},
    {ip_proto::kNoNext, "IPv6-NoNxt", "No Next Header for IPv6"},
    {ip_proto::kDestOptions, "IPv6-Opts", "Destination Options for IPv6"},
    {ip_proto::kL2tp, "L2TP", "Layer Two Tunneling Protocol Version 3"},
};
}  // namespace

std::string ip_proto_name(std::uint8_t proto) { return code_abbrev(kProtocols, proto); }

Decoded<Ipv4Header> decode_ipv4(ByteView packet, bool verify_checksum) {
  Decoded<Ipv4Header> d;
  auto& h = d.value;
  ByteReader r(packet);
  const std::uint8_t vi = r.u8("ipv4.version_ihl");
  h.version = vi >> 4;
  h.ihl = vi & 0x0f;
  const std::uint8_t tos = r.u8("ipv4.tos");
  h.dscp = tos >> 2;
  h.ecn = tos & 3;
  h.total_length = r.be16("ipv4.total_length");
  h.identification = r.be16("ipv4.identification");
  const std::uint16_t ff = r.be16("ipv4.flags_fragment");
  h.reserved_flag = (ff & 0x8000) != 0;
  h.dont_fragment = (ff & 0x4000) != 0;
  h.more_fragments = (ff & 0x2000) != 0;
  h.fragment_offset = ff & 0x1fff;
  h.ttl = r.u8("ipv4.ttl");
  h.protocol = r.u8("ipv4.protocol");
  h.checksum = r.be16("ipv4.checksum");
  h.src = IpAddress::v4(r.take(4, "ipv4.src"));
  h.dst = IpAddress::v4(r.take(4, "ipv4.dst"));
  if (r.ok()) {
    // RFC 791 §3.1: Version is 4.
    if (h.version != 4) add_diag(d.diags, diag::kIpv4BadVersion, fmt::format("version {}", h.version));
    // RFC 791 §3.1: "the minimum value for a correct header is 5".
    if (h.ihl < 5) add_diag(d.diags, diag::kIpv4BadIhl, fmt::format("IHL {}", h.ihl));
    // RFC 791 §3.1: Bit 0 of Flags is reserved, must be zero.
    if (h.reserved_flag) add_diag(d.diags, diag::kIpv4ReservedFlag);
  }
  h.options = r.take(h.header_length() - 20, "ipv4.options");
  if (!r.ok()) {
    d.complete = false;
    d.truncated_field = r.truncation();
    return d;
  }
  if (verify_checksum) {
    h.checksum_ok = internet_checksum(packet.first(h.header_length())) == 0;
    if (!h.checksum_ok) add_diag(d.diags, diag::kIpv4BadChecksum, fmt::format("checksum 0x{:04x}", h.checksum));
  }
  // RFC 791 §3.1: Total Length covers header and data.
  if (h.total_length < h.header_length()) {
    add_diag(d.diags, diag::kIpv4TotalLengthShort,
             fmt::format("total length {} < header length {}", h.total_length, h.header_length()));
    h.payload = r.rest();
    return d;
  }
  const std::size_t want = h.total_length - h.header_length();
  h.payload = r.take_up_to(want);
  if (h.payload.size() < want) {
    d.complete = false;
    d.truncated_field = "ipv4.payload";
  }
  return d;
}

Bytes encode_ipv4(const Ipv4Header& h, ByteView payload) {
  const std::size_t opt_len = (h.options.size() + 3) / 4 * 4;
  const std::size_t hlen = 20 + opt_len;
  ByteWriter w(hlen + payload.size());
  w.u8(static_cast<std::uint8_t>(4 << 4 | (hlen / 4)));
  w.u8(static_cast<std::uint8_t>(h.dscp << 2 | (h.ecn & 3)));
  w.be16(static_cast<std::uint16_t>(hlen + payload.size()));
  w.be16(h.identification);
  w.be16(static_cast<std::uint16_t>((h.reserved_flag ? 0x8000 : 0) | (h.dont_fragment ? 0x4000 : 0) |
                                    (h.more_fragments ? 0x2000 : 0) | (h.fragment_offset & 0x1fff)));
  w.u8(h.ttl).u8(h.protocol).be16(0);
  w.bytes(ByteView(h.src.bytes.data(), 4)).bytes(ByteView(h.dst.bytes.data(), 4));
  w.bytes(h.options).zeros(opt_len - h.options.size());
  w.patch_be16(10, internet_checksum(ByteView(w.data()).first(hlen)));
  w.bytes(payload);
  return w.take();
}

void describe(const Ipv4Header& h, Field& layer) {
  if (layer.name.empty()) layer.name = "ipv4";
  layer.add_num("version", h.version);
  layer.add_num("ihl", h.ihl);
  layer.add_num("dscp", h.dscp);
  layer.add_num("ecn", h.ecn);
  layer.add_num("total_length", h.total_length);
  layer.add_num("identification", h.identification);
  layer.add_bool("df", h.dont_fragment);
  layer.add_bool("mf", h.more_fragments);
  layer.add_num("fragment_offset", h.fragment_offset_bytes());
  layer.add_num("ttl", h.ttl);
  layer.add_num("protocol", h.protocol);
  layer.add_text("protocol_name", ip_proto_name(h.protocol));
  layer.add_num("checksum", h.checksum);
  layer.add_bool("checksum_ok", h.checksum_ok);
  layer.add_text("src", h.src.to_string());
  layer.add_text("dst", h.dst.to_string());
  if (!h.options.empty()) layer.add_hex("options", h.options);
}

std::string summarize(const Ipv4Header& h) {
  std::string s = fmt::format("IPv4 {} > {} {} len {}", h.src.to_string(), h.dst.to_string(),
                              ip_proto_name(h.protocol), h.total_length);
  if (h.is_fragment())
    s += fmt::format(" frag id {} off {}{}", h.identification, h.fragment_offset_bytes(), h.more_fragments ? "+" : "");
  return s;
}

}  // namespace ts::net
