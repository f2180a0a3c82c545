#include "src/endpoints/ppp/ip_host.h"

#include "dissectors/net/checksum.h"
#include "dissectors/net/icmp.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/ipv6.h"
#include "dissectors/ppp/ppp_protocols.h"

namespace ts::endpoints::ppp {

namespace {
constexpr std::uint8_t kEchoRequest4 = 8, kEchoReply4 = 0;      // RFC 792
constexpr std::uint8_t kEchoRequest6 = 128, kEchoReply6 = 129;  // RFC 4443 §4.1-§4.2

void push(std::vector<HostPacket>& out, HostPacket p) { out.push_back(std::move(p)); }

// An ICMP/ICMPv6 message with its checksum filled (v6: over the pseudo header, RFC 4443 §2.3).
Bytes icmp_message(std::uint8_t type, std::uint32_t rest, ByteView data, const net::IpAddress* src,
                   const net::IpAddress* dst) {
  Bytes m(8 + data.size(), 0);
  m[0] = type;
  for (int i = 0; i < 4; ++i) m[4 + i] = static_cast<std::uint8_t>(rest >> (24 - 8 * i));
  for (std::size_t i = 0; i < data.size(); ++i) m[8 + i] = data[i];
  const std::uint16_t sum = src ? net::transport_checksum(*src, *dst, net::ip_proto::kIcmpv6, m)
                                : net::internet_checksum(m);
  m[2] = static_cast<std::uint8_t>(sum >> 8);
  m[3] = static_cast<std::uint8_t>(sum);
  return m;
}

HostPacket ipv4_packet(const net::IpAddress& src, const net::IpAddress& dst, ByteView icmp,
                       std::uint16_t id) {
  net::Ipv4Header h;
  h.protocol = net::ip_proto::kIcmp;
  h.src = src;
  h.dst = dst;
  h.identification = id;
  return HostPacket{ts::ppp::kIpv4, net::encode_ipv4(h, icmp)};
}

HostPacket ipv6_packet(const net::IpAddress& src, const net::IpAddress& dst, ByteView icmp) {
  net::Ipv6Header h;
  h.next_header = net::ip_proto::kIcmpv6;
  h.src = src;
  h.dst = dst;
  return HostPacket{ts::ppp::kIpv6, net::encode_ipv6(h, icmp)};
}
}  // namespace

net::IpAddress link_local(const ts::ppp::InterfaceId& id) {
  std::uint8_t b[16] = {0xfe, 0x80};
  for (std::size_t i = 0; i < 8; ++i) b[8 + i] = id[i];
  return net::IpAddress::v6(ByteView(b, 16));
}

void IpHost::start_plan(Instant now, bool family_is_v6) {
  if (plan_.count == 0 || sent_ >= plan_.count || family_is_v6 != plan_.ipv6 || next_ping_) return;
  next_ping_ = now + plan_.first_delay;
}

void IpHost::set_ipv4(Instant now, std::uint32_t local, std::uint32_t peer) {
  v4_local_ = net::IpAddress::v4(local);
  v4_peer_ = net::IpAddress::v4(peer);
  start_plan(now, false);
}

void IpHost::set_ipv6(Instant now, const ts::ppp::InterfaceId& local,
                      const ts::ppp::InterfaceId& peer) {
  v6_local_ = link_local(local);
  v6_peer_ = link_local(peer);
  start_plan(now, true);
}

void IpHost::clear_ipv4() {
  v4_local_.reset();
  v4_peer_.reset();
  if (!plan_.ipv6) next_ping_.reset();
}

void IpHost::clear_ipv6() {
  v6_local_.reset();
  v6_peer_.reset();
  if (plan_.ipv6) next_ping_.reset();
}

HostPacket IpHost::make_ping() {
  Bytes data(plan_.size);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i);
  const std::uint32_t rest =
      (std::uint32_t{identifier_} << 16) | static_cast<std::uint16_t>(sent_ + 1);
  ++sent_;
  ++counters_.echo_requests_sent;
  if (plan_.ipv6)
    return ipv6_packet(*v6_local_, *v6_peer_,
                       icmp_message(kEchoRequest6, rest, data, &*v6_local_, &*v6_peer_));
  return ipv4_packet(*v4_local_, *v4_peer_,
                     icmp_message(kEchoRequest4, rest, data, nullptr, nullptr),
                     static_cast<std::uint16_t>(sent_));
}

std::vector<HostPacket> IpHost::on_deadline(Instant now) {
  std::vector<HostPacket> out;
  if (!next_ping_ || now < *next_ping_) return out;
  const bool ready = plan_.ipv6 ? v6_local_.has_value() : v4_local_.has_value();
  if (!ready) {
    next_ping_.reset();
    return out;
  }
  push(out, make_ping());
  if (sent_ < plan_.count)
    next_ping_ = *next_ping_ + plan_.interval;
  else
    next_ping_.reset();
  return out;
}

std::vector<HostPacket> IpHost::receive(Instant, std::uint16_t protocol, ByteView packet) {
  std::vector<HostPacket> out;
  ++counters_.packets_received;
  std::optional<HostPacket> reply;
  if (protocol == ts::ppp::kIpv4)
    reply = answer_v4(packet);
  else if (protocol == ts::ppp::kIpv6)
    reply = answer_v6(packet);
  if (reply && !reply->packet.empty()) push(out, std::move(*reply));
  return out;
}

std::optional<HostPacket> IpHost::answer_v4(ByteView packet) {
  const auto ip = net::decode_ipv4(packet);
  const bool for_us = v4_local_ && ip.complete && ip.value.dst == *v4_local_ &&
                      ip.value.checksum_ok && ip.value.protocol == net::ip_proto::kIcmp &&
                      !ip.value.is_fragment();
  const auto icmp = net::decode_icmp(ip.value.payload, false);
  if (!for_us || !icmp.complete || net::internet_checksum(ip.value.payload) != 0) {
    ++counters_.packets_dropped;
    return std::nullopt;
  }
  if (icmp.value.type == kEchoReply4 && (icmp.value.rest >> 16) == identifier_) {
    ++counters_.echo_replies_received;
    return HostPacket{};
  }
  if (icmp.value.type != kEchoRequest4) {
    ++counters_.packets_dropped;
    return std::nullopt;
  }
  ++counters_.echo_requests_answered;
  const ByteView data = ip.value.payload.subspan(8);
  return ipv4_packet(*v4_local_, ip.value.src,
                     icmp_message(kEchoReply4, icmp.value.rest, data, nullptr, nullptr),
                     ip.value.identification);
}

std::optional<HostPacket> IpHost::answer_v6(ByteView packet) {
  const auto ip = net::decode_ipv6(packet);
  const bool for_us = v6_local_ && ip.complete && ip.value.dst == *v6_local_ &&
                      ip.value.protocol == net::ip_proto::kIcmpv6 && !ip.value.fragment.present;
  const auto icmp = net::decode_icmp(ip.value.payload, true);
  if (!for_us || !icmp.complete ||
      net::transport_checksum(ip.value.src, ip.value.dst, net::ip_proto::kIcmpv6,
                              ip.value.payload) != 0) {
    ++counters_.packets_dropped;
    return std::nullopt;
  }
  if (icmp.value.type == kEchoReply6 && (icmp.value.rest >> 16) == identifier_) {
    ++counters_.echo_replies_received;
    return HostPacket{};
  }
  if (icmp.value.type != kEchoRequest6) {
    ++counters_.packets_dropped;
    return std::nullopt;
  }
  ++counters_.echo_requests_answered;
  const ByteView data = ip.value.payload.subspan(8);
  return ipv6_packet(*v6_local_, ip.value.src,
                     icmp_message(kEchoReply6, icmp.value.rest, data, &*v6_local_, &ip.value.src));
}

}  // namespace ts::endpoints::ppp
