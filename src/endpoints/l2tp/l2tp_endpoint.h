#pragma once
// L2tpEndpoint: an L2TP LAC or LNS (RFC 2661) as an engine::Endpoint: UDP channels to its
// peers, any number of tunnels (L2tpTunnel) per peer, and the commands an operator or a
// script gives. Sans-I/O; the driver (simulator, live runtime) owns the sockets and the
// clock. The driver should accept datagrams on the L2TP port (1701 by default) so that
// peers can open tunnels to us.
//
// Routing of a received datagram: Tunnel ID 0 must be an SCCRQ (§5.3): a retransmission of
// an SCCRQ we already took goes to its tunnel (same peer and Assigned Tunnel ID); a new one
// first meets the tie-breaker (§4.4.3) when we have our own SCCRQ outstanding to the same
// peer, then gets a new tunnel. Any other Tunnel ID goes to that tunnel; an unknown one is a
// peer fault (dropped), unless the tunnel was cleared within the last retransmission cycle.
//
// Commands (engine::Command name, args):
//   open    peer=ADDRESS[:PORT]                  originate a tunnel (SCCRQ)
//   call    [peer=ADDRESS] [tunnel=ID] [called=NUMBER] [calling=NUMBER] [bearer=analog|digital]
//           LAC: incoming call (ICRQ); LNS: outgoing call (OCRQ). Uses the given tunnel, or
//           the first open one (to `peer` when given), or opens one to `peer`.
//   hangup  [tunnel=ID] [session=ID] [graceful=1] CDN result 3 (all sessions when no id);
//           graceful: the link (PPP) terminates first, then the CDN
//   stop    [tunnel=ID] [result=N]               StopCCN (all tunnels when no id)
//   wen     tunnel=ID session=ID                 WAN-Error-Notify (LAC)
// Unknown commands and bad arguments are reported as a StateChange on entity "command"
// with to = "rejected: <why>", never an exception.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/endpoints/l2tp/l2tp_config.h"
#include "src/endpoints/l2tp/l2tp_tunnel.h"
#include "src/engine/endpoint.h"
#include "src/engine/random_source.h"

namespace ts::endpoints::l2tp {

// What remains of a tunnel after it is gone, for reports and tests.
struct TunnelSummary {
  std::uint16_t local_id = 0;
  std::uint16_t peer_id = 0;
  bool originator = false;
  bool was_established = false;
  TunnelEnd end = TunnelEnd::none;
  std::optional<ts::l2tp::ResultCode> stop_result;
  std::uint64_t calls_established = 0;
  std::uint64_t hellos_sent = 0;
  ChannelCounters channel;
};

class L2tpEndpoint : public engine::Endpoint {
 public:
  explicit L2tpEndpoint(L2tpConfig config);

  engine::Actions handle(Instant now, const engine::Input& input) override;
  engine::Actions on_deadline(Instant now) override;
  std::optional<Instant> next_deadline() const override;

  const L2tpConfig& config() const { return config_; }
  const std::map<std::uint16_t, std::unique_ptr<L2tpTunnel>>& tunnels() const { return tunnels_; }
  const std::vector<TunnelSummary>& finished_tunnels() const { return finished_; }
  std::uint64_t tie_breaks_won() const { return tie_won_; }
  std::uint64_t tie_breaks_lost() const { return tie_lost_; }

 private:
  struct Peer {
    std::string address;  // "a.b.c.d:port" for channels we opened; empty for accepted ones
  };
  engine::Actions command(Instant now, const engine::Command& cmd);
  engine::Actions receive(Instant now, const engine::Received& r);
  engine::Actions new_sccrq(Instant now, engine::ChannelId channel, ByteView datagram);
  L2tpTunnel* open_tunnel(Instant now, const std::string& peer, engine::Actions& out);
  engine::ChannelId channel_for(const std::string& peer, engine::Actions& out);
  std::uint16_t new_tunnel_id();
  void emit(engine::Actions& out, engine::ChannelId channel, TunnelOutput&& t);
  void reap(Instant now);
  L2tpTunnel* pick_tunnel(const std::string& peer, std::optional<std::uint16_t> id);

  L2tpConfig config_;
  engine::RandomSource random_;
  std::map<engine::ChannelId, Peer> channels_;
  std::map<std::uint16_t, std::unique_ptr<L2tpTunnel>> tunnels_;
  std::map<std::uint16_t, engine::ChannelId> tunnel_channel_;
  // (channel, the peer's Assigned Tunnel ID) of SCCRQs we accepted -> our tunnel.
  std::map<std::pair<engine::ChannelId, std::uint16_t>, std::uint16_t> accepted_;
  std::vector<TunnelSummary> finished_;
  // Tunnels gone a moment ago, until when: messages still in flight for them (the peer's
  // last ZLB or a retransmission crossing our StopCCN's acknowledgement) are dropped
  // quietly for a full retransmission cycle, and their ids are not reused meanwhile.
  std::map<std::uint16_t, Instant> recently_closed_;
  engine::ChannelId next_channel_ = 1;
  std::uint64_t tie_won_ = 0, tie_lost_ = 0;
};

}  // namespace ts::endpoints::l2tp
