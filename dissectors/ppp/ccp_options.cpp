#include "dissectors/ppp/ccp_options.h"

#include <fmt/format.h>

#include "dissectors/ppp/options.h"
#include "dissectors/ppp/ppp_diagnostics.h"
#include "src/core/byte_reader.h"

namespace ts::ppp {
namespace {

using namespace ccp_opt;

constexpr OptionSpec kCcpOptions[] = {
    {kOui, "OUI", "Proprietary-Compression-OUI", 6, 255, "RFC 1962 §4.1"},
    {kPredictor1, "Pred1", "Predictor-type-1", 2, 2, "RFC 1978"},
    {kPredictor2, "Pred2", "Predictor-type-2", 2, 2, "RFC 1978"},
    {kPuddleJumper, "Puddle", "Puddle-Jumper", 2, 255, "RFC 1962 §4.2"},
    {kHpPpc, "HP-PPC", "Hewlett-Packard-PPC", 2, 255, "RFC 1962 §4.2"},
    {kStacLzs, "Stac", "Stac-Electronics-LZS", 5, 5, "RFC 1974"},
    {kMppe, "MPPE", "Microsoft-PPC/MPPE", 6, 6, "RFC 3078 §2"},
    {kGandalfFza, "FZA", "Gandalf-FZA", 3, 255, "RFC 1993"},
    {kV42bis, "V42bis", "V.42bis", 2, 255, "RFC 1962 §4.2"},
    {kBsdCompress, "BSD", "BSD-Compress", 3, 3, "RFC 1977"},
    {kLzsDcp, "LZS-DCP", "LZS-DCP", 6, 6, "RFC 1967"},
    {kMvrca, "MVRCA", "Magnalink-MVRCA", 4, 4, "RFC 1975"},
    {kDeflate, "Deflate", "Deflate", 4, 4, "RFC 1979"},
};

MppeBits mppe_of(const ConfigOption& o) {
  ByteReader r(o.data);
  return MppeBits::from_raw(r.be32("supported_bits"));
}

}  // namespace

MppeBits MppeBits::from_raw(std::uint32_t raw) {
  MppeBits b;
  b.raw = raw;
  b.mppc = (raw & kMppcBitC) != 0;
  b.obsolete_d = (raw & kMppeBitD) != 0;
  b.bits40 = (raw & kMppeBitL) != 0;
  b.bits56 = (raw & kMppeBitM) != 0;
  b.bits128 = (raw & kMppeBitS) != 0;
  b.stateless = (raw & kMppeBitH) != 0;
  b.reserved = raw & ~kMppeKnownBits;
  return b;
}

std::string MppeBits::text() const {
  std::string strengths;
  auto add = [&](bool on, const char* s) {
    if (!on) return;
    if (!strengths.empty()) strengths += ',';
    strengths += s;
  };
  add(bits40, "40");
  add(bits56, "56");
  add(bits128, "128");
  std::string out = strengths.empty() ? std::string() : "MPPE-" + strengths;
  auto word = [&](bool on, const char* s) {
    if (!on) return;
    if (!out.empty()) out += ' ';
    out += s;
  };
  word(stateless, "stateless");
  word(mppc, "MPPC");
  word(obsolete_d, "D");
  if (reserved != 0) word(true, fmt::format("reserved=0x{:08x}", reserved).c_str());
  return out.empty() ? "none" : out;
}

std::span<const OptionSpec> ccp_option_specs() { return kCcpOptions; }

std::optional<MppeBits> ccp_mppe(const ControlPacket& p) {
  const auto* o = find_option(p, kMppe);
  if (o == nullptr || !option_fits(kCcpOptions, *o)) return std::nullopt;
  return mppe_of(*o);
}

std::string summarize_ccp_option(const ConfigOption& o) {
  const auto* s = find_option_spec(kCcpOptions, o.type);
  if (s == nullptr) return fmt::format("opt{}(len={})", o.type, o.length);
  if (!option_fits(kCcpOptions, o)) return fmt::format("{}(bad len={})", s->abbrev, o.data.size() + 2);
  ByteReader r(o.data);
  switch (o.type) {
    case kMppe: return "MPPE=" + mppe_of(o).text();
    case kDeflate: {
      const auto wnd = r.u8("window");
      return fmt::format("Deflate(window={},method={})", 8 + (wnd >> 4), wnd & 0x0f);
    }
    case kBsdCompress: {
      const auto v = r.u8("version_dict");
      return fmt::format("BSD(version={},bits={})", v >> 5, v & 0x1f);
    }
    case kStacLzs: {
      const auto hist = r.be16("history_count");
      return fmt::format("Stac(histories={},check={})", hist, r.u8("check_mode"));
    }
    default:
      return o.data.empty() ? std::string(s->abbrev) : fmt::format("{}={}", s->abbrev, to_hex(o.data, 16));
  }
}

void describe_ccp_option(const ConfigOption& o, Field& obj) {
  if (o.type == kMppe && option_fits(kCcpOptions, o)) {
    const auto b = mppe_of(o);
    obj.add_num("supported_bits", b.raw);
    obj.add_bool("mppc", b.mppc);
    obj.add_bool("d_obsolete", b.obsolete_d);
    obj.add_bool("l_40bit", b.bits40);
    obj.add_bool("m_56bit", b.bits56);
    obj.add_bool("s_128bit", b.bits128);
    obj.add_bool("h_stateless", b.stateless);
    obj.add_text("text", b.text());
    return;
  }
  if (!o.data.empty()) obj.add_hex("data", o.data);
}

void check_ccp_option(const ConfigOption& o, Diagnostics& out) {
  if (!check_option_length(kCcpOptions, "CCP", o, out)) return;
  if (o.type != kMppe) return;
  const auto b = mppe_of(o);
  // RFC 3078 §2: all other bits are reserved and MUST be set to 0.
  if (b.reserved != 0) add_diag(out, diag::kCcpMppeReservedBits, fmt::format("bits=0x{:08x}", b.raw));
  // RFC 3078 §2: the 'D' bit is obsolete; it SHOULD NOT be accepted.
  if (b.obsolete_d) add_diag(out, diag::kCcpMppeObsoleteD);
}

}  // namespace ts::ppp
