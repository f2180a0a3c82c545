#include "dissectors/ppp/ipcp_options.h"

#include <fmt/format.h>

#include "dissectors/ppp/options.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/core/byte_reader.h"

namespace ts::ppp {
namespace {

using namespace ipcp_opt;

constexpr OptionSpec kIpcpOptions[] = {
    {kIpAddresses, "IP-Addresses", "IP-Addresses", 10, 10, "RFC 1332 §3.1"},
    {kIpCompression, "IP-Comp", "IP-Compression-Protocol", 4, 255, "RFC 1332 §3.2"},
    {kIpAddress, "IP", "IP-Address", 6, 6, "RFC 1332 §3.3"},
    {kPrimaryDns, "DNS1", "Primary-DNS-Server-Address", 6, 6, "RFC 1877 §1.1"},
    {kPrimaryNbns, "NBNS1", "Primary-NBNS-Server-Address", 6, 6, "RFC 1877 §1.2"},
    {kSecondaryDns, "DNS2", "Secondary-DNS-Server-Address", 6, 6, "RFC 1877 §1.3"},
    {kSecondaryNbns, "NBNS2", "Secondary-NBNS-Server-Address", 6, 6, "RFC 1877 §1.4"},
};

std::optional<std::uint32_t> addr_of(const ControlPacket& p, std::uint8_t type) {
  const auto* o = find_option(p, type);
  if (o == nullptr || !option_fits(kIpcpOptions, *o)) return std::nullopt;
  ByteReader r(o->data);
  return r.be32("address");
}

IpCompression compression_of(const ConfigOption& o) {
  ByteReader r(o.data);
  IpCompression c;
  c.protocol = r.be16("protocol");
  if (r.remaining() >= 2) {
    c.max_slot_id = r.u8("max_slot_id");
    c.comp_slot_id = r.u8("comp_slot_id");
    c.vj_fields = true;
  }
  return c;
}

}  // namespace

std::span<const OptionSpec> ipcp_option_specs() { return kIpcpOptions; }

std::optional<std::uint32_t> ipcp_address(const ControlPacket& p) { return addr_of(p, kIpAddress); }
std::optional<std::uint32_t> ipcp_dns(const ControlPacket& p, bool primary) {
  return addr_of(p, primary ? kPrimaryDns : kSecondaryDns);
}
std::optional<std::uint32_t> ipcp_nbns(const ControlPacket& p, bool primary) {
  return addr_of(p, primary ? kPrimaryNbns : kSecondaryNbns);
}
std::optional<IpCompression> ipcp_compression(const ControlPacket& p) {
  const auto* o = find_option(p, kIpCompression);
  if (o == nullptr || !option_fits(kIpcpOptions, *o)) return std::nullopt;
  return compression_of(*o);
}

std::string ipv4_text(std::uint32_t a) {
  return fmt::format("{}.{}.{}.{}", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

std::string summarize_ipcp_option(const ConfigOption& o) {
  const auto* s = find_option_spec(kIpcpOptions, o.type);
  if (s == nullptr) return fmt::format("opt{}(len={})", o.type, o.length);
  if (!option_fits(kIpcpOptions, o)) return fmt::format("{}(bad len={})", s->abbrev, o.data.size() + 2);
  ByteReader r(o.data);
  if (o.type == kIpCompression) {
    const auto c = compression_of(o);
    if (c.protocol == kVjCompressed && c.vj_fields)
      return fmt::format("IP-Comp=VJ(slots={},comp-slot={})", c.max_slot_id + 1, c.comp_slot_id);
    return fmt::format("IP-Comp=0x{:04x}", c.protocol);
  }
  if (o.type == kIpAddresses) {
    const auto src = r.be32("source");
    return fmt::format("IP-Addresses={},{}", ipv4_text(src), ipv4_text(r.be32("destination")));
  }
  return fmt::format("{}={}", s->abbrev, ipv4_text(r.be32("address")));
}

void describe_ipcp_option(const ConfigOption& o, Field& obj) {
  if (!option_fits(kIpcpOptions, o)) {
    obj.add_hex("data", o.data);
    return;
  }
  ByteReader r(o.data);
  if (o.type == kIpCompression) {
    const auto c = compression_of(o);
    obj.add_num("protocol", c.protocol);
    if (c.vj_fields) {
      obj.add_num("max_slot_id", c.max_slot_id);
      obj.add_num("comp_slot_id", c.comp_slot_id);
    }
    if (r.size() > 4) obj.add_hex("extra", o.data.subspan(4));
    return;
  }
  if (o.type == kIpAddresses) {
    obj.add_text("source", ipv4_text(r.be32("source")));
    obj.add_text("destination", ipv4_text(r.be32("destination")));
    return;
  }
  obj.add_text("address", ipv4_text(r.be32("address")));
}

void check_ipcp_option(const ConfigOption& o, Diagnostics& out) {
  check_option_length(kIpcpOptions, "IPCP", o, out);
}

}  // namespace ts::ppp
