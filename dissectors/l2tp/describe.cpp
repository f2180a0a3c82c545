// describe(): the Field tree of a decoded L2TP message.
#include <fmt/format.h>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/describe.h"
#include "dissectors/l2tp/message_types.h"

namespace ts::l2tp {

namespace {
void describe_header(const Header& h, Field& f) {
  f.add_text("type", h.type_control ? "control" : "data");
  f.add_bool("length_present", h.length_present);
  f.add_bool("sequence_present", h.sequence_present);
  f.add_bool("offset_present", h.offset_present);
  f.add_bool("priority", h.priority);
  f.add_num("reserved_bits", h.reserved_bits);
  f.add_num("version", h.version);
  if (h.version != kVersionL2tpV2) return;
  if (h.length_present) f.add_num("length", h.length);
  f.add_num("tunnel_id", h.tunnel_id);
  f.add_num("session_id", h.session_id);
  if (h.sequence_present) {
    f.add_num("ns", h.ns);
    f.add_num("nr", h.nr);
  }
  if (h.offset_present) {
    f.add_num("offset_size", h.offset_size);
    f.add_hex("offset_pad", h.offset_pad);
  }
}

void describe_result(ByteView v, std::optional<std::uint16_t> mt, Field& f) {
  const auto rc = parse_result_code(v);
  if (!rc) return void(f.add_hex("value", v));
  Field& o = f.add_object("value");
  o.add_num("result", rc->result);
  const auto names = mt == to_u16(MessageType::stopccn) ? stopccn_result_names() : cdn_result_names();
  o.add_text("result_name", code_name(names, rc->result));
  if (rc->error) {
    o.add_num("error", *rc->error);
    o.add_text("error_name", code_name(general_error_names(), *rc->error));
    o.add_text("message", printable(as_bytes(rc->message)));
  }
}

// One describer per structured format: adds "value", or returns false when it does not parse.
bool describe_protocol_version(ByteView v, Field& f) {
  const auto pv = parse_protocol_version(v);
  if (!pv) return false;
  Field& o = f.add_object("value");
  o.add_num("ver", pv->ver);
  o.add_num("rev", pv->rev);
  return true;
}
bool describe_framing(ByteView v, Field& f) {
  const auto b = parse_framing(v);
  if (!b) return false;
  Field& o = f.add_object("value");
  o.add_bool("async", b->async);
  o.add_bool("sync", b->sync);
  o.add_num("reserved", b->other);
  return true;
}
bool describe_bearer(ByteView v, Field& f) {
  const auto b = parse_bearer(v);
  if (!b) return false;
  Field& o = f.add_object("value");
  o.add_bool("analog", b->analog);
  o.add_bool("digital", b->digital);
  o.add_num("reserved", b->other);
  return true;
}
bool describe_q931(ByteView v, Field& f) {
  const auto c = parse_q931_cause(v);
  if (!c) return false;
  Field& o = f.add_object("value");
  o.add_num("cause", c->cause);
  o.add_num("msg", c->msg);
  o.add_text("advisory", printable(as_bytes(c->advisory)));
  return true;
}
bool describe_call_errors(ByteView v, Field& f) {
  const auto e = parse_call_errors(v);
  if (!e) return false;
  Field& o = f.add_object("value");
  o.add_num("reserved", e->reserved);
  o.add_num("crc_errors", e->crc);
  o.add_num("framing_errors", e->framing);
  o.add_num("hardware_overruns", e->hardware_overruns);
  o.add_num("buffer_overruns", e->buffer_overruns);
  o.add_num("timeout_errors", e->timeout);
  o.add_num("alignment_errors", e->alignment);
  return true;
}
bool describe_accm(ByteView v, Field& f) {
  const auto c = parse_accm(v);
  if (!c) return false;
  Field& o = f.add_object("value");
  o.add_num("reserved", c->reserved);
  o.add_num("send_accm", c->send);
  o.add_num("receive_accm", c->recv);
  return true;
}
bool describe_proxy_authen_type(ByteView v, Field& f) {
  const auto t = parse_u16(v);
  if (!t) return false;
  Field& o = f.add_object("value");
  o.add_num("type", *t);
  o.add_text("name", code_name(proxy_authen_type_names(), *t));
  return true;
}
bool describe_proxy_authen_id(ByteView v, Field& f) {
  const auto id = parse_proxy_authen_id(v);
  if (!id) return false;
  f.add_num("value", *id);
  return true;
}

struct StructuredDescriber {
  AvpType type;
  bool (*fn)(ByteView, Field&);
};
constexpr StructuredDescriber kDescribers[] = {
    {AvpType::protocol_version, describe_protocol_version},
    {AvpType::framing_capabilities, describe_framing},
    {AvpType::framing_type, describe_framing},
    {AvpType::bearer_capabilities, describe_bearer},
    {AvpType::bearer_type, describe_bearer},
    {AvpType::q931_cause_code, describe_q931},
    {AvpType::call_errors, describe_call_errors},
    {AvpType::accm, describe_accm},
    {AvpType::proxy_authen_type, describe_proxy_authen_type},
    {AvpType::proxy_authen_id, describe_proxy_authen_id},
};

// Typed sub-objects for structured AVPs; false when the value does not parse.
bool describe_structured(const Avp& a, ByteView v, std::optional<std::uint16_t> mt, Field& f) {
  if (a.attribute_type == to_u16(AvpType::result_code)) {
    describe_result(v, mt, f);
    return true;
  }
  for (const auto& d : kDescribers)
    if (to_u16(d.type) == a.attribute_type) return d.fn(v, f);
  return false;
}

void describe_value(const Avp& a, std::optional<std::uint16_t> mt, Field& f) {
  if (!a.value_known()) return void(f.add_hex("hidden_value", a.wire_value));
  const ByteView v = a.value();
  const AvpInfo* info = find_avp_info(a.vendor_id, a.attribute_type);
  if (info == nullptr) return void(f.add_hex("value", v));
  std::optional<std::uint64_t> n;
  switch (info->format) {
    case AvpFormat::none: if (!v.empty()) f.add_hex("value", v); return;
    case AvpFormat::u16: n = parse_u16(v); break;
    case AvpFormat::u32: n = parse_u32(v); break;
    case AvpFormat::u64: n = parse_u64(v); break;
    case AvpFormat::string: f.add_text("value", printable(v)); return;
    case AvpFormat::bytes: f.add_hex("value", v); return;
    case AvpFormat::structured:
      if (!describe_structured(a, v, mt, f)) f.add_hex("value", v);
      return;
  }
  if (n)
    f.add_num("value", *n);
  else
    f.add_hex("value", v);
}

void describe_avp(const Avp& a, std::optional<std::uint16_t> mt, Field& f) {
  f.add_num("attribute_type", a.attribute_type);
  f.add_text("name", avp_name(a.vendor_id, a.attribute_type));
  f.add_bool("mandatory", a.mandatory);
  f.add_bool("hidden", a.hidden);
  if (a.reserved != 0) f.add_num("reserved", a.reserved);
  f.add_num("vendor_id", a.vendor_id);
  f.add_num("length", a.length);
  if (a.hidden) f.add_bool("unhidden", a.unhidden_ok);
  describe_value(a, mt, f);
}
}  // namespace

void describe(const Message& m, Field& layer) {
  describe_header(m.header, layer.add_object("header"));
  if (m.header.version != kVersionL2tpV2) return;
  if (!m.header.type_control) {
    layer.add_num("payload_length", m.payload.size());
    layer.add_hex("payload", m.payload.first(std::min<std::size_t>(m.payload.size(), 64)));
    return;
  }
  layer.add_bool("zlb", m.zlb);
  if (m.message_type) {
    layer.add_num("message_type", *m.message_type);
    layer.add_text("message_type_name", code_name(message_type_names(), *m.message_type));
    layer.add_text("message_type_abbrev", code_abbrev(message_type_names(), *m.message_type));
  }
  Field& avps = layer.add_array("avps");
  for (const auto& a : m.avps) describe_avp(a, m.message_type, avps.add_object());
}

}  // namespace ts::l2tp
