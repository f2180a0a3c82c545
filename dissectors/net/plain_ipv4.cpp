#include "dissectors/net/plain_ipv4.h"

#include <cstring>

namespace ts::net {

std::optional<PlainIpv4> read_plain_ipv4(ByteView f) {
  constexpr std::size_t kEth = 14, kIp = 20;
  if (f.size() < kEth + kIp) return std::nullopt;
  // EtherType 0x0800 right after the MACs: no VLAN tag, not an 802.3 length.
  if (f[12] != 0x08 || f[13] != 0x00) return std::nullopt;
  // Windows NDISWAN's fake Ethernet (source MAC " SEND" / " RECV" + link) carries PPP.
  if (f[6] == ' ' && (std::memcmp(&f[7], "SEND", 4) == 0 || std::memcmp(&f[7], "RECV", 4) == 0)) return std::nullopt;
  const std::uint8_t* ip = f.data() + kEth;
  // Version 4, IHL 5 (no options); anything else has something to say (RFC 791 §3.1).
  if (ip[0] != 0x45) return std::nullopt;
  // Flags and Fragment Offset: only DF may be set (reserved flag, MF and an offset are not plain).
  if ((ip[6] & 0xbf) != 0 || ip[7] != 0) return std::nullopt;
  const std::size_t total = std::size_t{ip[2]} << 8 | ip[3];
  if (total < kIp || total > f.size() - kEth) return std::nullopt;
  PlainIpv4 p;
  p.src.family = 4;
  std::memcpy(p.src.bytes.data(), ip + 12, 4);
  p.dst.family = 4;
  std::memcpy(p.dst.bytes.data(), ip + 16, 4);
  p.protocol = ip[9];
  p.identification = static_cast<std::uint16_t>(ip[4] << 8 | ip[5]);
  p.payload = f.subspan(kEth + kIp, total - kIp);
  return p;
}

}  // namespace ts::net
