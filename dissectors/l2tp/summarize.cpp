// summarize() and format_avp_value(): one-line text forms.
#include <algorithm>

#include <fmt/format.h>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/describe.h"
#include "dissectors/l2tp/message_types.h"

namespace ts::l2tp {

namespace {
// AVPs shown in the one-line summary, by attribute type; the rest are in describe().
constexpr std::uint16_t kSummaryAvps[] = {1, 7, 9, 10, 14, 15, 12, 19, 18, 21, 22, 24, 38,
                                          11, 13, 29, 30, 34, 35, 39};

std::span<const CodeName> result_names(std::optional<std::uint16_t> mt) {
  return mt == to_u16(MessageType::stopccn) ? stopccn_result_names() : cdn_result_names();
}

std::string format_result(ByteView v, std::optional<std::uint16_t> mt) {
  const auto rc = parse_result_code(v);
  if (!rc) return to_hex(v);
  std::string s = fmt::format("{} ({})", rc->result, code_abbrev(result_names(mt), rc->result));
  if (rc->error) s += fmt::format(" error={}", *rc->error);
  if (!rc->message.empty()) s += fmt::format(" msg=\"{}\"", printable(as_bytes(rc->message), 64));
  return s;
}

std::string format_structured(const Avp& a, ByteView v, std::optional<std::uint16_t> mt) {
  switch (static_cast<AvpType>(a.attribute_type)) {
    case AvpType::result_code: return format_result(v, mt);
    case AvpType::protocol_version:
      if (const auto pv = parse_protocol_version(v)) return fmt::format("{}.{}", pv->ver, pv->rev);
      break;
    case AvpType::framing_capabilities:
    case AvpType::framing_type:
      if (const auto f = parse_framing(v))
        return f->async && f->sync ? "async+sync" : f->async ? "async" : f->sync ? "sync" : "none";
      break;
    case AvpType::bearer_capabilities:
    case AvpType::bearer_type:
      if (const auto b = parse_bearer(v))
        return b->analog && b->digital ? "analog+digital" : b->analog ? "analog" : b->digital ? "digital" : "none";
      break;
    case AvpType::q931_cause_code:
      if (const auto c = parse_q931_cause(v)) return fmt::format("{} msg=0x{:02x}", c->cause, c->msg);
      break;
    case AvpType::call_errors:
      if (const auto e = parse_call_errors(v))
        return fmt::format("crc:{},framing:{},hw_overruns:{},buf_overruns:{},timeout:{},alignment:{}",
                           e->crc, e->framing, e->hardware_overruns, e->buffer_overruns, e->timeout,
                           e->alignment);
      break;
    case AvpType::accm:
      if (const auto c = parse_accm(v)) return fmt::format("send:0x{:08x},recv:0x{:08x}", c->send, c->recv);
      break;
    case AvpType::proxy_authen_type:
      if (const auto t = parse_u16(v)) return code_abbrev(proxy_authen_type_names(), *t);
      break;
    case AvpType::proxy_authen_id:
      if (const auto id = parse_proxy_authen_id(v)) return fmt::format("{}", *id);
      break;
    default: break;
  }
  return to_hex(v, 32);
}
}  // namespace

std::string format_avp_value(const Avp& a, std::optional<std::uint16_t> mt) {
  if (!a.value_known()) return "<hidden>";
  const ByteView v = a.value();
  const AvpInfo* info = find_avp_info(a.vendor_id, a.attribute_type);
  if (info == nullptr) return to_hex(v, 32);
  switch (info->format) {
    case AvpFormat::none: return v.empty() ? "" : to_hex(v, 32);
    case AvpFormat::u16:
      if (const auto n = parse_u16(v)) return fmt::format("{}", *n);
      break;
    case AvpFormat::u32:
      if (const auto n = parse_u32(v)) return fmt::format("{}", *n);
      break;
    case AvpFormat::u64:
      if (const auto n = parse_u64(v)) return fmt::format("0x{:016x}", *n);
      break;
    case AvpFormat::string: return fmt::format("{}", printable(v, 64));
    case AvpFormat::bytes: return to_hex(v, 32);
    case AvpFormat::structured: return format_structured(a, v, mt);
  }
  return to_hex(v, 32);
}

std::string summarize(const Message& m) {
  const Header& h = m.header;
  if (h.version != kVersionL2tpV2) return fmt::format("L2TP Ver={} (not decoded)", h.version);
  std::string s;
  if (!h.type_control)
    s = "DATA";
  else if (m.zlb)
    s = "ZLB";
  else if (m.message_type)
    s = code_abbrev(message_type_names(), *m.message_type);
  else
    s = "CONTROL";
  s += fmt::format(" tunnel={}", h.tunnel_id);
  if (h.session_id != 0 || !h.type_control) s += fmt::format(" session={}", h.session_id);
  if (h.sequence_present) s += fmt::format(" Ns={} Nr={}", h.ns, h.nr);
  if (!h.type_control) return s + fmt::format(" PPP {} bytes", m.payload.size());
  for (const auto& a : m.avps) {
    if (a.vendor_id != 0) continue;
    if (std::find(std::begin(kSummaryAvps), std::end(kSummaryAvps), a.attribute_type) == std::end(kSummaryAvps))
      continue;
    const AvpInfo* info = find_avp_info(0, a.attribute_type);
    const std::string v = info->format == AvpFormat::bytes && a.value_known()
                              ? fmt::format("({} bytes)", a.value().size())
                              : format_avp_value(a, m.message_type);
    s += v.empty() ? fmt::format(" {}", info->key) : fmt::format(" {}={}", info->key, v);
  }
  return s;
}

}  // namespace ts::l2tp
