#pragma once
// PptpRole: the part of a PPTP endpoint common to the PAC and the PNS (RFC 2637): the
// control connection (§2.1-§2.6, §3.1), the calls (§2.7-§2.15, §3.2) and one enhanced GRE
// data channel per call (§4, gre_data_channel.h). Sans-I/O (src/engine/endpoint.h).
// PptpPac and PptpPns (pptp_pac.h, pptp_pns.h) fix the role; what differs between them is
// which messages each may send and which side clears a call.
//
// Channels: the TCP control connection we open is channel 1 (to "<peer>:1723"); one
// accepted from the peer has the driver's id; GRE to "<peer>" is channel 2, opened when the
// control connection is established, and carries every call (demultiplexed by Call ID).
//
// Commands (engine::Command; unknown names or wrong-role commands are ignored):
//   "open"                   connect (when config.connects) and send SCCRQ
//   "call" [number=...]      PNS: Outgoing-Call-Request
//   "incoming-call" [number=..., from=...]  PAC: Incoming-Call-Request
//   "hangup" [call=<our id>] [graceful=1]  PNS: Call-Clear-Request; PAC:
//                            Call-Disconnect-Notify; all calls when no id. graceful: the
//                            call's link (PPP) terminates first, the clearing follows when it
//                            has finished (or after call_reply_timeout)
//   "wan-error" [call=...]   PAC: WAN-Error-Notify with one CRC error
//   "stop"                   clear the calls, then Stop-Control-Connection-Request
// Inputs that break the RFC become engine::Violation actions (pptp_endpoint_diagnostics.h);
// state changes are StateChange notes ("control", "call <id>") named as in
// control_machine.h. A malformed control message or an unknown Control Message Type
// closes the control connection (§3: "should be closed and restarted").
#include <cstdint>
#include <map>
#include <set>
#include <optional>
#include <string>

#include "dissectors/pptp/message.h"
#include "src/endpoints/pptp/pptp_call.h"
#include "src/endpoints/pptp/pptp_role_config.h"
#include "src/engine/endpoint.h"
#include "src/engine/random_source.h"
#include "src/engine/timer_set.h"
#include "src/machines/pptp/control_machine.h"

namespace ts::endpoints::pptp {

enum class Role : std::uint8_t { pac, pns };

class PptpRole : public engine::Endpoint {
 public:
  static constexpr engine::ChannelId kControlChannel = 1;
  static constexpr engine::ChannelId kGreChannel = 2;

  PptpRole(Role role, PptpRoleConfig config);
  ~PptpRole() override;

  engine::Actions handle(Instant now, const engine::Input& input) override;
  engine::Actions on_deadline(Instant now) override;
  std::optional<Instant> next_deadline() const override;

  Role role() const { return role_; }
  const PptpRoleConfig& config() const { return config_; }
  machines::pptp::ControlState control_state() const { return control_; }
  // The peer's SCCRQ/SCCRP once received.
  const std::optional<ts::pptp::StartControlConnectionRequest>& peer_info() const {
    return peer_info_;
  }
  const std::map<std::uint16_t, PptpCall>& calls() const { return calls_; }
  const PptpCall* call(std::uint16_t call_id) const;
  std::uint64_t echo_requests_sent() const { return echo_sent_; }
  std::uint64_t calls_refused() const { return calls_refused_; }

 protected:
  // The handlers of one role: messages only the other role sends arrive here.
  bool may_receive(ts::pptp::ControlMessageType type) const;

 private:
  enum class Timer : std::uint8_t { control_reply, echo_idle, echo_reply, stop_reply };
  // §2.3 StopCCRQ Reasons and §2.13 CDN Result Codes this role sends.
  static constexpr std::uint8_t kStopNone = 1, kStopLocalShutdown = 3;
  static constexpr std::uint8_t kCdnGeneralError = 2, kCdnAdminShutdown = 3, kCdnRequest = 4;

  // control connection (pptp_role.cpp)
  void on_command(Instant now, const engine::Command& c, engine::Actions& out);
  void on_opened(Instant now, engine::ChannelId ch, engine::Actions& out);
  void on_closed(Instant now, engine::ChannelId ch, engine::Actions& out);
  void on_stream(Instant now, engine::ChannelId ch, ByteView data, engine::Actions& out);
  void on_message(Instant now, engine::ChannelId ch, ByteView bytes, engine::Actions& out);
  bool check_malformed(const Decoded<ts::pptp::Message>& d, engine::Actions& out);
  void on_control(Instant now, engine::ChannelId ch, const ts::pptp::Message& m,
                  engine::Actions& out);
  void on_sccrq(Instant now, engine::ChannelId ch, const ts::pptp::StartControlConnectionRequest& m,
                engine::Actions& out);
  bool resolve_collision(engine::ChannelId ch, engine::Actions& out);
  ts::pptp::StartControlConnectionReply make_sccrp(
      const ts::pptp::StartControlConnectionRequest& m) const;
  void on_sccrp(Instant now, const ts::pptp::StartControlConnectionReply& m, engine::Actions& out);
  void establish(Instant now, engine::Actions& out);
  void begin_stop(Instant now, std::uint8_t reason, engine::Actions& out);
  void send_stop_request(Instant now, std::uint8_t reason, engine::Actions& out);
  void teardown(Instant now, const std::string& why, engine::Actions& out);
  void send(Instant now, const ts::pptp::Body& body, engine::Actions& out,
            std::optional<engine::ChannelId> channel = std::nullopt);
  void set_control(machines::pptp::ControlState next, engine::Actions& out);
  void rearm_echo(Instant now);

  // timers of the control connection and the calls (pptp_role_timers.cpp)
  void call_deadlines(Instant now, engine::Actions& out);
  void give_up(Instant now, const std::string& why, engine::Actions& out);

  // calls (pptp_role_calls.cpp)
  void on_call_message(Instant now, const ts::pptp::Message& m, engine::Actions& out);
  void on_ocrq(Instant now, const ts::pptp::OutgoingCallRequest& m, engine::Actions& out);
  void on_ocrp(Instant now, const ts::pptp::OutgoingCallReply& m, engine::Actions& out);
  void on_icrq(Instant now, const ts::pptp::IncomingCallRequest& m, engine::Actions& out);
  void on_icrp(Instant now, const ts::pptp::IncomingCallReply& m, engine::Actions& out);
  void on_iccn(Instant now, const ts::pptp::IncomingCallConnected& m, engine::Actions& out);
  void on_ccrq(Instant now, const ts::pptp::CallClearRequest& m, engine::Actions& out);
  void on_cdn(Instant now, const ts::pptp::CallDisconnectNotify& m, engine::Actions& out);
  void on_gre(Instant now, ByteView packet, engine::Actions& out);
  void place_outgoing(Instant now, const engine::Command& c, engine::Actions& out);
  void place_incoming(Instant now, const engine::Command& c, engine::Actions& out);
  void hangup(Instant now, const engine::Command& c, engine::Actions& out);
  void wan_error(Instant now, const engine::Command& c, engine::Actions& out);
  void clear_call(Instant now, PptpCall& call, std::uint8_t cdn_result, engine::Actions& out);
  void connect_call(Instant now, PptpCall& call, engine::Actions& out);
  void remove_call(Instant now, std::uint16_t call_id, engine::Actions& out);
  void call_step(PptpCall& call, machines::Direction d, ts::pptp::ControlMessageType type,
                 engine::Actions& out);
  void link_output(Instant now, PptpCall& call, engine::LinkOutput lo, engine::Actions& out);
  void gre_output(Instant now, PptpCall& call, GreOutput go, engine::Actions& out);
  void after_link(Instant now, PptpCall& call, engine::Actions& out);
  void after_call_removed(Instant now, engine::Actions& out);
  std::uint16_t allocate_call_id();
  PptpCall* find_by_peer_id(std::uint16_t peer_call_id);
  PptpCall* find_by_id(std::uint16_t call_id);
  // A message naming a call we do not have: a violation, unless the call was cleared a
  // moment ago (our CDN or CCRQ crossed the peer's message). `peer_id`: `id` is the
  // sender's Call ID (CCRQ, CDN), else ours.
  void call_refused(Instant now, PptpCall& c, ts::pptp::ControlMessageType reply, std::uint8_t result,
                    const std::string& extra, engine::Actions& out);
  // Under the close_on_unknown_call fault, also closes the control connection.
  void unknown_call(Instant now, const std::string& what, std::uint16_t id, engine::Actions& out,
                    bool peer_id = false);
  std::uint16_t announced_call_id(const PptpCall& call) const;
  GreDataChannelConfig gre_config(const PptpCall& call) const;

  Role role_;
  PptpRoleConfig config_;
  engine::RandomSource rng_;
  engine::TimerSet<Timer> timers_;
  machines::pptp::ControlState control_ = machines::pptp::ControlState::idle;
  std::optional<engine::ChannelId> ctl_;        // the control connection in use
  std::optional<engine::ChannelId> initiated_;  // the TCP connection we opened
  std::map<engine::ChannelId, Bytes> streams_;  // undelivered bytes per TCP channel
  bool gre_open_ = false;
  bool stopping_ = false;  // "stop" asked: StopCCRQ once the calls are cleared
  std::optional<ts::pptp::StartControlConnectionRequest> peer_info_;
  std::map<std::uint16_t, PptpCall> calls_;
  // Our Call IDs of calls already cleared: GRE still in flight for them is dropped quietly.
  std::set<std::uint16_t> cleared_ids_;
  std::set<std::uint16_t> cleared_peer_ids_;  // the peer's Call IDs of those calls
  std::uint16_t next_counter_id_ = 1;
  std::uint16_t next_serial_ = 1;
  std::uint32_t echo_id_ = 0;
  std::uint64_t echo_sent_ = 0;
  std::uint64_t calls_refused_ = 0;
};

using engine::append_action;

}  // namespace ts::endpoints::pptp
