#include "dissectors/ppp/ipv6cp_options.h"

#include <algorithm>

#include <fmt/format.h>

#include "dissectors/ppp/options.h"
#include "src/core/byte_reader.h"

namespace ts::ppp {
namespace {

using namespace ipv6cp_opt;

constexpr OptionSpec kIpv6cpOptions[] = {
    {kInterfaceIdentifier, "IfId", "Interface-Identifier", 10, 10, "RFC 5072 §4.1"},
    {kIpv6Compression, "IPv6-Comp", "IPv6-Compression-Protocol", 4, 255, "RFC 2472 §4.2"},
};

InterfaceId id_of(const ConfigOption& o) {
  InterfaceId id{};
  std::copy_n(o.data.begin(), std::min<std::size_t>(o.data.size(), id.size()), id.begin());
  return id;
}

}  // namespace

std::span<const OptionSpec> ipv6cp_option_specs() { return kIpv6cpOptions; }

std::optional<InterfaceId> ipv6cp_interface_id(const ControlPacket& p) {
  const auto* o = find_option(p, kInterfaceIdentifier);
  if (o == nullptr || !option_fits(kIpv6cpOptions, *o)) return std::nullopt;
  return id_of(*o);
}

std::string interface_id_text(const InterfaceId& id) {
  return fmt::format("{:02x}{:02x}:{:02x}{:02x}:{:02x}{:02x}:{:02x}{:02x}", id[0], id[1], id[2], id[3], id[4],
                     id[5], id[6], id[7]);
}

std::string summarize_ipv6cp_option(const ConfigOption& o) {
  const auto* s = find_option_spec(kIpv6cpOptions, o.type);
  if (s == nullptr) return fmt::format("opt{}(len={})", o.type, o.length);
  if (!option_fits(kIpv6cpOptions, o)) return fmt::format("{}(bad len={})", s->abbrev, o.data.size() + 2);
  if (o.type == kInterfaceIdentifier) return "IfId=" + interface_id_text(id_of(o));
  ByteReader r(o.data);
  return fmt::format("IPv6-Comp=0x{:04x}", r.be16("protocol"));
}

void describe_ipv6cp_option(const ConfigOption& o, Field& obj) {
  if (o.type == kInterfaceIdentifier && option_fits(kIpv6cpOptions, o))
    obj.add_text("interface_id", interface_id_text(id_of(o)));
  else
    obj.add_hex("data", o.data);
}

void check_ipv6cp_option(const ConfigOption& o, Diagnostics& out) {
  check_option_length(kIpv6cpOptions, "IPv6CP", o, out);
}

}  // namespace ts::ppp
