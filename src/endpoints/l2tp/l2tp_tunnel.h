#pragma once
// L2tpTunnel: one L2TP control connection and its sessions (RFC 2661 §5, §6, §7), for an
// LAC or an LNS, originator or receiver. Sans-I/O: every call takes `now` and returns the
// UDP payloads to send to the peer and the notes (state changes, peer faults) for the
// timeline; the owner (L2tpEndpoint) routes datagrams by Tunnel ID and calls
// on_deadline() at next_deadline().
//
// Control connection (§5.1, §7.2.1): SCCRQ / SCCRP / SCCCN over the ReliableChannel (§5.8),
// with tunnel authentication (§5.1.1: Challenge and Challenge Response, MD5 over the
// message type, the shared secret and the challenge; a wrong or missing response clears
// the tunnel with StopCCN result 4), AVP hiding (§4.3), the Receive Window Size learned
// from the peer, Hello after hello_interval without any message from the peer (§5.5), and
// teardown (§5.7): the sender of StopCCN keeps the tunnel until the StopCCN is
// acknowledged (or the channel gives up); the receiver keeps it for stop_hold to
// acknowledge retransmissions. A channel that gives up (§5.8) clears everything without a
// StopCCN. Establishment not finished within setup_timeout is cleared with a StopCCN.
//
// Sessions (§5.2, §7.4, §7.5): place_call() starts an incoming call on an LAC (ICRQ) or an
// outgoing call on an LNS (OCRQ); calls asked for before the tunnel is established wait
// (the "wait-tunnel" state) and go out once it is. The peer's requests are accepted or
// refused per the config. When a session is established, a link is created with the
// config's factory; its frames travel in data messages. hangup() and a finished link clear
// the call with CDN (§5.6). Messages that the state tables do not allow are peer faults;
// the response is the table's (CDN for sessions, StopCCN for the tunnel). Messages for a
// session cleared a moment ago (crossing CDNs, late data) are dropped quietly, as the
// table's idle rows say.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"
#include "src/core/bytes.h"
#include "src/core/time.h"
#include "src/endpoints/l2tp/l2tp_config.h"
#include "src/endpoints/l2tp/l2tp_session.h"
#include "src/endpoints/l2tp/reliable_channel.h"
#include "src/engine/endpoint.h"
#include "src/engine/random_source.h"
#include "src/machines/l2tp/control_connection_machine.h"

namespace ts::endpoints::l2tp {

struct TunnelOutput {
  std::vector<Bytes> datagrams;
  engine::Actions notes;
};

// A call to place (place_call): numbers and bearer as in ICRQ/OCRQ (§6.6, §6.9).
struct CallRequest {
  std::string called_number;
  std::string calling_number;
  bool analog = true;  // Bearer Type A; false = digital
};

// How the tunnel ended, once finished().
enum class TunnelEnd : std::uint8_t {
  none, stop_sent, stop_received, dead, tie_lost, setup_timeout
};

class L2tpTunnel {
 public:
  L2tpTunnel(const L2tpConfig& config, std::uint16_t local_id, bool originator,
             engine::RandomSource random);

  // Originator: sends the SCCRQ.
  TunnelOutput open(Instant now);
  // A UDP payload routed to this tunnel (its first SCCRQ, control or data).
  TunnelOutput on_datagram(Instant now, ByteView datagram);
  TunnelOutput place_call(Instant now, const CallRequest& call);
  // Clears one session (CDN, result 3 "administrative" unless given) or, with nullopt, all.
  // graceful: the link is asked to close first (PPP Terminate) and the CDN follows when it
  // has finished, or after setup_timeout at the latest.
  TunnelOutput hangup(Instant now, std::optional<std::uint16_t> session_id,
                      ts::l2tp::ResultCode result = {3, std::nullopt, {}}, bool graceful = false);
  // Sends WAN-Error-Notify for a session (LAC, §6.13).
  TunnelOutput send_wen(Instant now, std::uint16_t session_id, const ts::l2tp::CallErrors& e);
  // StopCCN (§6.4) with `result`; sessions are cleared with it (§5.7).
  TunnelOutput stop(Instant now, ts::l2tp::ResultCode result);
  // Drops the tunnel without a word (tie-breaker loser, §4.4.3).
  TunnelOutput discard(Instant now, TunnelEnd why);
  TunnelOutput on_deadline(Instant now);
  std::optional<Instant> next_deadline() const;

  bool finished() const { return finished_; }
  TunnelEnd end() const { return end_; }
  bool originator() const { return originator_; }
  machines::l2tp::ControlState state() const { return state_; }
  bool established() const { return state_ == machines::l2tp::ControlState::established; }
  bool closing() const { return closing_; }
  std::uint16_t local_id() const { return local_id_; }
  std::uint16_t peer_id() const { return peer_id_; }
  std::optional<std::uint64_t> tie_breaker() const { return tie_breaker_; }
  std::string entity() const;
  const std::string& peer_host_name() const { return peer_host_name_; }
  std::optional<ts::l2tp::ResultCode> stop_result() const { return stop_result_; }
  const std::map<std::uint16_t, L2tpSession>& sessions() const { return sessions_; }
  const ReliableChannel& channel() const { return channel_; }
  std::uint64_t hellos_sent() const { return hellos_sent_; }
  std::uint64_t calls_established() const { return calls_established_; }
  bool ever_established() const { return ever_established_; }

 private:
  struct Ctx;  // one call's output and time
  using Avp = ts::l2tp::Avp;
  using Message = ts::l2tp::Message;

  // Control connection (l2tp_tunnel.cpp)
  void send(Ctx& c, std::uint16_t type, std::uint16_t session_peer_id, std::vector<Avp> avps);
  void absorb(Ctx& c, ChannelOutput&& out);
  void control_message(Ctx& c, ByteView datagram);
  // How messages from the peer are decoded: with the secret, hidden AVPs unhidden (§4.3).
  ts::l2tp::DecodeOptions decode_options() const;
  bool step_control(Ctx& c, machines::Direction d, std::uint16_t type);
  void on_sccrq(Ctx& c, const Message& m);
  void on_sccrp(Ctx& c, const Message& m);
  void on_scccn(Ctx& c, const Message& m);
  void on_stopccn(Ctx& c, const Message& m);
  bool check_peer_basics(Ctx& c, const Message& m);
  // A message refused before its IDs were taken (unknown M-bit or missing AVP): the peer's
  // Assigned Tunnel ID of an SCCRQ/SCCRP, or Assigned Session ID of a session message, so that
  // the StopCCN or CDN reaches the peer (§5.3). No-op when already known or absent.
  void learn_peer_tunnel(const Message& m, std::uint16_t type);
  void learn_peer_session(L2tpSession& s, const Message& m);
  bool check_challenge_response(Ctx& c, const Message& m, std::uint8_t id);
  void add_challenge_avps(std::vector<Avp>& avps, const Message* peer_msg, std::uint8_t id);
  void become_established(Ctx& c);
  void do_stop(Ctx& c, ts::l2tp::ResultCode result);
  void clear_everything(Ctx& c, const std::string& why);
  void violation(Ctx& c, const DiagnosticDef& def, std::string detail);
  void state_note(Ctx& c, std::string entity, std::string_view from, std::string_view to);
  Avp hideable(Avp avp) const;

  // Sessions (l2tp_tunnel_sessions.cpp)
  void session_message(Ctx& c, const Message& m, std::uint16_t type);
  void start_call(Ctx& c, const CallRequest& call);
  // ICRQ at an LNS, OCRQ at an LAC (§7.4.2, §7.5.1): the peer's Assigned Session ID, the
  // acceptance, the new session and its ICRP/OCRP, or the CDN that refuses it. Returns the
  // session when it was accepted and answered.
  L2tpSession* answer_call_request(Ctx& c, const Message& m, std::uint16_t type);
  // Feeds a received session message to the §7.4/§7.5 table; an illegal one is reported and,
  // with `clear`, answered with CDN. Returns whether it was legal.
  bool session_received(Ctx& c, L2tpSession& s, std::uint16_t type, bool clear);
  // An ICRQ or OCRQ that cannot open a session (an unknown M-bit AVP, §4.2): CDN `rc` to
  // the peer's Assigned Session ID. Other types: nothing.
  void refuse_call_request(Ctx& c, const Message& m, std::uint16_t type, const ts::l2tp::ResultCode& rc);
  void on_icrq(Ctx& c, const Message& m);
  void on_ocrq(Ctx& c, const Message& m);
  void on_reply(Ctx& c, L2tpSession& s, const Message& m, std::uint16_t type);
  void on_connected(Ctx& c, L2tpSession& s, const Message& m, std::uint16_t type);
  void on_cdn(Ctx& c, L2tpSession& s, const Message& m);
  void send_session(Ctx& c, L2tpSession& s, std::uint16_t type, std::vector<Avp> avps);
  void send_connected(Ctx& c, L2tpSession& s, std::uint16_t type);
  void add_proxy_avps(std::vector<Avp>& avps) const;  // ICCN, from config_.proxy
  void clear_session(Ctx& c, L2tpSession& s, std::optional<ts::l2tp::ResultCode> cdn,
                     const std::string& why);
  void session_up(Ctx& c, L2tpSession& s);
  void link_output(Ctx& c, L2tpSession& s, engine::LinkOutput&& out);
  void data_message(Ctx& c, const Message& m);
  void session_timers(Ctx& c);
  std::uint16_t new_session_id();
  L2tpSession& add_session(CallKind kind, std::uint16_t id);
  bool accept_new_call(std::string& why) const;

  const L2tpConfig& config_;
  std::uint16_t local_id_;
  bool originator_;
  engine::RandomSource random_;
  ReliableChannel channel_;
  machines::l2tp::ControlState state_ = machines::l2tp::ControlState::idle;
  std::uint16_t peer_id_ = 0;
  std::string peer_host_name_;
  Bytes our_challenge_;     // sent in our SCCRQ/SCCRP; the peer must answer it
  std::optional<std::uint64_t> tie_breaker_;
  std::optional<Instant> setup_deadline_;
  std::optional<Instant> hello_deadline_;
  std::optional<Instant> hold_until_;  // StopCCN received: keep acknowledging until then
  bool closing_ = false;               // StopCCN sent or received
  bool finished_ = false;
  TunnelEnd end_ = TunnelEnd::none;
  std::optional<ts::l2tp::ResultCode> stop_result_;  // the StopCCN's result, either way
  std::map<std::uint16_t, L2tpSession> sessions_;
  std::set<std::uint16_t> cleared_sessions_;  // ids of sessions cleared (idle rows, §7.4/7.5)
  std::deque<CallRequest> pending_calls_;     // "wait-tunnel" (§7.4.1, §7.5.2)
  std::uint32_t next_serial_ = 1;
  std::uint64_t hellos_sent_ = 0;
  std::uint64_t calls_established_ = 0;
  bool ever_established_ = false;
};

}  // namespace ts::endpoints::l2tp
