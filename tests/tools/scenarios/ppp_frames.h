#pragma once
// Small builders of PPP frames for scenarios: a control packet, CHAP, PAP, IPv4 data.
#include <string_view>
#include <vector>

#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/control_packet.h"
#include "src/core/bytes.h"

namespace ts::testing {

struct Opt {
  std::uint8_t type;
  Bytes data;
};

// A PPP frame (FF 03 + protocol) carrying an LCP/IPCP/IPv6CP/CCP packet.
Bytes ppp_control(std::uint16_t protocol, std::uint8_t code, std::uint8_t id, const std::vector<Opt>& options = {},
                  ByteView data = {});
Bytes ppp_echo(bool reply, std::uint8_t id, std::uint32_t magic);
Bytes ppp_chap(std::uint8_t code, std::uint8_t id, ByteView value, std::string_view name_or_message);
Bytes ppp_pap_request(std::uint8_t id, std::string_view user, std::string_view password);
// An IPv4/UDP packet inside PPP (protocol 0x0021), `size` bytes of payload.
Bytes ppp_ipv4(const char* src, const char* dst, std::size_t size);
Bytes ppp_compressed(std::size_t size, std::uint16_t coherency);

Bytes be16v(std::uint16_t v);
Bytes be32v(std::uint32_t v);
Bytes ipv4v(const char* dotted);

}  // namespace ts::testing
