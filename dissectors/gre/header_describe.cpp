// GRE one-line summary and Field tree.
#include <fmt/format.h>

#include "dissectors/gre/header.h"
#include "dissectors/gre/protocol_types.h"

namespace ts::gre {

std::string summarize(const Header& h) {
  std::string out = fmt::format("GRE v{}", h.version);
  if (h.version == 1) {
    if (h.key_present) out += fmt::format(" call={}", h.call_id);
    if (h.sequence_present) out += fmt::format(" seq={}", h.sequence_number);
    if (h.ack_present) out += fmt::format(" ack={}", h.acknowledgment_number);
    if (h.payload.empty() && !h.sequence_present) return out + " ack-only";
    const std::string proto = h.protocol_type == kProtocolPpp ? std::string("PPP")
                                                              : fmt::format("proto={:#06x}", h.protocol_type);
    return out + fmt::format(" {} {} bytes", proto, h.payload.size());
  }
  out += fmt::format(" proto={:#06x} ({})", h.protocol_type, protocol_abbrev(h.protocol_type));
  if (h.version == 0) {
    if (h.key_present) out += fmt::format(" key={:#x}", h.key);
    if (h.sequence_present) out += fmt::format(" seq={}", h.sequence_number);
    if (h.checksum_present) out += fmt::format(" csum={:#06x}", h.checksum);
    if (h.routing_present) out += fmt::format(" routing={}B", h.routing.size());
  }
  return out + fmt::format(" {} bytes", h.payload.size());
}

void describe(const Header& h, Field& layer) {
  layer.add_bool("checksum_present", h.checksum_present);
  layer.add_bool("routing_present", h.routing_present);
  layer.add_bool("key_present", h.key_present);
  layer.add_bool("sequence_present", h.sequence_present);
  layer.add_bool("strict_source_route", h.strict_source_route);
  layer.add_num("recursion", h.recursion);
  layer.add_bool("ack_present", h.ack_present);
  layer.add_num("flags", h.flags);
  layer.add_num("version", h.version);
  layer.add_num("protocol_type", h.protocol_type);
  layer.add_text("protocol", protocol_abbrev(h.protocol_type));
  if (h.checksum_present || h.routing_present) {
    layer.add_num("checksum", h.checksum);
    layer.add_num("offset", h.offset);
  }
  if (h.key_present) {
    layer.add_num("key", h.key);
    if (h.version == 1) {
      layer.add_num("payload_length", h.payload_length);
      layer.add_num("call_id", h.call_id);
    }
  }
  if (h.sequence_present) layer.add_num("sequence_number", h.sequence_number);
  if (h.ack_present && h.version == 1) layer.add_num("acknowledgment_number", h.acknowledgment_number);
  if (!h.routing.empty()) layer.add_hex("routing", h.routing);
  layer.add_num("payload_size", h.payload.size());
}

}  // namespace ts::gre
