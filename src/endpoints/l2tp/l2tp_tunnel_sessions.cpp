// L2tpTunnel, second half: sessions (RFC 2661 §5.2-§5.6, §6.6-§6.14, §7.4, §7.5) and the
// data channel. See l2tp_tunnel.h for the contract.
#include <algorithm>

#include <fmt/format.h>

#include "src/endpoints/l2tp/l2tp_endpoint_diagnostics.h"
#include "src/endpoints/l2tp/l2tp_tunnel.h"
#include "src/endpoints/l2tp/l2tp_tunnel_internal.h"

namespace ts::endpoints::l2tp {

using namespace tunnel_detail;
using machines::Direction;
using machines::l2tp::ControlState;
using machines::l2tp::SessionState;
using ts::l2tp::ResultCode;

namespace {
// CDN Result Codes (§4.4.2).
constexpr std::uint16_t kCdnGeneralError = 2;
constexpr std::uint16_t kCdnAdministrative = 3;
constexpr std::uint16_t kCdnTimeout = 10;  // "not established within time allotted by LAC"
constexpr std::uint16_t kErrorInvalidSession = 5;
constexpr std::uint16_t kErrorVendor = 6;
}  // namespace

std::uint16_t L2tpTunnel::new_session_id() {
  for (;;) {
    const std::uint16_t id = random_.nonzero_u16();  // §5.3: 0 MUST NOT be assigned
    if (!sessions_.count(id) && !cleared_sessions_.count(id)) return id;
  }
}

L2tpSession& L2tpTunnel::add_session(CallKind kind, std::uint16_t id) {
  auto [it, inserted] = sessions_.try_emplace(id, config_.role, kind, local_id_, id, config_);
  it->second.set_peer_tunnel_id(peer_id_);
  return it->second;
}

bool L2tpTunnel::accept_new_call(std::string& why) const {
  if (!config_.accept_calls) {
    why = "calls refused by configuration";
    return false;
  }
  if (config_.max_sessions != 0 && sessions_.size() >= config_.max_sessions) {
    why = fmt::format("session limit {} reached", config_.max_sessions);
    return false;
  }
  return true;
}

TunnelOutput L2tpTunnel::place_call(Instant now, const CallRequest& call) {
  Ctx c{now, {}};
  if (closing_ || finished_) return std::move(c.out);
  if (!established()) {
    pending_calls_.push_back(call);  // wait-tunnel (§7.4.1, §7.5.2)
    return std::move(c.out);
  }
  start_call(c, call);
  return std::move(c.out);
}

void L2tpTunnel::start_call(Ctx& c, const CallRequest& call) {
  const bool lac = config_.role == L2tpRole::lac;
  auto& s = add_session(lac ? CallKind::incoming : CallKind::outgoing, new_session_id());
  s.info().called_number = call.called_number;
  s.info().calling_number = call.calling_number;
  s.info().serial = next_serial_++;
  std::vector<Avp> avps;
  avps.push_back(hideable(ts::l2tp::make_avp_u16(u16(AvpType::assigned_session_id), s.local_id(), true)));
  avps.push_back(hideable(ts::l2tp::make_avp_u32(u16(AvpType::call_serial_number), s.info().serial, true)));
  if (lac) {  // §6.6 ICRQ
    avps.push_back(hideable(ts::l2tp::make_avp_bearer(AvpType::bearer_type, call.analog, !call.analog)));
    if (!call.called_number.empty())
      avps.push_back(hideable(ts::l2tp::make_avp_string(u16(AvpType::called_number), call.called_number, true)));
    if (!call.calling_number.empty())
      avps.push_back(hideable(ts::l2tp::make_avp_string(u16(AvpType::calling_number), call.calling_number, true)));
  } else {  // §6.9 OCRQ
    avps.push_back(hideable(ts::l2tp::make_avp_u32(u16(AvpType::minimum_bps), 9600, true)));
    avps.push_back(hideable(ts::l2tp::make_avp_u32(u16(AvpType::maximum_bps), config_.connect_speed, true)));
    avps.push_back(hideable(ts::l2tp::make_avp_bearer(AvpType::bearer_type, call.analog, !call.analog)));
    avps.push_back(hideable(ts::l2tp::make_avp_framing(AvpType::framing_type, false, true)));
    avps.push_back(hideable(ts::l2tp::make_avp_string(u16(AvpType::called_number), call.called_number, true)));
  }
  s.setup_deadline = c.now + config_.setup_timeout;
  send_session(c, s, u16(lac ? MessageType::icrq : MessageType::ocrq), std::move(avps));
}

void L2tpTunnel::send_session(Ctx& c, L2tpSession& s, std::uint16_t type, std::vector<Avp> avps) {
  send(c, type, s.peer_id(), std::move(avps));
  step_control(c, Direction::sent, type);
  const auto before = s.state();
  s.apply(Direction::sent, type);
  if (s.state() != before) state_note(c, s.entity(), to_string(before), to_string(s.state()));
}

void L2tpTunnel::session_message(Ctx& c, const Message& m, std::uint16_t type) {
  if (!step_control(c, Direction::received, type)) {
    // No tunnel yet (§7.4): a session message before the SCCCN is a control message "received
    // in an improper sequence", and §7.1 clears the control connection for it (StopCCN,
    // §4.4.2 result 7, Finite State Machine error).
    if (state_ != ControlState::idle && !config_.channel.faults.tolerate_improper_sequence)
      do_stop(c, ResultCode{7, std::nullopt, {}});
    return;
  }
  if (type == u16(MessageType::icrq)) return on_icrq(c, m);
  if (type == u16(MessageType::ocrq)) return on_ocrq(c, m);
  auto it = sessions_.find(m.header.session_id);
  if (it == sessions_.end() && m.header.session_id == 0) {
    // A reply before the peer learned our id is addressed by its Assigned Session ID AVP.
    const auto peer_sid = avp_u16(m, AvpType::assigned_session_id);
    it = std::find_if(sessions_.begin(), sessions_.end(),
                      [&](const auto& kv) { return peer_sid && kv.second.peer_id() == *peer_sid; });
  }
  if (it == sessions_.end()) {
    // §7.4/§7.5 idle rows: messages for a session already cleared are cleaned up quietly.
    if (cleared_sessions_.count(m.header.session_id)) return;
    violation(c, diag::kUnknownSession,
              fmt::format("{} for session {}", message_name(type), m.header.session_id));
    const auto peer_sid = avp_u16(m, AvpType::assigned_session_id);
    if (type != u16(MessageType::cdn) && peer_sid && *peer_sid != 0 &&
        !config_.channel.faults.silent_on_unknown_session) {
      // General Error 5 "The Session ID is invalid in this context" (§4.4.2).
      std::vector<Avp> avps;
      avps.push_back(ts::l2tp::make_avp_result_code(
          ResultCode{kCdnGeneralError, kErrorInvalidSession, "unknown session"}));
      avps.push_back(ts::l2tp::make_avp_u16(u16(AvpType::assigned_session_id), 0, true));
      send(c, u16(MessageType::cdn), *peer_sid, std::move(avps));
    }
    return;
  }
  L2tpSession& s = it->second;
  if (type == u16(MessageType::cdn)) return on_cdn(c, s, m);
  if (type == u16(MessageType::icrp) || type == u16(MessageType::ocrp)) return on_reply(c, s, m, type);
  if (type == u16(MessageType::iccn) || type == u16(MessageType::occn)) return on_connected(c, s, m, type);
  if (!session_received(c, s, type, false)) return;
  if (type == u16(MessageType::wen)) {
    ++s.info().wen_count;
  } else if (type == u16(MessageType::sli)) {
    if (const auto* a = m.find(u16(AvpType::accm))) {
      if (const auto accm = ts::l2tp::parse_accm(a->value())) {
        s.info().peer_send_accm = accm->send;
        s.info().peer_recv_accm = accm->recv;
      }
    }
  }
}

bool L2tpTunnel::session_received(Ctx& c, L2tpSession& s, std::uint16_t type, bool clear) {
  const auto before = s.state();
  if (s.apply(Direction::received, type).legal) return true;
  violation(c, diag::kIllegalSession,
            fmt::format("{} in {} state {}", message_name(type), s.entity(), to_string(before)));
  // §7.4, §7.5: "Send CDN, Clean up" for the messages that break a call's sequence.
  if (clear)
    clear_session(c, s, ResultCode{kCdnGeneralError, kErrorVendor, "unexpected " + message_name(type)},
                  "illegal message");
  return false;
}

L2tpSession* L2tpTunnel::answer_call_request(Ctx& c, const Message& m, std::uint16_t type) {
  const bool incoming = type == u16(MessageType::icrq);
  const auto peer_sid = avp_u16(m, AvpType::assigned_session_id);
  if (!peer_sid || (*peer_sid == 0 && !config_.channel.faults.accept_zero_ids)) {
    violation(c, diag::kZeroId, fmt::format("{} Assigned Session ID absent or 0", message_name(type)));
    return nullptr;
  }
  std::string why;
  if (config_.role != (incoming ? L2tpRole::lns : L2tpRole::lac))
    why = incoming ? "an LAC does not accept incoming calls" : "an LNS does not place outgoing calls";
  if (why.empty()) accept_new_call(why);
  const std::uint16_t id = new_session_id();
  auto& s = add_session(incoming ? CallKind::incoming : CallKind::outgoing, id);
  s.set_peer_id(*peer_sid);
  s.info().serial = avp_u32(m, AvpType::call_serial_number).value_or(0);
  s.info().called_number = avp_string(m, AvpType::called_number);
  s.info().calling_number = avp_string(m, AvpType::calling_number);
  s.apply(Direction::received, type);
  if (!why.empty()) {  // §7.4.2 / §7.5.1: "Receive ICRQ / OCRQ, not acceptable: Send CDN, Clean up"
    clear_session(c, s, ResultCode{config_.refuse_result, config_.refuse_error, why}, why);
    return nullptr;
  }
  s.setup_deadline = c.now + config_.setup_timeout;
  std::vector<Avp> avps;
  avps.push_back(hideable(ts::l2tp::make_avp_u16(u16(AvpType::assigned_session_id), id, true)));
  send_session(c, s, u16(incoming ? MessageType::icrp : MessageType::ocrp), std::move(avps));
  return &s;
}

void L2tpTunnel::refuse_call_request(Ctx& c, const Message& m, std::uint16_t type, const ResultCode& rc) {
  // §4.2: the session an ICRQ or OCRQ would open "MUST be terminated": no session of ours
  // exists yet, so the CDN names the peer's Assigned Session ID and carries ours as 0, like
  // the one refusing an unknown Session ID.
  if (type != u16(MessageType::icrq) && type != u16(MessageType::ocrq)) return;
  const auto peer_sid = avp_u16(m, AvpType::assigned_session_id);
  if (!peer_sid || *peer_sid == 0 || !established()) return;
  std::vector<Avp> avps;
  avps.push_back(ts::l2tp::make_avp_result_code(rc));
  avps.push_back(ts::l2tp::make_avp_u16(u16(AvpType::assigned_session_id), 0, true));
  send(c, u16(MessageType::cdn), *peer_sid, std::move(avps));
}

void L2tpTunnel::on_icrq(Ctx& c, const Message& m) { answer_call_request(c, m, u16(MessageType::icrq)); }

void L2tpTunnel::on_ocrq(Ctx& c, const Message& m) {
  // §7.5.1 wait-cs-answer: the call is placed; it answers after dial_delay.
  if (L2tpSession* s = answer_call_request(c, m, u16(MessageType::ocrq)))
    s->dial_deadline = c.now + config_.dial_delay;
}

void L2tpTunnel::on_reply(Ctx& c, L2tpSession& s, const Message& m, std::uint16_t type) {
  const auto before = s.state();
  if (!session_received(c, s, type, true)) return;
  const auto peer_sid = avp_u16(m, AvpType::assigned_session_id);
  if (!peer_sid || *peer_sid == 0) {
    violation(c, diag::kZeroId, fmt::format("{} Assigned Session ID absent or 0", message_name(type)));
    clear_session(c, s, std::nullopt, "no peer session id");
    return;
  }
  s.set_peer_id(*peer_sid);
  if (s.state() != before) state_note(c, s.entity(), to_string(before), to_string(s.state()));
  if (type == u16(MessageType::icrp)) send_connected(c, s, u16(MessageType::iccn));
}

void L2tpTunnel::send_connected(Ctx& c, L2tpSession& s, std::uint16_t type) {
  // §6.8 ICCN / §6.11 OCCN: Tx Connect Speed and Framing Type are required.
  std::vector<Avp> avps;
  avps.push_back(hideable(ts::l2tp::make_avp_u32(u16(AvpType::tx_connect_speed), config_.connect_speed, true)));
  avps.push_back(hideable(ts::l2tp::make_avp_framing(AvpType::framing_type, false, true)));
  avps.push_back(hideable(ts::l2tp::make_avp_u32(u16(AvpType::rx_connect_speed), config_.connect_speed, false)));
  if (type == u16(MessageType::iccn)) add_proxy_avps(avps);
  if (config_.sequencing == DataSequencing::required) {
    avps.push_back(ts::l2tp::make_avp(u16(AvpType::sequencing_required), {}, true));
    s.require_sequencing();
  }
  send_session(c, s, type, std::move(avps));
  s.info().tx_speed = config_.connect_speed;
  session_up(c, s);
}

void L2tpTunnel::add_proxy_avps(std::vector<Avp>& avps) const {
  // §4.4.5: all proxy AVPs are optional (M=0) and may be hidden.
  const ProxyPpp& p = config_.proxy;
  auto bytes = [&](AvpType t, const Bytes& v) {
    if (!v.empty()) avps.push_back(hideable(ts::l2tp::make_avp_bytes(u16(t), v, false)));
  };
  bytes(AvpType::initial_received_lcp_confreq, p.initial_received_lcp_confreq);
  bytes(AvpType::last_sent_lcp_confreq, p.last_sent_lcp_confreq);
  bytes(AvpType::last_received_lcp_confreq, p.last_received_lcp_confreq);
  if (p.authen_type == 0) return;
  avps.push_back(hideable(ts::l2tp::make_avp_u16(u16(AvpType::proxy_authen_type), p.authen_type, false)));
  if (!p.authen_name.empty())
    avps.push_back(hideable(ts::l2tp::make_avp_string(u16(AvpType::proxy_authen_name), p.authen_name, false)));
  bytes(AvpType::proxy_authen_challenge, p.authen_challenge);
  if (p.authen_id) avps.push_back(hideable(ts::l2tp::make_avp_proxy_authen_id(*p.authen_id)));
  bytes(AvpType::proxy_authen_response, p.authen_response);
}

void L2tpTunnel::on_connected(Ctx& c, L2tpSession& s, const Message& m, std::uint16_t type) {
  const auto before = s.state();
  if (!session_received(c, s, type, true)) return;
  state_note(c, s.entity(), to_string(before), to_string(s.state()));
  s.info().tx_speed = avp_u32(m, AvpType::tx_connect_speed).value_or(0);
  s.info().rx_speed = avp_u32(m, AvpType::rx_connect_speed).value_or(0);
  if (m.find(u16(AvpType::sequencing_required)) && !config_.channel.faults.ignore_sequencing_required) {
    s.info().sequencing_required = true;
    s.require_sequencing();  // §5.4: "sequence numbers MUST be present at all times"
  }
  // §4.4.5 proxy LCP and authentication AVPs: recorded; this LNS runs its own LCP and
  // authentication anyway (the RFC lets the LNS ignore the proxied negotiation).
  s.info().proxy_lcp = m.find(u16(AvpType::initial_received_lcp_confreq)) != nullptr;
  s.info().proxy_authen_type = avp_u16(m, AvpType::proxy_authen_type).value_or(0);
  s.info().proxy_authen_name = avp_string(m, AvpType::proxy_authen_name);
  session_up(c, s);
}

void L2tpTunnel::on_cdn(Ctx& c, L2tpSession& s, const Message& m) {
  const auto* rc = m.find(u16(AvpType::result_code));
  const auto result = rc ? ts::l2tp::parse_result_code(rc->value()) : std::nullopt;
  if (!s.established())
    engine::append_action(c.out.notes,
              engine::Violation{&diag::kCallRefused,
                                fmt::format("{}: CDN result {}{} in state {}", s.entity(),
                                            result ? result->result : 0,
                                            result && result->error ? fmt::format(" error {}", *result->error) : "",
                                            to_string(s.state())),
                                false});
  clear_session(c, s, std::nullopt, "CDN received");
}

void L2tpTunnel::clear_session(Ctx& c, L2tpSession& s, std::optional<ResultCode> cdn,
                               const std::string& why) {
  const std::uint16_t id = s.local_id();
  const auto before = s.state();
  if (cdn) {  // §6.12 CDN: Result Code and our Assigned Session ID
    std::vector<Avp> avps;
    avps.push_back(ts::l2tp::make_avp_result_code(*cdn));
    avps.push_back(hideable(ts::l2tp::make_avp_u16(u16(AvpType::assigned_session_id), id, true)));
    send(c, u16(MessageType::cdn), s.peer_id(), std::move(avps));
    step_control(c, Direction::sent, u16(MessageType::cdn));
  }
  if (auto link = s.detach_link()) link_output(c, s, link->down(c.now));
  if (before != SessionState::idle || cdn)
    state_note(c, s.entity(), to_string(before), fmt::format("idle ({})", why));
  cleared_sessions_.insert(id);
  sessions_.erase(id);
  // §5.6: "After the last session is cleared, the control connection MAY be torn down".
  if (sessions_.empty() && pending_calls_.empty() && config_.stop_when_idle && originator_ &&
      established() && !closing_)
    do_stop(c, ResultCode{1, std::nullopt, {}});
}

void L2tpTunnel::session_up(Ctx& c, L2tpSession& s) {
  s.setup_deadline.reset();
  ++calls_established_;
  if (!config_.link_factory) return;
  engine::SessionLinkContext ctx;
  ctx.label = s.entity();
  ctx.seed = random_.next();
  s.attach_link(config_.link_factory(ctx));
  if (auto* link = s.link()) link_output(c, s, link->up(c.now));
}

void L2tpTunnel::link_output(Ctx& c, L2tpSession& s, engine::LinkOutput&& out) {
  for (auto& n : out.notes) {
    if (auto* sc = std::get_if<engine::StateChange>(&n)) sc->entity = s.entity() + " " + sc->entity;
    if (auto* v = std::get_if<engine::Violation>(&n)) v->detail = s.entity() + ": " + v->detail;
    engine::append_action(c.out.notes, std::move(n));
  }
  if (!s.established()) return;  // a link being taken down sends nothing more
  for (const auto& f : out.frames) c.out.datagrams.push_back(s.build_data(f));
  // §6.14: the LNS tells the LAC the ACCMs PPP negotiated, once.
  const auto* link = s.link();
  if (link && config_.role == L2tpRole::lns && config_.send_sli && !s.sli_sent) {
    if (const auto accm = link->accm()) {
      s.sli_sent = true;
      std::vector<Avp> avps;
      avps.push_back(ts::l2tp::make_avp_accm(ts::l2tp::Accm{0, accm->send, accm->receive}));
      send_session(c, s, u16(MessageType::sli), std::move(avps));
    }
  }
}

void L2tpTunnel::data_message(Ctx& c, const Message& m) {
  auto it = sessions_.find(m.header.session_id);
  if (it == sessions_.end()) {
    if (!cleared_sessions_.count(m.header.session_id))
      violation(c, diag::kUnknownSession, fmt::format("data for session {}", m.header.session_id));
    return;
  }
  L2tpSession& s = it->second;
  if (!s.established()) return;  // data before ICCN/OCCN: nothing to hand it to yet
  if (config_.channel.faults.discard_data) return;  // self-tests only (l2tp_faults.h)
  const auto unsequenced_before = s.counters().unsequenced;
  const auto frame = s.accept_data(m);
  if (s.counters().unsequenced == 1 && unsequenced_before == 0)
    violation(c, diag::kDataUnsequenced, s.entity());
  if (!frame) return;
  auto* link = s.link();
  if (!link) return;
  link_output(c, s, link->receive(c.now, *frame));
  if (link->finished()) {
    auto found = sessions_.find(m.header.session_id);
    if (found != sessions_.end())
      clear_session(c, found->second, ResultCode{kCdnAdministrative, std::nullopt, "PPP link ended"},
                    "link finished");
  }
}

TunnelOutput L2tpTunnel::send_wen(Instant now, std::uint16_t session_id, const ts::l2tp::CallErrors& e) {
  Ctx c{now, {}};
  auto it = sessions_.find(session_id);
  if (it == sessions_.end() || !it->second.established() || closing_) return std::move(c.out);
  std::vector<Avp> avps;
  avps.push_back(ts::l2tp::make_avp_call_errors(e));
  send_session(c, it->second, u16(MessageType::wen), std::move(avps));
  return std::move(c.out);
}

TunnelOutput L2tpTunnel::hangup(Instant now, std::optional<std::uint16_t> session_id, ResultCode result,
                                bool graceful) {
  Ctx c{now, {}};
  if (closing_) return std::move(c.out);
  std::vector<std::uint16_t> ids;
  for (const auto& [id, s] : sessions_)
    if (!session_id || *session_id == id) ids.push_back(id);
  for (const auto id : ids) {
    auto it = sessions_.find(id);
    if (it == sessions_.end()) continue;
    L2tpSession& s = it->second;
    if (graceful && s.established() && s.link() && !s.link()->finished()) {
      s.close_deadline = now + config_.setup_timeout;
      link_output(c, s, s.link()->close(now, "hangup"));
      if (!s.link()->finished()) continue;
    }
    clear_session(c, s, result, "hangup");
  }
  return std::move(c.out);
}

void L2tpTunnel::session_timers(Ctx& c) {
  std::vector<std::uint16_t> ids;
  for (const auto& [id, s] : sessions_) ids.push_back(id);
  for (const auto id : ids) {
    auto it = sessions_.find(id);
    if (it == sessions_.end() || closing_) continue;
    L2tpSession& s = it->second;
    if (s.dial_deadline && c.now >= *s.dial_deadline) {  // §7.5.1 "Bearer answer"
      s.dial_deadline.reset();
      send_connected(c, s, u16(MessageType::occn));
    }
    if (s.close_deadline && c.now >= *s.close_deadline) {
      clear_session(c, s, ResultCode{kCdnAdministrative, std::nullopt, {}}, "hangup (link did not close)");
      continue;
    }
    if (s.setup_deadline && c.now >= *s.setup_deadline && !s.established()) {
      violation(c, diag::kSetupTimeout, fmt::format("{} not established in time", s.entity()));
      const std::uint16_t result = config_.role == L2tpRole::lac ? kCdnTimeout : kCdnAdministrative;
      clear_session(c, s, ResultCode{result, std::nullopt, "call setup timed out"}, "setup timeout");
      continue;
    }
    auto* link = s.link();
    if (!link) continue;
    if (const auto t = link->next_deadline(); t && c.now >= *t) link_output(c, s, link->on_deadline(c.now));
    if (link->finished())
      clear_session(c, s, ResultCode{kCdnAdministrative, std::nullopt, "PPP link ended"}, "link finished");
  }
}

}  // namespace ts::endpoints::l2tp
