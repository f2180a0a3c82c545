#pragma once
// IpHost: the tiny network-layer host behind a reference PPP peer, so simulated calls
// carry real-looking data. Sans-I/O like the rest of the endpoint.
//  - It answers ICMP Echo Requests (RFC 792) addressed to its IPv4 address and ICMPv6 Echo
//    Requests (RFC 4443 §4.1) addressed to its link-local fe80::<interface id>, with correct
//    IP and ICMP checksums. Other packets are counted and dropped.
//  - A TrafficPlan sends `count` ICMP Echo Requests of `size` data octets to the peer,
//    the first `first_delay` after addresses are known (IPCP Opened; IPv6CP when `ipv6`),
//    then every `interval`; replies that match (identifier, sequence) are counted.
// Packets are returned with their PPP protocol (0x0021 IPv4, 0x0057 IPv6).
#include <cstdint>
#include <optional>
#include <vector>

#include "dissectors/net/ip_address.h"
#include "dissectors/ppp/ipv6cp_options.h"
#include "src/core/bytes.h"
#include "src/core/time.h"

namespace ts::endpoints::ppp {

struct TrafficPlan {
  unsigned count = 0;  // 0: no traffic
  std::size_t size = 56;
  Duration interval = std::chrono::seconds(1);
  Duration first_delay = std::chrono::milliseconds(100);
  bool ipv6 = false;  // ping the peer's link-local address instead of its IPv4 address
};

struct HostCounters {
  std::uint64_t echo_requests_sent = 0;
  std::uint64_t echo_replies_received = 0;
  std::uint64_t echo_requests_answered = 0;
  std::uint64_t packets_received = 0;
  std::uint64_t packets_dropped = 0;  // not for us, not ICMP echo, or bad checksum
};

struct HostPacket {
  std::uint16_t protocol = 0;  // PPP protocol number
  Bytes packet;
};

class IpHost {
 public:
  explicit IpHost(TrafficPlan plan, std::uint16_t echo_identifier = 0x7473)
      : plan_(plan), identifier_(echo_identifier) {}

  // IPCP Opened (addresses host order) / IPv6CP Opened; the plan starts when its family is up.
  void set_ipv4(Instant now, std::uint32_t local, std::uint32_t peer);
  void set_ipv6(Instant now, const ts::ppp::InterfaceId& local, const ts::ppp::InterfaceId& peer);
  void clear_ipv4();
  void clear_ipv6();

  std::vector<HostPacket> receive(Instant now, std::uint16_t protocol, ByteView packet);
  std::vector<HostPacket> on_deadline(Instant now);
  std::optional<Instant> next_deadline() const { return next_ping_; }

  const HostCounters& counters() const { return counters_; }
  std::optional<net::IpAddress> ipv4() const { return v4_local_; }
  std::optional<net::IpAddress> ipv6() const { return v6_local_; }
  bool plan_done() const { return sent_ >= plan_.count; }

 private:
  std::optional<HostPacket> answer_v4(ByteView packet);
  std::optional<HostPacket> answer_v6(ByteView packet);
  HostPacket make_ping();
  void start_plan(Instant now, bool family_is_v6);

  TrafficPlan plan_;
  std::uint16_t identifier_;
  unsigned sent_ = 0;
  std::optional<Instant> next_ping_;
  std::optional<net::IpAddress> v4_local_, v4_peer_, v6_local_, v6_peer_;
  HostCounters counters_;
};

// fe80::<id> (RFC 5072 §5).
net::IpAddress link_local(const ts::ppp::InterfaceId& id);

}  // namespace ts::endpoints::ppp
