#pragma once
// L2tpObserver: joins L2TPv2 datagrams (RFC 2661) into tunnels and sessions and follows
// them through the §7 state tables, the §5.8 reliable delivery rules and the §5.5 Hello
// keepalive; each session's PPP frames go to its PppLinkObserver.
//
// Identification: the header's Tunnel ID and Session ID are the *receiver's* (§3.1). A
// tunnel is found by (receiver address, receiver port, Tunnel ID); an SCCRQ (Tunnel ID 0)
// by (sender address, sender port, Assigned Tunnel ID) so retransmissions join it.
#include <cstdint>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "dissectors/l2tp/message.h"
#include "dissectors/net/ip_address.h"
#include "src/machines/l2tp/control_connection_machine.h"
#include "src/machines/l2tp/session_machine.h"
#include "src/observe/observe_context.h"
#include "src/observe/ppp_link_observer.h"
#include "src/observe/transport_address.h"

namespace ts::observe {

// "CDN result 3 (...), error 0 (...): \"msg\"" for a StopCCN or CDN (RFC 2661 §4.4.2).
std::string l2tp_result_text(const l2tp::Message& m, bool cdn);

class L2tpObserver {
 public:
  explicit L2tpObserver(ObserveContext& ctx) : ctx_(ctx) {}
  void on_datagram(const FrameInfo& f, const TransportAddress& src, const TransportAddress& dst, ByteView payload);
  // An ICMP error from `reporter` quoting a datagram src -> dst of this tunnel flow
  // (`quoted` is the quoted UDP payload, often cut).
  void on_icmp_error(const FrameInfo& f, const net::IpAddress& reporter, const TransportAddress& src,
                     const TransportAddress& dst, const std::string& what, ByteView quoted);
  // Finishes the tunnels that are finished at f.ts (ObserveContext::finished), or all of them
  // when `all` (end of input): the final checks (unacknowledged messages, PPP summaries) run
  // with `f` as the moment, the tunnel's state is dropped and its connection marked done.
  void retire(const FrameInfo& f, bool all);
  // What this observer holds: tunnels, and entries of its lookup tables.
  std::size_t live_tunnels() const { return tunnels_.size(); }
  std::size_t index_entries() const { return by_receiver_.size(); }

 private:
  struct Session {
    std::size_t call = 0;  // index into Connection::calls
    std::array<machines::l2tp::SessionState, 2> state{};
    std::array<std::optional<std::uint16_t>, 2> data_ns;  // last data Ns seen from each side
    PppLinkObserver ppp;
    std::string entity;
    std::string ppp_entity;  // entity + " ppp", made once: used for every data packet
  };
  struct SessionKeyHash {
    std::size_t operator()(const std::pair<int, std::uint16_t>& k) const noexcept {
      return (static_cast<std::size_t>(k.first) << 16) | k.second;
    }
  };
  struct Tunnel {
    Connection* conn = nullptr;
    std::array<TransportAddress, 2> ep;
    std::array<machines::l2tp::ControlState, 2> state{};
    // Reliable delivery (§5.8), per sending side.
    std::array<std::optional<std::uint16_t>, 2> next_ns;     // next new Ns expected from the side
    std::array<std::map<std::uint16_t, Instant>, 2> unacked;  // Ns -> first send time
    std::array<std::map<std::uint16_t, bool>, 2> is_hello;    // Ns -> was a Hello
    std::array<Bytes, 2> challenge;                            // Challenge each side sent
    std::array<std::optional<Instant>, 2> last_hello;         // for the keepalive interval
    std::deque<Session> sessions;
    // (assigning side, id) -> session; looked up for every data message, never iterated.
    std::unordered_map<std::pair<int, std::uint16_t>, Session*, SessionKeyHash> by_session_id;
    bool closed = false;
    bool states_known = true;  // false when the capture started after the tunnel came up
  };

  Tunnel* find_tunnel(const TransportAddress& src, const TransportAddress& dst, const l2tp::Message& m, int& from);
  Tunnel& new_tunnel(const FrameInfo& f, const TransportAddress& src, const TransportAddress& dst);
  void on_control(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m);
  bool on_reliability(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m);  // false: retransmission
  // True when `m`'s Nr does not yet acknowledge every message the other side has sent: the
  // two crossed on the wire. The state tables are applied as if each message arrived when
  // it was captured, which a single capture point cannot know; a step that is illegal only
  // because of that order (a CDN sent just before the peer's StopCCN arrived) is not
  // blamed on either side. Nr tells exactly what the sender had received (RFC 2661 §5.8).
  static bool crossed_peer_messages(const Tunnel& t, int from, const l2tp::Message& m);
  void on_tunnel_message(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m);
  void on_session_message(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m);
  void on_data(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m);
  void learn_tunnel_avps(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m);
  void check_challenge(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m);
  void learn_session_avps(Call& call, const l2tp::Message& m);
  Session& new_session(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m);
  void end_session(Tunnel& t, Session& s, const FrameInfo& f);
  void finish_tunnel(Tunnel& t, const FrameInfo& f);

  ObserveContext& ctx_;
  bool partial_ = false;  // the current message was cut by the capture's snaplen
  std::list<Tunnel> tunnels_;  // a list: retiring one keeps pointers to the others valid
  std::map<std::tuple<net::IpAddress, std::uint16_t, std::uint16_t>, Tunnel*> by_receiver_;  // (addr, port, tid)
};

}  // namespace ts::observe
