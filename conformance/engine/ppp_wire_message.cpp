#include "conformance/engine/ppp_wire_message.h"

#include <fmt/format.h>

#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/lcp_options.h"
#include "dissectors/ppp/mschap_messages.h"
#include "dissectors/ppp/pap.h"
#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"

namespace ts::conformance {

namespace {

namespace pp = ts::ppp;
using F = PppOptionFormat;

// Script names of options (RFC 1661 §6, RFC 1662 §7.1, RFC 1332 §3, RFC 1877 §1).
constexpr PppOptionKey kOptionKeys[] = {
    {pp::kLcp, 1, "mru", F::decimal16},     {pp::kLcp, 2, "accm", F::hex32},
    {pp::kLcp, 3, "auth", F::auth},         {pp::kLcp, 5, "magic", F::hex32},
    {pp::kLcp, 7, "pfc", F::flag},          {pp::kLcp, 8, "acfc", F::flag},
    {pp::kIpcp, 2, "compression", F::hex16}, {pp::kIpcp, 3, "address", F::ipv4},
    {pp::kIpcp, 129, "dns1", F::ipv4},      {pp::kIpcp, 130, "nbns1", F::ipv4},
    {pp::kIpcp, 131, "dns2", F::ipv4},      {pp::kIpcp, 132, "nbns2", F::ipv4},
};

// Codes by protocol, abbreviated the way engineers say them (RFC 1661 §5; RFC 1570 §1;
// RFC 1334 §2.2; RFC 1994 §4).
constexpr PppCodeName kCodeNames[] = {
    {pp::kLcp, 1, "ConfReq"},  {pp::kLcp, 2, "ConfAck"},   {pp::kLcp, 3, "ConfNak"},
    {pp::kLcp, 4, "ConfRej"},  {pp::kLcp, 5, "TermReq"},   {pp::kLcp, 6, "TermAck"},
    {pp::kLcp, 7, "CodeRej"},  {pp::kLcp, 8, "ProtRej"},   {pp::kLcp, 9, "EchoReq"},
    {pp::kLcp, 10, "EchoRep"}, {pp::kLcp, 11, "DiscReq"},  {pp::kLcp, 12, "Ident"},
    {pp::kLcp, 13, "TimeRem"}, {pp::kIpcp, 1, "ConfReq"},  {pp::kIpcp, 2, "ConfAck"},
    {pp::kIpcp, 3, "ConfNak"}, {pp::kIpcp, 4, "ConfRej"},  {pp::kIpcp, 5, "TermReq"},
    {pp::kIpcp, 6, "TermAck"}, {pp::kIpcp, 7, "CodeRej"},  {pp::kPap, 1, "AuthReq"},
    {pp::kPap, 2, "AuthAck"},  {pp::kPap, 3, "AuthNak"},   {pp::kChap, 1, "Challenge"},
    {pp::kChap, 2, "Response"}, {pp::kChap, 3, "Success"}, {pp::kChap, 4, "Failure"},
};

constexpr PppAuthName kAuthNames[] = {
    {"pap", pp::kPap, 0},           {"chap-md5", pp::kChap, pp::kChapMd5},
    {"mschap-v1", pp::kChap, pp::kChapMsV1}, {"mschap-v2", pp::kChap, pp::kChapMsV2},
    {"eap", pp::kEap, 0},
};

std::string text(ByteView b) { return std::string(b.begin(), b.end()); }

std::string code_name(std::uint16_t protocol, std::uint8_t code) {
  for (const auto& c : kCodeNames)
    if (c.protocol == protocol && c.code == code) return std::string(c.abbrev);
  return fmt::format("Code{}", code);
}

void add_options(std::uint16_t protocol, const pp::ControlPacket& p, WireMessage& w) {
  std::string keys;
  std::vector<std::pair<std::string, std::string>> values;
  for (const auto& o : p.options) {
    std::string key = fmt::format("opt{}", o.type), value = to_hex(o.data);
    for (const auto& k : kOptionKeys)
      if (k.protocol == protocol && k.type == o.type)
        if (auto v = ppp_option_value(k, o.data)) key = std::string(k.key), value = std::move(*v);
    keys += (keys.empty() ? "" : ",") + key;
    values.emplace_back(std::move(key), std::move(value));
  }
  w.fields.emplace_back("options", keys);
  for (auto& kv : values) w.fields.push_back(std::move(kv));
}

WireMessage control_message(std::uint16_t protocol, ByteView info) {
  const auto d = pp::decode_control(protocol, info);
  const auto& p = d.value;
  WireMessage w;
  if (!d.complete && info.size() < 4) {
    w.name = fmt::format("{}.Truncated", ppp_script_prefix(protocol));
    w.fields.emplace_back("length", std::to_string(info.size()));
    return w;
  }
  w.name = fmt::format("{}.{}", ppp_script_prefix(protocol),
                       pp::is_known_code(protocol, p.code) ? code_name(protocol, p.code)
                                                           : fmt::format("Code{}", p.code));
  w.fields.emplace_back("id", std::to_string(p.identifier));
  w.fields.emplace_back("length", std::to_string(p.length));
  switch (pp::is_known_code(protocol, p.code) ? p.code : 0) {
    case pp::code::kConfigureRequest: case pp::code::kConfigureAck:
    case pp::code::kConfigureNak: case pp::code::kConfigureReject:
      add_options(protocol, p, w);
      break;
    case pp::code::kCodeReject:
      w.fields.emplace_back("rejected_code", p.data.empty() ? "" : std::to_string(p.data[0]));
      w.fields.emplace_back("rejected_id", p.data.size() < 2 ? "" : std::to_string(p.data[1]));
      w.fields.emplace_back("rejected", to_hex(p.data));
      break;
    case pp::code::kProtocolReject:
      w.fields.emplace_back("rejected_protocol", fmt::format("0x{:04x}", p.rejected_protocol));
      w.fields.emplace_back("rejected", to_hex(p.data));
      break;
    case pp::code::kEchoRequest: case pp::code::kEchoReply: case pp::code::kDiscardRequest:
    case pp::code::kIdentification: case pp::code::kTimeRemaining:
      w.fields.emplace_back("magic", fmt::format("0x{:08x}", p.magic_number));
      w.fields.emplace_back("data", to_hex(p.data));
      break;
    default:  // Terminate-Request/-Ack, unknown codes
      w.fields.emplace_back("data", to_hex(p.data));
  }
  return w;
}

WireMessage pap_message(ByteView info) {
  const auto p = pp::decode_pap(info).value;
  WireMessage w{"PAP." + code_name(pp::kPap, p.code), {{"id", std::to_string(p.identifier)}}};
  if (p.code == pp::pap_code::kAuthenticateRequest) {
    w.fields.emplace_back("peer_id", text(p.peer_id));
    w.fields.emplace_back("password", text(p.password));
  } else {
    w.fields.emplace_back("message", text(p.message));
  }
  return w;
}

WireMessage chap_message(ByteView info, pp::ChapAlgorithm chap) {
  const auto p = pp::decode_chap(info, chap).value;
  WireMessage w{"CHAP." + code_name(pp::kChap, p.code), {{"id", std::to_string(p.identifier)}}};
  if (p.code == pp::chap_code::kChallenge || p.code == pp::chap_code::kResponse) {
    w.fields.emplace_back("value", to_hex(p.value));
    w.fields.emplace_back("name", text(p.name));
    if (p.mschap_v2) {
      w.fields.emplace_back("peer_challenge", to_hex(p.mschap_v2->peer_challenge));
      w.fields.emplace_back("nt_response", to_hex(p.mschap_v2->nt_response));
    }
  } else {
    w.fields.emplace_back("message", text(p.message));
  }
  return w;
}

}  // namespace

std::span<const PppOptionKey> ppp_option_keys() { return kOptionKeys; }
std::span<const PppCodeName> ppp_code_names() { return kCodeNames; }
std::span<const PppAuthName> ppp_auth_names() { return kAuthNames; }

std::uint16_t ppp_script_protocol(std::string_view prefix) {
  if (prefix == "LCP") return pp::kLcp;
  if (prefix == "IPCP") return pp::kIpcp;
  if (prefix == "PAP") return pp::kPap;
  if (prefix == "CHAP") return pp::kChap;
  return 0;
}

std::string_view ppp_script_prefix(std::uint16_t protocol) {
  switch (protocol) {
    case pp::kLcp: return "LCP";
    case pp::kIpcp: return "IPCP";
    case pp::kPap: return "PAP";
    case pp::kChap: return "CHAP";
    default: return "";
  }
}

std::optional<std::string> ppp_option_value(const PppOptionKey& k, ByteView d) {
  const auto be = [&](std::size_t n) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | d[i];
    return v;
  };
  switch (k.format) {
    case F::decimal16:
      if (d.size() == 2) return std::to_string(be(2));
      break;
    case F::hex32:
      if (d.size() == 4) return fmt::format("0x{:08x}", be(4));
      break;
    case F::hex16:
      if (d.size() >= 2) return fmt::format("0x{:04x}", be(2));
      break;
    case F::flag:
      if (d.empty()) return "on";
      break;
    case F::ipv4:
      if (d.size() == 4) return fmt::format("{}.{}.{}.{}", d[0], d[1], d[2], d[3]);
      break;
    case F::auth:
      if (d.size() < 2) break;
      for (const auto& a : kAuthNames)
        if (a.protocol == be(2) && (a.chap_algorithm == 0 ? d.size() == 2 : d.size() == 3 && d[2] == a.chap_algorithm))
          return std::string(a.name);
      return "0x" + to_hex(d);
  }
  return std::nullopt;
}

std::optional<WireMessage> ppp_wire_message(ByteView frame, pp::ChapAlgorithm chap) {
  const auto d = pp::decode_ppp_frame(frame);
  if (!d.complete) return std::nullopt;
  const auto& f = d.value;
  if (f.protocol == pp::kLcp || f.protocol == pp::kIpcp) return control_message(f.protocol, f.info);
  if (f.protocol == pp::kPap) return pap_message(f.info);
  if (f.protocol == pp::kChap) return chap_message(f.info, chap);
  return WireMessage{"FRAME", {{"protocol", fmt::format("0x{:04x}", f.protocol)}, {"info", to_hex(f.info)}}};
}

}  // namespace ts::conformance
