#include "dissectors/net/icmp.h"

#include <fmt/format.h>

#include "src/core/byte_reader.h"

namespace ts::net {

bool IcmpHeader::is_error() const {
  // RFC 792: 3 unreachable, 4 source quench, 5 redirect, 11 time exceeded, 12 parameter problem.
  // RFC 4443 §2.1: types 0-127 are errors (1 unreachable, 2 too big, 3 time exceeded, 4 parameter).
  return v6 ? type < 128 : (type == 3 || type == 4 || type == 5 || type == 11 || type == 12);
}

Decoded<IcmpHeader> decode_icmp(ByteView message, bool v6) {
  Decoded<IcmpHeader> d;
  IcmpHeader& h = d.value;
  h.v6 = v6;
  ByteReader r(message);
  h.type = r.u8("icmp.type");
  h.code = r.u8("icmp.code");
  h.checksum = r.be16("icmp.checksum");
  h.rest = r.be32("icmp.rest_of_header");
  if (!r.ok()) {
    d.complete = false;
    d.truncated_field = r.truncation();
    return d;
  }
  if (h.is_error()) h.quoted = r.rest();
  return d;
}

std::string icmp_text(const IcmpHeader& h) {
  if (!h.v6) {
    static constexpr const char* kUnreach[] = {"net unreachable", "host unreachable", "protocol unreachable",
                                               "port unreachable", "fragmentation needed", "source route failed",
                                               "network unknown", "host unknown", "host isolated",
                                               "network prohibited", "host prohibited", "network unreachable for TOS",
                                               "host unreachable for TOS", "communication administratively prohibited"};
    switch (h.type) {
      case 0: return "echo reply";
      case 3:
        return fmt::format("destination unreachable ({})",
                           h.code < std::size(kUnreach) ? kUnreach[h.code] : fmt::format("code {}", h.code));
      case 4: return "source quench";
      case 5: return "redirect";
      case 8: return "echo request";
      case 11: return h.code == 0 ? "time exceeded (TTL exceeded in transit)" : "time exceeded (reassembly)";
      case 12: return "parameter problem";
      default: return fmt::format("ICMP type {} code {}", h.type, h.code);
    }
  }
  static constexpr const char* kUnreach6[] = {"no route", "administratively prohibited", "beyond scope of source",
                                              "address unreachable", "port unreachable", "source address failed policy",
                                              "reject route"};
  switch (h.type) {
    case 1:
      return fmt::format("destination unreachable ({})",
                         h.code < std::size(kUnreach6) ? kUnreach6[h.code] : fmt::format("code {}", h.code));
    case 2: return fmt::format("packet too big (MTU {})", h.rest);
    case 3: return "time exceeded";
    case 4: return "parameter problem";
    case 128: return "echo request";
    case 129: return "echo reply";
    default: return fmt::format("ICMPv6 type {} code {}", h.type, h.code);
  }
}

void describe(const IcmpHeader& h, Field& layer) {
  layer.add_num("type", h.type).add_num("code", h.code).add_num("checksum", h.checksum);
  layer.add_text("text", icmp_text(h));
  if (h.is_error()) layer.add_num("quoted_length", h.quoted.size());
}

}  // namespace ts::net
