#pragma once
// PptpObserver: PPTP control connections (RFC 2637 §1-3) carried in TCP to port 1723,
// framed out of the reassembled byte stream of each direction, followed through the §3
// state tables; calls joined by their Call IDs; enhanced GRE packets (§4) joined to calls
// by (receiver address, Call ID), with sequence/acknowledgement statistics; each call's
// PPP frames go to its PppLinkObserver.
//
// Side 0 is the TCP client (the side that sent SYN, or the side not on port 1723).
// GRE without a captured control connection still gets a connection ("no control
// connection captured") so the PPP inside is analysed.
#include <deque>
#include <list>
#include <map>
#include <optional>
#include <unordered_map>

#include "dissectors/net/ip_address.h"
#include "dissectors/pptp/message.h"
#include "src/machines/pptp/control_machine.h"
#include "src/observe/observe_context.h"
#include "src/observe/ppp_link_observer.h"
#include "src/observe/tcp_stream.h"
#include "src/observe/transport_address.h"

namespace ts::observe {

struct TcpSegment {
  std::uint32_t seq = 0;
  bool syn = false, fin = false, rst = false;
  ByteView payload;
};

class PptpObserver {
 public:
  explicit PptpObserver(ObserveContext& ctx) : ctx_(ctx) {}
  void on_tcp(const FrameInfo& f, const TransportAddress& src, const TransportAddress& dst, const TcpSegment& seg);
  void on_gre(const FrameInfo& f, const net::IpAddress& src, const net::IpAddress& dst, ByteView gre_packet);
  // An ICMP error quoting a segment src -> dst of a control connection.
  void on_icmp_error(const FrameInfo& f, const net::IpAddress& reporter, const TransportAddress& src,
                     const TransportAddress& dst, const std::string& what);
  // Finishes the control connections that are finished at f.ts (ObserveContext::finished),
  // or all of them when `all` (end of input): the byte streams are drained, the final checks
  // (unanswered echoes, PPP summaries) run with `f` as the moment, the state is dropped
  // (GRE routes included) and the connection marked done.
  void retire(const FrameInfo& f, bool all);
  // What this observer holds: control connections, and entries of its lookup tables.
  std::size_t live_controls() const { return controls_.size(); }
  std::size_t index_entries() const { return by_tuple_.size() + gre_routes_.size(); }

 private:
  struct CallTrack {
    std::size_t call = 0;
    std::array<machines::pptp::CallState, 2> state{};
    std::array<std::optional<std::uint32_t>, 2> last_seq;  // GRE sequence numbers per sender
    PppLinkObserver ppp;
    std::string entity;      // "call 3"
    std::string ppp_entity;  // "call 3 ppp", made once: used for every data packet
  };
  struct Control {
    Connection* conn = nullptr;
    std::array<TransportAddress, 2> ep;
    std::array<TcpStreamReassembler, 2> stream;
    std::array<machines::pptp::ControlState, 2> state{};
    std::deque<CallTrack> calls;
    std::map<std::pair<int, std::uint16_t>, CallTrack*> by_call_id;  // (assigning side, Call ID)
    std::array<std::map<std::uint32_t, Instant>, 2> echo_outstanding;  // (requester) id -> time
    std::array<std::optional<Instant>, 2> last_echo;
    bool tcp = true;  // false: made up for GRE seen without its control connection
    std::array<bool, 2> cut_pending{};  // last segment from that side was cut by the snaplen
  };
  struct GreRoute {
    Control* control = nullptr;
    CallTrack* call = nullptr;
    int receiver = 0;
  };

  Control& control_for(const FrameInfo& f, const TransportAddress& src, const TransportAddress& dst, bool syn, int& from);
  void drain(Control& c, int from, const FrameInfo& f);
  void describe_packet(const FrameInfo& f, const pptp::Message& m);
  void on_message(Control& c, int from, const FrameInfo& f, const pptp::Message& m);
  void on_control_message(Control& c, int from, const FrameInfo& f, const pptp::Message& m);
  void on_call_message(Control& c, int from, const FrameInfo& f, const pptp::Message& m);
  CallTrack& new_call(Control& c, int from, std::uint16_t call_id, const FrameInfo& f);
  void bind_call_id(Control& c, CallTrack& t, int side, std::uint16_t id);
  void end_call(Control& c, CallTrack& t, const FrameInfo& f, std::string cause, int by);
  void finish_control(Control& c, const FrameInfo& f);
  GreRoute* route_gre(const FrameInfo& f, const net::IpAddress& src, const net::IpAddress& dst, std::uint16_t call_id,
                      int& from);

  ObserveContext& ctx_;
  std::list<Control> controls_;  // a list: retiring one keeps pointers to the others valid
  std::map<std::pair<TransportAddress, TransportAddress>, Control*> by_tuple_;  // (side 0, side 1)
  // (receiver, its Call ID): looked up for every GRE packet, so hashed, not ordered (the
  // profile showed the ordered map's address comparisons; nothing iterates it in order).
  using GreKey = std::pair<net::IpAddress, std::uint16_t>;
  struct GreKeyHash {
    std::size_t operator()(const GreKey& k) const noexcept {
      return std::hash<net::IpAddress>{}(k.first) ^ (std::size_t{k.second} * 0x9e3779b97f4a7c15ULL);
    }
  };
  std::unordered_map<GreKey, GreRoute, GreKeyHash> gre_routes_;
};

}  // namespace ts::observe
