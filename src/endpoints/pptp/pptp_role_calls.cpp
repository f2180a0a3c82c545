// PptpRole's calls (RFC 2637 §2.7-§2.15, §3.2) and their GRE data channels (§4).
#include <algorithm>

#include <fmt/format.h>

#include "dissectors/pptp/names.h"
#include "src/endpoints/pptp/pptp_endpoint_diagnostics.h"
#include "src/endpoints/pptp/pptp_role.h"

namespace ts::endpoints::pptp {

using machines::Direction;
using machines::pptp::CallState;
using machines::pptp::ControlState;
using MT = ts::pptp::ControlMessageType;
namespace wire = ts::pptp;

namespace {

void violation(engine::Actions& out, const DiagnosticDef& def, std::string detail) {
  append_action(out, engine::Violation{&def, std::move(detail), false});
}

std::string arg(const engine::Command& c, const std::string& key, const std::string& fallback) {
  for (const auto& [k, v] : c.args)
    if (k == key) return v;
  return fallback;
}

}  // namespace

// The Call ID a reply announces for `call`: its own (unique, §3.2), or under the
// reuse_call_id fault another live call's.
std::uint16_t PptpRole::announced_call_id(const PptpCall& call) const {
  if (config_.faults.reuse_call_id)
    for (const auto& [id, other] : calls_)
      if (id != call.call_id) return id;
  return call.call_id;
}

std::uint16_t PptpRole::allocate_call_id() {
  for (;;) {
    const std::uint16_t id = config_.random_call_ids ? rng_.nonzero_u16() : next_counter_id_++;
    if (id != 0 && calls_.count(id) == 0 && cleared_ids_.count(id) == 0) return id;
  }
}

PptpCall* PptpRole::find_by_id(std::uint16_t call_id) {
  auto it = calls_.find(call_id);
  return it == calls_.end() ? nullptr : &it->second;
}

PptpCall* PptpRole::find_by_peer_id(std::uint16_t peer_call_id) {
  for (auto& [id, c] : calls_)
    if (c.peer_call_id == peer_call_id && c.peer_call_id != 0) return &c;
  return nullptr;
}

void PptpRole::unknown_call(Instant now, const std::string& what, std::uint16_t id,
                            engine::Actions& out, bool peer_id) {
  if ((peer_id ? cleared_peer_ids_ : cleared_ids_).count(id)) return;  // crossed our clearing
  violation(out, diag::kUnknownCallId, what + " names Call ID " + std::to_string(id));
  if (config_.faults.close_on_unknown_call && ctl_) {  // fault injection (pptp_faults.h)
    append_action(out, engine::CloseChannel{*ctl_});
    streams_.erase(*ctl_);
    ctl_.reset();
    teardown(now, "unknown Call ID", out);
  }
}

void PptpRole::call_step(PptpCall& call, Direction d, MT type, engine::Actions& out) {
  const auto step = machines::pptp::call_step(call.state, d, static_cast<std::uint16_t>(type));
  if (!step.legal) return;  // callers only step along the table; stay put otherwise
  if (step.next != call.state)
    append_action(out, engine::StateChange{call.name(), std::string(to_string(call.state)),
                                           std::string(to_string(step.next))});
  call.state = step.next;
}

GreDataChannelConfig PptpRole::gre_config(const PptpCall& call) const {
  GreDataChannelConfig g;
  g.call_id = call.call_id;
  g.peer_call_id = call.peer_call_id;
  g.peer_window = call.peer_window;
  g.receive_window = config_.receive_window;
  g.reorder = config_.reorder;
  g.queue_when_window_full = config_.queue_when_window_full;
  g.send_queue_limit = config_.send_queue_limit;
  g.adaptive = config_.adaptive_timeout;
  // RFC 2637 §4.4: RTT is seeded with the peer's Packet Processing Delay (1/10 s).
  g.initial_rtt = (config_.adaptive_timeout && call.peer_delay_tenths != 0)
                      ? Duration{std::chrono::milliseconds(100) * call.peer_delay_tenths}
                      : config_.initial_ack_timeout;
  g.min_timeout = config_.min_ack_timeout;
  g.max_timeout = config_.max_ack_timeout;
  g.ack_delay = config_.ack_delay;
  g.faults = config_.faults.gre;
  return g;
}

void PptpRole::connect_call(Instant now, PptpCall& call, engine::Actions& out) {
  call.reply_deadline.reset();
  call.gre.emplace(gre_config(call), now);
  if (!config_.link_factory) return;
  call.link = config_.link_factory(engine::SessionLinkContext{call.name(), rng_.next()});
  if (call.link) link_output(now, call, call.link->up(now), out);
}

void PptpRole::link_output(Instant now, PptpCall& call, engine::LinkOutput lo,
                           engine::Actions& out) {
  for (auto& note : lo.notes) {
    if (auto* sc = std::get_if<engine::StateChange>(&note))
      sc->entity = call.name() + " " + sc->entity;
    append_action(out, std::move(note));
  }
  if (call.gre && call.state == CallState::established) {
    for (const auto& frame : lo.frames) gre_output(now, call, call.gre->send(now, frame), out);
  }
}

// Sends the channel's packets, reports its violations and hands delivered frames to the
// call's link (whose answers may go out at once).
void PptpRole::gre_output(Instant now, PptpCall& call, GreOutput go, engine::Actions& out) {
  for (auto& v : go.violations) append_action(out, std::move(v));
  for (auto& p : go.packets) append_action(out, engine::Send{kGreChannel, std::move(p)});
  for (const auto& f : go.delivered) {
    if (!call.link) break;
    link_output(now, call, call.link->receive(now, f), out);
  }
}

// After the link ran: Set-Link-Info once its ACCMs are known (PNS), clearing when done.
void PptpRole::after_link(Instant now, PptpCall& call, engine::Actions& out) {
  if (!call.link || call.state != CallState::established) return;
  if (role_ == Role::pns && !call.link_info_sent) {
    if (const auto accm = call.link->accm()) {
      // RFC 2637 §2.15: the PNS sets the PAC's ACCMs once PPP negotiated them.
      send(now, wire::SetLinkInfo{call.peer_call_id, 0, accm->send, accm->receive}, out);
      call_step(call, Direction::sent, MT::set_link_info, out);
      call.link_info_sent = true;
    }
  }
  if (call.link->finished()) clear_call(now, call, kCdnAdminShutdown, out);
}

void PptpRole::place_outgoing(Instant now, const engine::Command& c, engine::Actions& out) {
  if (control_ != ControlState::established || stopping_) return;
  PptpCall call;
  call.call_id = allocate_call_id();
  call.serial = next_serial_++;
  call.outgoing = true;
  wire::OutgoingCallRequest rq;
  rq.call_id = call.call_id;
  rq.call_serial_number = call.serial;
  rq.minimum_bps = config_.minimum_bps;
  rq.maximum_bps = config_.maximum_bps;
  rq.bearer_type = 3;   // any
  rq.framing_type = 3;  // either
  rq.packet_recv_window_size = config_.receive_window;
  rq.packet_processing_delay = config_.processing_delay_tenths;
  rq.phone_number = arg(c, "number", config_.phone_number);
  rq.phone_number_length = static_cast<std::uint16_t>(rq.phone_number.size());
  auto& stored = calls_.emplace(call.call_id, std::move(call)).first->second;
  send(now, rq, out);
  call_step(stored, Direction::sent, MT::outgoing_call_request, out);
  stored.reply_deadline = now + config_.call_reply_timeout;
}

void PptpRole::place_incoming(Instant now, const engine::Command& c, engine::Actions& out) {
  if (control_ != ControlState::established || stopping_) return;
  PptpCall call;
  call.call_id = allocate_call_id();
  call.serial = next_serial_++;
  call.outgoing = false;
  wire::IncomingCallRequest rq;
  rq.call_id = call.call_id;
  rq.call_serial_number = call.serial;
  rq.call_bearer_type = 1;  // analog
  rq.physical_channel_id = call.call_id;
  rq.dialed_number = arg(c, "number", config_.phone_number);
  rq.dialing_number = arg(c, "from", config_.dialing_number);
  rq.dialed_number_length = static_cast<std::uint16_t>(rq.dialed_number.size());
  rq.dialing_number_length = static_cast<std::uint16_t>(rq.dialing_number.size());
  auto& stored = calls_.emplace(call.call_id, std::move(call)).first->second;
  send(now, rq, out);
  call_step(stored, Direction::sent, MT::incoming_call_request, out);
  stored.reply_deadline = now + config_.call_reply_timeout;
}

void PptpRole::on_call_message(Instant now, const wire::Message& m, engine::Actions& out) {
  if (const auto* x = std::get_if<wire::OutgoingCallRequest>(&m.body)) return on_ocrq(now, *x, out);
  if (const auto* x = std::get_if<wire::OutgoingCallReply>(&m.body)) return on_ocrp(now, *x, out);
  if (const auto* x = std::get_if<wire::IncomingCallRequest>(&m.body)) return on_icrq(now, *x, out);
  if (const auto* x = std::get_if<wire::IncomingCallReply>(&m.body)) return on_icrp(now, *x, out);
  if (const auto* x = std::get_if<wire::IncomingCallConnected>(&m.body))
    return on_iccn(now, *x, out);
  if (const auto* x = std::get_if<wire::CallClearRequest>(&m.body)) return on_ccrq(now, *x, out);
  if (const auto* x = std::get_if<wire::CallDisconnectNotify>(&m.body)) return on_cdn(now, *x, out);
  if (const auto* x = std::get_if<wire::SetLinkInfo>(&m.body)) {
    // RFC 2637 §2.15: Peer's Call ID is the PAC's Call ID.
    PptpCall* c = find_by_id(x->peer_call_id);
    if (!c) return unknown_call(now, "SLI", x->peer_call_id, out);
    c->peer_accm = engine::LinkAccm{x->send_accm, x->receive_accm};
    return;
  }
  if (const auto* x = std::get_if<wire::WanErrorNotify>(&m.body)) {
    // RFC 2637 §2.14: Peer's Call ID is the PNS's Call ID; the PNS only records it.
    PptpCall* c = find_by_id(x->peer_call_id);
    if (!c) return unknown_call(now, "WEN", x->peer_call_id, out);
    c->wan_errors += std::uint64_t{x->crc_errors} + x->framing_errors + x->hardware_overruns +
                     x->buffer_overruns + x->timeout_errors + x->alignment_errors;
  }
}

void PptpRole::on_ocrq(Instant now, const wire::OutgoingCallRequest& m, engine::Actions& out) {
  wire::OutgoingCallReply rp;
  rp.peer_call_id = m.call_id;
  rp.packet_recv_window_size = config_.receive_window;
  rp.packet_processing_delay = config_.processing_delay_tenths;
  // RFC 2637 §2.8 Result Codes: 3 No Carrier, 4 Busy, 5 No Dial Tone, 6 Time-out, 7 Do
  // Not Accept; 2 General Error with an Error Code (§2.16 4 No-Resource when full).
  if (config_.refuse_calls != CallRefusal::none) {
    rp.result_code = static_cast<std::uint8_t>(1 + static_cast<int>(config_.refuse_calls));
    if (rp.result_code == 2) rp.error_code = 6;  // PAC-Error
  } else if (calls_.size() >= config_.maximum_channels ||
             (config_.faults.honour_pns_maximum_channels && peer_info_ &&
              calls_.size() >= peer_info_->maximum_channels)) {  // fault injection
    rp.result_code = 2;
    rp.error_code = 4;  // No-Resource
  }
  if (rp.result_code != 0) {
    ++calls_refused_;
    send(now, rp, out);
    return;
  }
  PptpCall call;
  call.call_id = allocate_call_id();
  call.peer_call_id = m.call_id;
  call.serial = m.call_serial_number;
  call.outgoing = true;
  call.peer_window = m.packet_recv_window_size;
  call.peer_delay_tenths = m.packet_processing_delay;
  call.connect_speed = config_.connect_speed;
  auto& stored = calls_.emplace(call.call_id, std::move(call)).first->second;
  call_step(stored, Direction::received, MT::outgoing_call_request, out);
  rp.call_id = announced_call_id(stored);
  rp.result_code = 1;
  rp.connect_speed = config_.connect_speed;
  rp.physical_channel_id = stored.call_id;
  send(now, rp, out);
  call_step(stored, Direction::sent, MT::outgoing_call_reply, out);
  connect_call(now, stored, out);
  after_link(now, stored, out);
}

// A reply refusing our call request (§2.9, §2.11: Result Code other than 1): counted,
// reported with its meaning, and the call forgotten.
void PptpRole::call_refused(Instant now, PptpCall& c, MT reply, std::uint8_t result, const std::string& extra,
                            engine::Actions& out) {
  ++calls_refused_;
  const auto type = static_cast<std::uint16_t>(reply);
  violation(out, diag::kRefused,
            fmt::format("{} result {} ({}){}", reply == MT::outgoing_call_reply ? "OCRP" : "ICRP", result,
                        wire::result_text(type, result), extra));
  remove_call(now, c.call_id, out);
}

void PptpRole::on_ocrp(Instant now, const wire::OutgoingCallReply& m, engine::Actions& out) {
  PptpCall* c = find_by_id(m.peer_call_id);
  if (!c || c->state != CallState::wait_reply || !c->outgoing) {
    if (!c) return unknown_call(now, "OCRP", m.peer_call_id, out);
    violation(out, diag::kIllegalCall,
              "OCRP for " + c->name() + " in " + std::string(to_string(c->state)));
    return;
  }
  if (m.result_code != 1 && !config_.faults.ignore_call_refusal) {
    return call_refused(now, *c, MT::outgoing_call_reply, m.result_code,
                        " error " + std::to_string(m.error_code), out);
  }
  c->peer_call_id = m.call_id;
  c->peer_window = m.packet_recv_window_size;
  c->peer_delay_tenths = m.packet_processing_delay;
  c->connect_speed = m.connect_speed;
  call_step(*c, Direction::received, MT::outgoing_call_reply, out);
  connect_call(now, *c, out);
  after_link(now, *c, out);
}

void PptpRole::on_icrq(Instant now, const wire::IncomingCallRequest& m, engine::Actions& out) {
  wire::IncomingCallReply rp;
  rp.peer_call_id = m.call_id;
  rp.packet_recv_window_size = config_.receive_window;
  rp.packet_transmit_delay = config_.processing_delay_tenths;
  // RFC 2637 §2.10 Result Codes: 1 Connect, 2 General Error, 3 Do Not Accept.
  if (config_.refuse_calls != CallRefusal::none || calls_.size() >= config_.maximum_channels) {
    rp.result_code = config_.refuse_calls == CallRefusal::none ? 2 : 3;
    if (rp.result_code == 2) rp.error_code = 4;  // No-Resource
    ++calls_refused_;
    send(now, rp, out);
    return;
  }
  PptpCall call;
  call.call_id = allocate_call_id();
  call.peer_call_id = m.call_id;
  call.serial = m.call_serial_number;
  call.outgoing = false;
  auto& stored = calls_.emplace(call.call_id, std::move(call)).first->second;
  call_step(stored, Direction::received, MT::incoming_call_request, out);
  rp.call_id = announced_call_id(stored);
  rp.result_code = 1;
  send(now, rp, out);
  call_step(stored, Direction::sent, MT::incoming_call_reply, out);
  stored.reply_deadline = now + config_.call_reply_timeout;
}

void PptpRole::on_icrp(Instant now, const wire::IncomingCallReply& m, engine::Actions& out) {
  PptpCall* c = find_by_id(m.peer_call_id);
  if (!c) return unknown_call(now, "ICRP", m.peer_call_id, out);
  if (c->state != CallState::wait_reply || c->outgoing) {
    violation(out, diag::kIllegalCall,
              "ICRP for " + c->name() + " in " + std::string(to_string(c->state)));
    return;
  }
  if (m.result_code != 1 && !config_.faults.ignore_call_refusal)
    return call_refused(now, *c, MT::incoming_call_reply, m.result_code, "", out);
  c->peer_call_id = m.call_id;
  c->peer_window = m.packet_recv_window_size;
  c->peer_delay_tenths = m.packet_transmit_delay;
  c->connect_speed = config_.connect_speed;
  call_step(*c, Direction::received, MT::incoming_call_reply, out);
  // RFC 2637 §2.11: the PAC confirms with its window and delay.
  send(now,
       wire::IncomingCallConnected{c->peer_call_id, 0, config_.connect_speed,
                                   config_.receive_window, config_.processing_delay_tenths, 1},
       out);
  call_step(*c, Direction::sent, MT::incoming_call_connected, out);
  connect_call(now, *c, out);
  after_link(now, *c, out);
}

void PptpRole::on_iccn(Instant now, const wire::IncomingCallConnected& m, engine::Actions& out) {
  PptpCall* c = find_by_id(m.peer_call_id);
  if (!c) return unknown_call(now, "ICCN", m.peer_call_id, out);
  if (c->state != CallState::wait_connect) {
    violation(out, diag::kIllegalCall,
              "ICCN for " + c->name() + " in " + std::string(to_string(c->state)));
    return;
  }
  c->peer_window = m.packet_recv_window_size;
  c->peer_delay_tenths = m.packet_transmit_delay;
  c->connect_speed = m.connect_speed;
  call_step(*c, Direction::received, MT::incoming_call_connected, out);
  connect_call(now, *c, out);
  after_link(now, *c, out);
}

void PptpRole::on_ccrq(Instant now, const wire::CallClearRequest& m, engine::Actions& out) {
  // RFC 2637 §2.12: the Call ID is the PNS's, i.e. our Peer's Call ID.
  PptpCall* c = find_by_peer_id(m.call_id);
  if (!c) return unknown_call(now, "CCRQ", m.call_id, out, true);
  if (!config_.faults.keep_call_after_clear)  // fault injection (pptp_faults.h)
    call_step(*c, Direction::received, MT::call_clear_request, out);
  clear_call(now, *c, kCdnRequest, out);
}

void PptpRole::on_cdn(Instant now, const wire::CallDisconnectNotify& m, engine::Actions& out) {
  // RFC 2637 §2.13: the Call ID is the PAC's, i.e. our Peer's Call ID.
  PptpCall* c = find_by_peer_id(m.call_id);
  if (!c) return unknown_call(now, "CDN", m.call_id, out, true);
  if (config_.faults.keep_call_after_clear) return;  // fault injection (pptp_faults.h)
  call_step(*c, Direction::received, MT::call_disconnect_notify, out);
  remove_call(now, c->call_id, out);
}

// The side that owns clearing does it: the PNS asks (CCRQ) and waits for the CDN; the PAC
// disconnects (CDN) and forgets the call.
void PptpRole::clear_call(Instant now, PptpCall& call, std::uint8_t cdn_result,
                          engine::Actions& out) {
  if (role_ == Role::pns) {
    if (call.state == CallState::wait_disconnect) return;
    send(now, wire::CallClearRequest{call.call_id, 0}, out);
    call_step(call, Direction::sent, MT::call_clear_request, out);
    call.reply_deadline = now + config_.call_reply_timeout;
    return;
  }
  wire::CallDisconnectNotify cdn;
  cdn.call_id = call.call_id;
  cdn.result_code = cdn_result;
  if (cdn_result == kCdnGeneralError) cdn.error_code = 6;
  cdn.call_statistics = "tunnelscope";
  send(now, cdn, out);
  if (config_.faults.keep_call_after_clear) return;  // fault injection (pptp_faults.h)
  call_step(call, Direction::sent, MT::call_disconnect_notify, out);
  remove_call(now, call.call_id, out);
}

void PptpRole::remove_call(Instant now, std::uint16_t call_id, engine::Actions& out) {
  auto it = calls_.find(call_id);
  if (it == calls_.end()) return;
  PptpCall& c = it->second;
  // Bounded memory, and never more than half the id space kept out of reuse.
  if (cleared_ids_.size() >= 16384) cleared_ids_.clear();
  if (cleared_peer_ids_.size() >= 16384) cleared_peer_ids_.clear();
  cleared_ids_.insert(call_id);
  if (c.peer_call_id != 0) cleared_peer_ids_.insert(c.peer_call_id);
  if (c.link) link_output(now, c, c.link->down(now), out);
  if (c.state != CallState::idle)
    append_action(out, engine::StateChange{c.name(), std::string(to_string(c.state)), "idle"});
  calls_.erase(it);
  after_call_removed(now, out);
}

void PptpRole::after_call_removed(Instant now, engine::Actions& out) {
  if (!calls_.empty() || control_ != ControlState::established) return;
  if (stopping_) {
    send_stop_request(now, 1, out);
  } else if (config_.stop_after_last_call) {
    send_stop_request(now, 1, out);
  }
}

void PptpRole::hangup(Instant now, const engine::Command& c, engine::Actions& out) {
  const std::string which = arg(c, "call", "");
  std::vector<std::uint16_t> ids;
  for (const auto& [id, call] : calls_)
    if (which.empty() || which == "all" || which == std::to_string(id)) ids.push_back(id);
  const bool graceful = arg(c, "graceful", "") == "1";
  for (auto id : ids) {
    PptpCall* call = find_by_id(id);
    if (!call) continue;
    if (graceful && call->state == CallState::established && call->link && !call->link->finished()) {
      call->close_deadline = now + config_.call_reply_timeout;
      link_output(now, *call, call->link->close(now, "hangup"), out);
      after_link(now, *call, out);  // clears the call when the link is already done
      continue;
    }
    clear_call(now, *call, kCdnAdminShutdown, out);
  }
}

void PptpRole::wan_error(Instant now, const engine::Command& c, engine::Actions& out) {
  const std::string which = arg(c, "call", "");
  for (auto& [id, call] : calls_) {
    if (call.state != CallState::established) continue;
    if (!which.empty() && which != std::to_string(id)) continue;
    // RFC 2637 §2.14: WEN carries the PNS's Call ID and the error counters.
    wire::WanErrorNotify wen;
    wen.peer_call_id = call.peer_call_id;
    wen.crc_errors = 1;
    send(now, wen, out);
    call_step(call, Direction::sent, MT::wan_error_notify, out);
  }
}

void PptpRole::on_gre(Instant now, ByteView packet, engine::Actions& out) {
  const auto d = gre::decode(packet);
  const auto& h = d.value;
  // RFC 2637 §4.1: version 1, K set, Protocol Type 0x880B.
  const bool enhanced = h.version == 1 && h.key_present && h.protocol_type == gre::kProtocolPpp;
  if (!d.complete || (!enhanced && !config_.faults.accept_any_gre_header)) {
    violation(out, diag::kGreMalformed, gre::summarize(h));
    return;
  }
  PptpCall* c = find_by_id(h.call_id);
  if (!c && config_.faults.accept_any_gre_call_id && !calls_.empty())
    c = &calls_.begin()->second;  // fault injection (pptp_faults.h)
  if (!c || !c->gre) {
    // Packets that were in flight when we cleared the call are not the peer's fault.
    if (!c && cleared_ids_.count(h.call_id)) return;
    violation(out, diag::kGreUnknownCall, gre::summarize(h));
    return;
  }
  gre_output(now, *c, c->gre->on_receive(now, h), out);
  after_link(now, *c, out);
}

}  // namespace ts::endpoints::pptp
