#include "dissectors/ppp/ppp_packet.h"

#include <fmt/format.h>

#include "dissectors/ppp/ppp_protocols.h"

namespace ts::ppp {
namespace {

template <typename T>
void merge(Decoded<PppPacket>& out, Decoded<T>&& inner) {
  out.value.body = std::move(inner.value);
  out.diags.insert(out.diags.end(), inner.diags.begin(), inner.diags.end());
  if (!inner.complete) {
    out.complete = false;
    out.truncated_field = inner.truncated_field;
  }
}

std::string data_summary(const PppFrame& f) {
  switch (f.protocol) {
    case kCompressed:
    case kIndividualLinkCompressed:
      return fmt::format("PPP compressed/encrypted (CCP) {} bytes", f.info.size());
    case kEncrypted:
    case kIndividualLinkEncrypted:
      return fmt::format("PPP encrypted (ECP) {} bytes", f.info.size());
    default:
      break;
  }
  if (find_code(protocol_names(), f.protocol) != nullptr)
    return fmt::format("PPP {} {} bytes", protocol_abbrev(f.protocol), f.info.size());
  return fmt::format("PPP protocol 0x{:04x} {} bytes", f.protocol, f.info.size());
}

}  // namespace

Decoded<PppPacket> decode_ppp(ByteView frame_bytes, ChapAlgorithm chap_hint) {
  Decoded<PppPacket> out;
  auto frame = decode_ppp_frame(frame_bytes);
  out.value.frame = frame.value;
  out.diags = std::move(frame.diags);
  if (!frame.complete) {
    out.complete = false;
    out.truncated_field = frame.truncated_field;
    return out;
  }
  const std::uint16_t proto = out.value.frame.protocol;
  const ByteView info = out.value.frame.info;
  if (is_control_protocol(proto)) merge(out, decode_control(proto, info));
  else if (proto == kPap) merge(out, decode_pap(info));
  else if (proto == kChap) merge(out, decode_chap(info, chap_hint));
  else if (proto == kEap) merge(out, decode_eap(info));
  return out;
}

std::string summarize(const PppPacket& p) {
  const std::uint16_t proto = p.frame.protocol;
  if (const auto* c = std::get_if<ControlPacket>(&p.body)) return summarize(proto, *c);
  if (const auto* a = std::get_if<PapPacket>(&p.body)) return summarize(*a);
  if (const auto* h = std::get_if<ChapPacket>(&p.body)) return chap_summary(*h);
  if (const auto* e = std::get_if<EapPacket>(&p.body)) return summarize(*e);
  return data_summary(p.frame);
}

void describe(const PppPacket& p, Field& layer) {
  layer.add_bool("address_control_present", p.frame.address_control_present);
  layer.add_bool("protocol_compressed", p.frame.protocol_compressed);
  layer.add_num("protocol", p.frame.protocol);
  layer.add_text("protocol_name", protocol_abbrev(p.frame.protocol));
  layer.add_num("info_length", p.frame.info.size());
  const std::uint16_t proto = p.frame.protocol;
  if (const auto* c = std::get_if<ControlPacket>(&p.body)) describe(proto, *c, layer.add_object("control"));
  else if (const auto* a = std::get_if<PapPacket>(&p.body)) describe(*a, layer.add_object("pap"));
  else if (const auto* h = std::get_if<ChapPacket>(&p.body)) describe(*h, layer.add_object("chap"));
  else if (const auto* e = std::get_if<EapPacket>(&p.body)) describe(*e, layer.add_object("eap"));
}

}  // namespace ts::ppp
