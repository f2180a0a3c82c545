#include "conformance/engine/l2tp_wire_message.h"

#include <fmt/format.h>

#include "conformance/engine/l2tp_data_message.h"
#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"
#include "dissectors/l2tp/message_types.h"

namespace ts::conformance {

namespace {

void add_avp(WireMessage& w, const l2tp::Avp& a) {
  const auto* info = l2tp::find_avp_info(a.vendor_id, a.attribute_type);
  if (!info) {
    w.fields.emplace_back(fmt::format("avp_{}_{}", a.vendor_id, a.attribute_type), to_hex(a.value()));
    return;
  }
  const std::string key(info->key);
  if (!a.value_known()) {
    w.fields.emplace_back(key, "hidden:" + to_hex(a.wire_value));
    return;
  }
  const ByteView v = a.value();
  using F = l2tp::AvpFormat;
  switch (info->format) {
    case F::u16:
      if (auto x = l2tp::parse_u16(v)) return w.fields.emplace_back(key, std::to_string(*x)), void();
      break;
    case F::u32:
      if (auto x = l2tp::parse_u32(v)) return w.fields.emplace_back(key, std::to_string(*x)), void();
      break;
    case F::u64:
      if (auto x = l2tp::parse_u64(v)) return w.fields.emplace_back(key, std::to_string(*x)), void();
      break;
    case F::string:
      return w.fields.emplace_back(key, std::string(v.begin(), v.end())), void();
    case F::none:
      return w.fields.emplace_back(key, ""), void();
    case F::bytes:
      return w.fields.emplace_back(key, to_hex(v)), void();
    case F::structured:
      break;
  }
  if (a.attribute_type == l2tp::to_u16(l2tp::AvpType::result_code)) {
    if (auto rc = l2tp::parse_result_code(v)) {
      w.fields.emplace_back("result", std::to_string(rc->result));
      if (rc->error) w.fields.emplace_back("error", std::to_string(*rc->error));
      if (!rc->message.empty()) w.fields.emplace_back("error_message", rc->message);
      return;
    }
  } else if (a.attribute_type == l2tp::to_u16(l2tp::AvpType::protocol_version)) {
    if (auto pv = l2tp::parse_protocol_version(v)) {
      w.fields.emplace_back(key, fmt::format("{}.{}", pv->ver, pv->rev));
      return;
    }
  } else if (v.size() == 2 || v.size() == 4) {
    std::uint32_t x = 0;
    for (auto b : v) x = x << 8 | b;
    w.fields.emplace_back(key, std::to_string(x));
    return;
  }
  w.fields.emplace_back(key, to_hex(v));  // malformed or long structured values: raw
}

}  // namespace

std::optional<WireMessage> l2tp_wire_message(ByteView udp_payload, std::string_view secret) {
  l2tp::DecodeOptions options{secret, !secret.empty()};
  const auto d = l2tp::decode(udp_payload, options);
  if (!d.complete || d.value.header.version != l2tp::kVersionL2tpV2) return std::nullopt;
  const auto& m = d.value;
  WireMessage w;
  if (!m.is_control()) {
    w.name = "DATA";
  } else if (m.zlb) {
    w.name = "ZLB";
  } else if (!m.message_type) {
    return std::nullopt;
  } else {
    w.name = fmt::format("TYPE{}", *m.message_type);
    for (const auto& n : l2tp::message_type_names())
      if (n.code == *m.message_type) w.name = std::string(n.abbrev);
  }
  w.fields.emplace_back("tunnel_id", std::to_string(m.header.tunnel_id));
  w.fields.emplace_back("session_id", std::to_string(m.header.session_id));
  if (m.header.sequence_present) {
    w.fields.emplace_back("ns", std::to_string(m.header.ns));
    w.fields.emplace_back("nr", std::to_string(m.header.nr));
  }
  if (!m.is_control()) add_data_fields(m, w);
  for (const auto& a : m.avps) {
    if (a.is_ietf(l2tp::to_u16(l2tp::AvpType::message_type))) continue;  // it is the name
    add_avp(w, a);
  }
  return w;
}

}  // namespace ts::conformance
