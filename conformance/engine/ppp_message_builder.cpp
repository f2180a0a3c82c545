#include "conformance/engine/ppp_message_builder.h"

#include <fmt/format.h>

#include <cstdio>

#include "conformance/engine/ppp_wire_message.h"
#include "conformance/engine/text_number.h"
#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/options.h"
#include "dissectors/ppp/ppp_frame.h"

namespace ts::conformance {

namespace {

namespace pp = ts::ppp;
using F = PppOptionFormat;

Error bad(const ResolvedField& f) { return Error{"bad value '" + f.value + "' for " + f.key}; }

Bytes big_endian(std::uint64_t v, std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(v >> (8 * (n - 1 - i)));
  return b;
}

std::optional<Bytes> ipv4(const std::string& s) {
  unsigned a = 0, b = 0, c = 0, d = 0;
  char end = 0;
  if (std::sscanf(s.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &end) != 4 || a > 255 || b > 255 || c > 255 || d > 255)
    return std::nullopt;
  return Bytes{static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b), static_cast<std::uint8_t>(c),
               static_cast<std::uint8_t>(d)};
}

// The option data of a keyed option's script value.
std::optional<Bytes> option_data(const PppOptionKey& k, const std::string& value) {
  const auto n = parse_number(value);
  switch (k.format) {
    case F::decimal16:
    case F::hex16:
      if (n && *n <= 0xffff) return big_endian(*n, 2);
      break;
    case F::hex32:
      if (n && *n <= 0xffffffff) return big_endian(*n, 4);
      break;
    case F::flag:
      if (value == "on") return Bytes{};
      break;
    case F::ipv4:
      return ipv4(value);
    case F::auth:
      for (const auto& a : ppp_auth_names())
        if (a.name == value) {
          Bytes b = big_endian(a.protocol, 2);
          if (a.chap_algorithm) b.push_back(a.chap_algorithm);
          return b;
        }
      if (n && *n <= 0xffff) return big_endian(*n, 2);
      break;
  }
  return std::nullopt;
}

bool codec_knows(std::uint16_t protocol, std::uint8_t type) {
  for (const auto& s : pp::option_specs(protocol))
    if (s.type == type) return true;
  return false;
}

// opt<N> -> N.
std::optional<std::uint8_t> raw_option_type(const std::string& key) {
  if (key.rfind("opt", 0) != 0) return std::nullopt;
  const auto n = parse_number(std::string_view(key).substr(3));
  if (!n || *n > 255) return std::nullopt;
  return static_cast<std::uint8_t>(*n);
}

}  // namespace

Result<std::pair<std::uint16_t, std::uint8_t>> ppp_message_code(const std::string& name) {
  const auto dot = name.find('.');
  const auto protocol = dot == std::string::npos ? 0 : ppp_script_protocol(std::string_view(name).substr(0, dot));
  for (const auto& c : ppp_code_names())
    if (protocol && c.protocol == protocol && c.abbrev == std::string_view(name).substr(dot + 1))
      return std::pair{c.protocol, c.code};
  return Error{"no PPP message '" + name + "' (LCP.ConfReq, IPCP.ConfAck, PAP.AuthReq, CHAP.Response, FRAME ...)"};
}

Result<Bytes> build_ppp_control(std::uint16_t protocol, std::uint8_t code, PppControlDefaults d,
                                const std::vector<ResolvedField>& fields) {
  pp::ControlPacket p;
  p.code = code;
  p.identifier = d.identifier;
  p.magic_number = d.magic;
  std::vector<std::pair<std::uint8_t, Bytes>> options;
  bool named_options = false;
  Bytes data;
  std::optional<std::uint64_t> length, code_override;
  const bool configure = pp::code_has_options(code);
  for (const auto& f : fields) {
    const auto n = parse_number(f.value);
    const PppOptionKey* key = nullptr;
    for (const auto& k : ppp_option_keys())
      if (k.protocol == protocol && k.key == f.key) key = &k;
    const auto raw = raw_option_type(f.key);
    if (f.key == "length" || f.key == "code") {
      if (!f.deliberate) return Error{f.key + " is the codec's: write !" + f.key + "= to break it on purpose"};
      if (!n || *n > (f.key == "length" ? 0xffffu : 0xffu)) return bad(f);
      (f.key == "length" ? length : code_override) = *n;
    } else if (f.key == "id") {
      if (!n || *n > 255) return bad(f);
      p.identifier = static_cast<std::uint8_t>(*n);
    } else if (configure && (key || raw)) {
      if (raw && !codec_knows(protocol, *raw) && !f.deliberate)
        return Error{f.key + " is not a known option: write !" + f.key + "= to send it on purpose"};
      auto value = key ? option_data(*key, f.value) : std::optional<Bytes>(from_hex(f.value));
      if (!value || (raw && value->empty() && !f.value.empty())) return bad(f);
      options.emplace_back(key ? key->type : *raw, std::move(*value));
      named_options = true;
    } else if (f.key == "magic" && code >= pp::code::kEchoRequest && code <= pp::code::kDiscardRequest) {
      if (!n || *n > 0xffffffff) return bad(f);
      p.magic_number = static_cast<std::uint32_t>(*n);
    } else if ((f.key == "data" && !configure) ||
               (f.key == "rejected" && (code == pp::code::kCodeReject || code == pp::code::kProtocolReject))) {
      data = from_hex(f.value);
      if (data.empty() && !f.value.empty()) return bad(f);
    } else if (f.key == "rejected_protocol" && code == pp::code::kProtocolReject) {
      if (!n || *n > 0xffff) return bad(f);
      p.rejected_protocol = static_cast<std::uint16_t>(*n);
    } else {
      return Error{fmt::format("this {} packet has no field '{}'", ppp_script_prefix(protocol), f.key)};
    }
  }
  if (!named_options && configure) options = std::move(d.options);
  for (const auto& [type, bytes] : options) p.options.push_back(pp::ConfigOption{type, 0, bytes});
  p.data = data;
  Bytes info = pp::encode_control(protocol, p);
  if (length) info[2] = static_cast<std::uint8_t>(*length >> 8), info[3] = static_cast<std::uint8_t>(*length);
  if (code_override) info[0] = static_cast<std::uint8_t>(*code_override);
  return pp::encode_ppp_frame(protocol, info);
}

Result<Bytes> build_ppp_frame(const std::vector<ResolvedField>& fields) {
  std::optional<std::uint16_t> protocol;
  Bytes info;
  for (const auto& f : fields) {
    const auto n = parse_number(f.value);
    if (f.key == "protocol" && n && *n <= 0xffff) {
      protocol = static_cast<std::uint16_t>(*n);
    } else if (f.key == "info") {
      info = from_hex(f.value);
      if (info.empty() && !f.value.empty()) return bad(f);
    } else if (f.key == "protocol") {
      return bad(f);
    } else {
      return Error{"unknown field '" + f.key + "' (FRAME has protocol, info)"};
    }
  }
  if (!protocol) return Error{"FRAME needs protocol=N"};
  return pp::encode_ppp_frame(*protocol, info);
}

}  // namespace ts::conformance
