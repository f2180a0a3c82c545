#pragma once
// The bytes a simulated packet has on the wire: Ethernet II / IPv4 (DF set, TTL 64, the
// sender's running IP identification) / UDP, TCP or GRE, with lengths and checksums computed
// by the project's own encoders (dissectors/net). No IP fragmentation: a datagram that does
// not fit one IPv4 packet (65535 bytes) is the caller's to refuse (fits_ipv4()).
#include <cstdint>

#include "dissectors/net/ethernet.h"
#include "dissectors/net/ip_address.h"
#include "dissectors/net/tcp.h"
#include "src/core/bytes.h"

namespace ts::sim {

struct NodeAddress {
  net::MacAddress mac{};
  net::IpAddress ip;
};

// True when `l4_length` bytes of transport header and payload fit one IPv4 packet.
inline bool fits_ipv4(std::size_t l4_length) { return l4_length + 20 <= 65535; }

Bytes ipv4_frame(const NodeAddress& src, const NodeAddress& dst, std::uint16_t ip_id, std::uint8_t protocol,
                 ByteView l4);
Bytes udp_frame(const NodeAddress& src, const NodeAddress& dst, std::uint16_t ip_id, std::uint16_t sport,
                std::uint16_t dport, ByteView payload);
// `gre_packet` is the whole GRE header and payload, as the endpoint sent it.
Bytes gre_frame(const NodeAddress& src, const NodeAddress& dst, std::uint16_t ip_id, ByteView gre_packet);
// `header` gives ports, seq, ack, flags, window and options; lengths and checksum computed.
Bytes tcp_frame(const NodeAddress& src, const NodeAddress& dst, std::uint16_t ip_id, const net::TcpHeader& header,
                ByteView payload);

}  // namespace ts::sim
