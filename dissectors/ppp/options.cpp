#include "dissectors/ppp/options.h"

#include <fmt/format.h>

#include "dissectors/ppp/ccp_options.h"
#include "dissectors/ppp/ipcp_options.h"
#include "dissectors/ppp/ipv6cp_options.h"
#include "dissectors/ppp/lcp_options.h"
#include "dissectors/ppp/ppp_diagnostics.h"
#include "dissectors/ppp/ppp_protocols.h"

namespace ts::ppp {

bool option_fits(std::span<const OptionSpec> table, const ConfigOption& o) {
  const auto* s = find_option_spec(table, o.type);
  const std::size_t len = o.data.size() + 2;
  return s != nullptr && len >= s->min_length && len <= s->max_length;
}

bool check_option_length(std::span<const OptionSpec> table, std::string_view proto, const ConfigOption& o,
                         Diagnostics& out) {
  const auto* s = find_option_spec(table, o.type);
  if (s == nullptr) {
    // RFC 1661 §5.4: unrecognised options are Configure-Rejected.
    add_diag(out, diag::kOptionUnknown, fmt::format("{} option type {}", proto, o.type));
    return false;
  }
  const std::size_t len = o.data.size() + 2;
  if (len < s->min_length || len > s->max_length) {
    // RFC 1661 §6 and the option's own clause fix its Length.
    add_diag(out, diag::kOptionBadLength,
             fmt::format("{} {} length={} expected {}..{} ({})", proto, s->name, len, s->min_length, s->max_length,
                         s->clause));
    return false;
  }
  return true;
}

std::span<const OptionSpec> option_specs(std::uint16_t proto) {
  switch (proto) {
    case kLcp: return lcp_option_specs();
    case kIpcp: return ipcp_option_specs();
    case kIpv6cp: return ipv6cp_option_specs();
    case kCcp:
    case kIndividualLinkCcp: return ccp_option_specs();
    default: return {};
  }
}

std::string summarize_option(std::uint16_t proto, const ConfigOption& o) {
  switch (proto) {
    case kLcp: return summarize_lcp_option(o);
    case kIpcp: return summarize_ipcp_option(o);
    case kIpv6cp: return summarize_ipv6cp_option(o);
    case kCcp:
    case kIndividualLinkCcp: return summarize_ccp_option(o);
    default: return fmt::format("opt{}(len={})", o.type, o.length);
  }
}

void describe_option(std::uint16_t proto, const ConfigOption& o, Field& options_array) {
  Field& obj = options_array.add_object();
  obj.add_num("type", o.type);
  const auto* s = find_option_spec(option_specs(proto), o.type);
  obj.add_text("name", s != nullptr ? std::string(s->name) : fmt::format("unknown({})", o.type));
  obj.add_num("length", o.length);
  switch (proto) {
    case kLcp: describe_lcp_option(o, obj); break;
    case kIpcp: describe_ipcp_option(o, obj); break;
    case kIpv6cp: describe_ipv6cp_option(o, obj); break;
    case kCcp:
    case kIndividualLinkCcp: describe_ccp_option(o, obj); break;
    default: obj.add_hex("data", o.data);
  }
}

void check_option(std::uint16_t proto, const ConfigOption& o, Diagnostics& out) {
  switch (proto) {
    case kLcp: check_lcp_option(o, out); break;
    case kIpcp: check_ipcp_option(o, out); break;
    case kIpv6cp: check_ipv6cp_option(o, out); break;
    case kCcp:
    case kIndividualLinkCcp: check_ccp_option(o, out); break;
    default: break;  // no table: nothing to check beyond the generic format
  }
}

}  // namespace ts::ppp
