#include "src/runtime/sim/wire_frame.h"

#include "dissectors/net/ipv4.h"
#include "dissectors/net/udp.h"

namespace ts::sim {

Bytes ipv4_frame(const NodeAddress& src, const NodeAddress& dst, std::uint16_t ip_id, std::uint8_t protocol,
                 ByteView l4) {
  net::Ipv4Header ip;
  ip.identification = ip_id;
  ip.dont_fragment = true;
  ip.ttl = 64;
  ip.protocol = protocol;
  ip.src = src.ip;
  ip.dst = dst.ip;
  const Bytes packet = net::encode_ipv4(ip, l4);
  net::EthernetHeader eth;
  eth.src = src.mac;
  eth.dst = dst.mac;
  eth.ethertype = net::ethertype::kIpv4;
  return net::encode_ethernet(eth, packet);
}

Bytes udp_frame(const NodeAddress& src, const NodeAddress& dst, std::uint16_t ip_id, std::uint16_t sport,
                std::uint16_t dport, ByteView payload) {
  net::UdpHeader u;
  u.src_port = sport;
  u.dst_port = dport;
  return ipv4_frame(src, dst, ip_id, net::ip_proto::kUdp, net::encode_udp(u, payload, src.ip, dst.ip));
}

Bytes gre_frame(const NodeAddress& src, const NodeAddress& dst, std::uint16_t ip_id, ByteView gre_packet) {
  return ipv4_frame(src, dst, ip_id, net::ip_proto::kGre, gre_packet);
}

Bytes tcp_frame(const NodeAddress& src, const NodeAddress& dst, std::uint16_t ip_id, const net::TcpHeader& header,
                ByteView payload) {
  return ipv4_frame(src, dst, ip_id, net::ip_proto::kTcp, net::encode_tcp(header, payload, src.ip, dst.ip));
}

}  // namespace ts::sim
