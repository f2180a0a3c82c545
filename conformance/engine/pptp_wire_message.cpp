#include "conformance/engine/pptp_wire_message.h"

#include <fmt/format.h>

#include "dissectors/gre/header.h"
#include "dissectors/pptp/message.h"
#include "dissectors/pptp/names.h"

namespace ts::conformance {

std::optional<WireMessage> pptp_wire_message(ByteView one_message) {
  const auto d = pptp::decode(one_message);
  if (!d.complete) return std::nullopt;
  const auto type = d.value.header.control_message_type;
  WireMessage w;
  w.name = find_code(pptp::control_message_types(), type) ? pptp::message_abbrev(type) : fmt::format("TYPE{}", type);
  // The codec's own field tree is the one naming of PPTP fields (describe()), flattened.
  Field layer;
  pptp::describe(d.value, layer);
  for (const auto& f : layer.children) {
    if (f.name == "message") continue;  // it is the name
    if (f.kind == Field::Kind::number) w.fields.emplace_back(f.name, std::to_string(f.number));
    if (f.kind == Field::Kind::text) w.fields.emplace_back(f.name, f.text);
  }
  return w;
}

std::optional<WireMessage> gre_wire_message(ByteView gre_packet) {
  const auto d = gre::decode(gre_packet);
  const auto& h = d.value;
  if (!d.complete || h.version != 1) return std::nullopt;
  WireMessage w;
  w.name = "GRE";
  w.fields.emplace_back("call_id", std::to_string(h.call_id));
  w.fields.emplace_back("payload_length", std::to_string(h.payload_length));
  if (h.sequence_present) w.fields.emplace_back("seq", std::to_string(h.sequence_number));
  if (h.ack_present) w.fields.emplace_back("ack", std::to_string(h.acknowledgment_number));
  w.fields.emplace_back("payload", to_hex(h.payload));
  w.fields.emplace_back("protocol_type", std::to_string(h.protocol_type));
  // RFC 2637 §4.1: C, R, s, Recur and Flags are all "Set to zero": the bits of the first
  // two octets other than K, S, A and Ver, as they stand there.
  const unsigned reserved = (h.checksum_present ? 0x8000U : 0U) | (h.routing_present ? 0x4000U : 0U) |
                            (h.strict_source_route ? 0x0800U : 0U) | (unsigned{h.recursion} << 8) |
                            (unsigned{h.flags} << 3);
  w.fields.emplace_back("reserved_bits", std::to_string(reserved));
  return w;
}

}  // namespace ts::conformance
