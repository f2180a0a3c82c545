#include "dissectors/ppp/lcp_options.h"

#include <fmt/format.h>

#include "dissectors/ppp/ppp_diagnostics.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/core/byte_reader.h"

namespace ts::ppp {
namespace {

using namespace lcp_opt;

constexpr OptionSpec kLcpOptions[] = {
    {kVendorSpecific, "Vendor", "Vendor-Specific", 6, 255, "RFC 2153"},
    {kMru, "MRU", "Maximum-Receive-Unit", 4, 4, "RFC 1661 §6.1"},
    {kAccm, "ACCM", "Async-Control-Character-Map", 6, 6, "RFC 1662 §7.1"},
    {kAuthProtocol, "Auth", "Authentication-Protocol", 4, 255, "RFC 1661 §6.2"},
    {kQualityProtocol, "Quality", "Quality-Protocol", 4, 255, "RFC 1661 §6.3"},
    {kMagicNumber, "Magic", "Magic-Number", 6, 6, "RFC 1661 §6.4"},
    {kPfc, "PFC", "Protocol-Field-Compression", 2, 2, "RFC 1661 §6.5"},
    {kAcfc, "ACFC", "Address-and-Control-Field-Compression", 2, 2, "RFC 1661 §6.6"},
    {kFcsAlternatives, "FCS-Alt", "FCS-Alternatives", 3, 3, "RFC 1570 §2.1"},
    {kSelfDescribingPadding, "SDP", "Self-Describing-Padding", 3, 3, "RFC 1570 §2.2"},
    {kNumberedMode, "Numbered", "Numbered-Mode", 3, 255, "RFC 1663"},
    {kCallback, "Callback", "Callback", 3, 255, "RFC 1570 §2.3"},
    {kCompoundFrames, "Compound", "Compound-Frames", 2, 2, "RFC 1570 §2.4"},
    {kMrru, "MRRU", "Multilink-MRRU", 4, 4, "RFC 1990 §5.1.1"},
    {kShortSequence, "SSNHF", "Multilink-Short-Sequence-Number-Header-Format", 2, 2, "RFC 1990 §5.1.2"},
    {kEndpointDiscriminator, "ED", "Multilink-Endpoint-Discriminator", 3, 23, "RFC 1990 §5.1.3"},
    {kLinkDiscriminator, "LD", "Link-Discriminator", 4, 4, "RFC 2125"},
    {kInternationalization, "I18N", "Internationalization", 7, 255, "RFC 2484"},
};

bool fits(const ConfigOption& o) {
  const auto* s = find_option_spec(kLcpOptions, o.type);
  return s != nullptr && o.data.size() + 2 >= s->min_length && o.data.size() + 2 <= s->max_length;
}

std::optional<std::uint32_t> u32_of(const ControlPacket& p, std::uint8_t type) {
  const auto* o = find_option(p, type);
  if (o == nullptr || !fits(*o)) return std::nullopt;
  ByteReader r(o->data);
  return r.be32("value");
}

std::optional<std::uint16_t> u16_of(const ControlPacket& p, std::uint8_t type) {
  const auto* o = find_option(p, type);
  if (o == nullptr || !fits(*o)) return std::nullopt;
  ByteReader r(o->data);
  return r.be16("value");
}

std::optional<AuthProtocol> auth_of(const ConfigOption& o) {
  if (!fits(o)) return std::nullopt;
  ByteReader r(o.data);
  AuthProtocol a;
  a.protocol = r.be16("protocol");
  if (a.protocol == kChap && !r.empty()) a.chap_algorithm = r.u8("algorithm");
  return a;
}

}  // namespace

std::span<const OptionSpec> lcp_option_specs() { return kLcpOptions; }

std::optional<std::uint16_t> lcp_mru(const ControlPacket& p) { return u16_of(p, kMru); }
std::optional<std::uint32_t> lcp_accm(const ControlPacket& p) { return u32_of(p, kAccm); }
std::optional<std::uint32_t> lcp_magic(const ControlPacket& p) { return u32_of(p, kMagicNumber); }
std::optional<std::uint16_t> lcp_mrru(const ControlPacket& p) { return u16_of(p, kMrru); }

std::optional<AuthProtocol> lcp_auth(const ControlPacket& p) {
  const auto* o = find_option(p, kAuthProtocol);
  if (o == nullptr) return std::nullopt;
  return auth_of(*o);
}

std::string auth_protocol_text(const AuthProtocol& a) {
  if (a.protocol != kChap) return protocol_abbrev(a.protocol);
  switch (a.chap_algorithm) {
    case kChapMd5: return "CHAP/MD5";
    case kChapMsV1: return "CHAP/MS-CHAPv1";
    case kChapMsV2: return "CHAP/MS-CHAPv2";
    default: return fmt::format("CHAP/alg=0x{:02x}", a.chap_algorithm);
  }
}

std::string summarize_lcp_option(const ConfigOption& o) {
  const auto* s = find_option_spec(kLcpOptions, o.type);
  if (s == nullptr) return fmt::format("opt{}(len={})", o.type, o.length);
  if (!fits(o)) return fmt::format("{}(bad len={})", s->abbrev, o.data.size() + 2);
  ByteReader r(o.data);
  switch (o.type) {
    case kMru:
    case kMrru:
    case kLinkDiscriminator:
      return fmt::format("{}={}", s->abbrev, r.be16("value"));
    case kAccm:
    case kMagicNumber:
      return fmt::format("{}=0x{:08x}", s->abbrev, r.be32("value"));
    case kAuthProtocol:
      return fmt::format("Auth={}", auth_protocol_text(*auth_of(o)));
    case kQualityProtocol:
      return fmt::format("Quality={}", protocol_abbrev(r.be16("protocol")));
    case kFcsAlternatives:
    case kSelfDescribingPadding:
    case kCallback:
      return fmt::format("{}={}", s->abbrev, r.u8("value"));
    case kEndpointDiscriminator:
    {
      // Read in order: function arguments are evaluated in an unspecified order.
      const std::uint8_t cls = r.u8("class");
      return fmt::format("ED=class{}:{}", cls, to_hex(r.rest()));
    }
    default:
      return o.data.empty() ? std::string(s->abbrev) : fmt::format("{}={}", s->abbrev, to_hex(o.data, 16));
  }
}

void describe_lcp_option(const ConfigOption& o, Field& obj) {
  if (!fits(o)) {
    obj.add_hex("data", o.data);
    return;
  }
  ByteReader r(o.data);
  switch (o.type) {
    case kMru:
    case kMrru:
    case kLinkDiscriminator:
      obj.add_num("value", r.be16("value"));
      return;
    case kAccm:
    case kMagicNumber:
      obj.add_num("value", r.be32("value"));
      return;
    case kAuthProtocol: {
      const auto a = *auth_of(o);
      obj.add_num("protocol", a.protocol);
      if (a.protocol == kChap) obj.add_num("algorithm", a.chap_algorithm);
      obj.add_text("text", auth_protocol_text(a));
      return;
    }
    case kEndpointDiscriminator:
      obj.add_num("class", r.u8("class"));
      obj.add_hex("address", r.rest());
      return;
    default:
      if (!o.data.empty()) obj.add_hex("data", o.data);
  }
}

void check_lcp_option(const ConfigOption& o, Diagnostics& out) {
  const auto* s = find_option_spec(kLcpOptions, o.type);
  if (s == nullptr) {
    add_diag(out, diag::kOptionUnknown, fmt::format("LCP option type {}", o.type));
    return;
  }
  const std::size_t len = o.data.size() + 2;
  if (len < s->min_length || len > s->max_length) {
    // RFC 1661 §6 and the option's own clause fix its Length.
    add_diag(out, diag::kOptionBadLength,
             fmt::format("LCP {} length={} expected {}..{} ({})", s->name, len, s->min_length, s->max_length, s->clause));
    return;
  }
  ByteReader r(o.data);
  // RFC 1661 §6.4: a Magic-Number of zero is illegal and MUST always be Nak'd.
  if (o.type == kMagicNumber && r.be32("magic") == 0) add_diag(out, diag::kLcpZeroMagic);
  // RFC 1661 §6.1: implementations must be able to receive 1500 octets regardless.
  if (o.type == kMru) {
    const auto mru = r.be16("mru");
    if (mru < 1500) add_diag(out, diag::kLcpMruSmall, fmt::format("MRU={}", mru));
  }
}

}  // namespace ts::ppp
