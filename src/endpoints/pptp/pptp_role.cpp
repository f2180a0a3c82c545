#include "src/endpoints/pptp/pptp_role.h"

#include "dissectors/pptp/diagnostics.h"
#include "dissectors/pptp/names.h"
#include "src/endpoints/pptp/pptp_endpoint_diagnostics.h"

namespace ts::endpoints::pptp {

using machines::Direction;
using machines::pptp::ControlState;
using MT = ts::pptp::ControlMessageType;
namespace wire = ts::pptp;

namespace {

std::uint16_t type_of(const wire::Message& m) { return m.header.control_message_type; }

void violation(engine::Actions& out, const DiagnosticDef& def, std::string detail) {
  append_action(out, engine::Violation{&def, std::move(detail), false});
}

}  // namespace

PptpRole::PptpRole(Role role, PptpRoleConfig config)
    : role_(role),
      config_(std::move(config)),
      rng_(config_.seed),
      next_serial_(config_.first_call_serial) {}

PptpRole::~PptpRole() = default;

const PptpCall* PptpRole::call(std::uint16_t call_id) const {
  auto it = calls_.find(call_id);
  return it == calls_.end() ? nullptr : &it->second;
}

bool PptpRole::may_receive(MT type) const {
  // RFC 2637 §2.7-§2.15: OCRQ, ICRP, CCRQ and SLI are sent by the PNS only; OCRP, ICRQ,
  // ICCN, CDN and WEN by the PAC only.
  switch (type) {
    case MT::outgoing_call_request:
    case MT::incoming_call_reply:
    case MT::call_clear_request:
    case MT::set_link_info:
      return role_ == Role::pac;
    case MT::outgoing_call_reply:
    case MT::incoming_call_request:
    case MT::incoming_call_connected:
    case MT::call_disconnect_notify:
    case MT::wan_error_notify:
      return role_ == Role::pns;
    default:
      return true;
  }
}

engine::Actions PptpRole::handle(Instant now, const engine::Input& input) {
  engine::Actions out;
  if (const auto* c = std::get_if<engine::Command>(&input)) on_command(now, *c, out);
  if (const auto* o = std::get_if<engine::Opened>(&input)) on_opened(now, o->channel, out);
  if (const auto* c = std::get_if<engine::Closed>(&input)) on_closed(now, c->channel, out);
  if (const auto* r = std::get_if<engine::Received>(&input)) {
    if (r->channel == kGreChannel) {
      on_gre(now, r->data, out);
    } else {
      on_stream(now, r->channel, r->data, out);
    }
  }
  return out;
}

void PptpRole::on_command(Instant now, const engine::Command& c, engine::Actions& out) {
  if (c.name == "open") {
    if (!config_.connects || control_ != ControlState::idle || initiated_) return;
    initiated_ = kControlChannel;
    append_action(out, engine::OpenChannel{kControlChannel, engine::ChannelKind::tcp,
                                           config_.peer + ":" + std::to_string(wire::kTcpPort)});
  } else if (c.name == "call" && role_ == Role::pns) {
    place_outgoing(now, c, out);
  } else if (c.name == "incoming-call" && role_ == Role::pac) {
    place_incoming(now, c, out);
  } else if (c.name == "hangup") {
    hangup(now, c, out);
  } else if (c.name == "wan-error" && role_ == Role::pac) {
    wan_error(now, c, out);
  } else if (c.name == "stop") {
    begin_stop(now, kStopNone, out);
  }
}

void PptpRole::on_opened(Instant now, engine::ChannelId ch, engine::Actions& out) {
  if (ch == kGreChannel) return;
  if (initiated_ && ch == *initiated_) {
    if (control_ != ControlState::idle) return;
    ctl_ = ch;
    // RFC 2637 §3.1.1: when the TCP connection is open the originator sends SCCRQ.
    wire::StartControlConnectionRequest rq;
    rq.protocol_version = config_.protocol_version;
    rq.framing_capabilities = config_.framing_capabilities;
    rq.bearer_capabilities = config_.bearer_capabilities;
    // RFC 2637 §2.1: "In Start-Control-Connection-Requests issued by the PNS, this value
    // SHOULD be set to 0" (Maximum Channels is the PAC's number of sessions).
    rq.maximum_channels = (role_ == Role::pns && !config_.faults.pns_announces_channels)
                              ? std::uint16_t{0}
                              : config_.maximum_channels;
    rq.firmware_revision = config_.firmware_revision;
    rq.host_name = config_.host_name;
    rq.vendor_string = config_.vendor;
    send(now, rq, out);
    timers_.set(Timer::control_reply, now + config_.control_reply_timeout);
    return;
  }
  // A connection the peer opened: our control connection unless we have one (then it is
  // a collision or a second connection, decided when its SCCRQ arrives).
  streams_[ch];
  if (!ctl_ && !initiated_) {
    ctl_ = ch;
    // RFC 2637 §3.1.4 (1): the receiver waits 60 s for the SCCRQ.
    timers_.set(Timer::control_reply, now + config_.control_reply_timeout);
  }
}

void PptpRole::on_closed(Instant now, engine::ChannelId ch, engine::Actions& out) {
  streams_.erase(ch);
  if (ch == kGreChannel) {
    gre_open_ = false;
    return;
  }
  if (initiated_ && *initiated_ == ch) initiated_.reset();
  if (ctl_ && *ctl_ == ch) {
    ctl_.reset();
    teardown(now, "TCP closed", out);
  }
}

void PptpRole::on_stream(Instant now, engine::ChannelId ch, ByteView data, engine::Actions& out) {
  Bytes& buffer = streams_[ch];
  buffer.insert(buffer.end(), data.begin(), data.end());
  while (streams_.count(ch) != 0) {
    Bytes& buf = streams_[ch];
    const auto length = wire::stream_message_length(buf);
    if (!length) return;
    if (*length < wire::kHeaderSize) {
      // RFC 2637 §1.4: a Length below the header cannot be framed; the stream is lost.
      violation(out, diag::kStreamDesync, "Length " + std::to_string(*length));
      streams_.erase(ch);
      if (ctl_ && *ctl_ == ch) teardown(now, "stream out of sync", out);
      append_action(out, engine::CloseChannel{ch});
      return;
    }
    if (buf.size() < *length) return;
    Bytes one(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*length));
    buf.erase(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*length));
    on_message(now, ch, one, out);
  }
}

bool PptpRole::check_malformed(const Decoded<wire::Message>& d, engine::Actions& out) {
  for (const auto& diag : d.diags) {
    if (diag.def == &wire::diag::kBadMagic || diag.def == &wire::diag::kBadLength ||
        diag.def == &wire::diag::kBadMessageType) {
      violation(out, diag::kMalformed, std::string(diag.def->id) + ": " + diag.detail);
      return true;
    }
  }
  if (!d.complete) {
    violation(out, diag::kMalformed, "truncated at " + std::string(d.truncated_field));
    return true;
  }
  if (std::holds_alternative<wire::UnknownMessage>(d.value.body)) {
    violation(out, diag::kUnknownType,
              "Control Message Type " + std::to_string(d.value.header.control_message_type));
    return true;
  }
  return false;
}

void PptpRole::on_message(Instant now, engine::ChannelId ch, ByteView bytes, engine::Actions& out) {
  const auto decoded = wire::decode(bytes);
  if (check_malformed(decoded, out)) {
    if (config_.faults.keep_connection_on_malformed) return;  // fault injection (pptp_faults.h)
    // RFC 2637 §3: "Receipt of an invalid or malformed Control Connection message should
    // be logged appropriately, and the control connection should be closed".
    streams_.erase(ch);
    append_action(out, engine::CloseChannel{ch});
    if (ctl_ && *ctl_ == ch) {
      ctl_.reset();
      teardown(now, "malformed control message", out);
    }
    return;
  }
  on_control(now, ch, decoded.value, out);
}

void PptpRole::on_control(Instant now, engine::ChannelId ch, const wire::Message& m,
                          engine::Actions& out) {
  const auto type = static_cast<MT>(type_of(m));
  if (config_.faults.ignore_types.count(type_of(m)) != 0) return;  // fault injection (pptp_faults.h)
  if (const auto* rq = std::get_if<wire::StartControlConnectionRequest>(&m.body)) {
    on_sccrq(now, ch, *rq, out);
    return;
  }
  if (!ctl_ || ch != *ctl_) return;  // nothing but SCCRQ is read on a second connection
  if (!may_receive(type)) {
    violation(out, diag::kWrongRole, wire::summarize(m));
    return;
  }
  const auto step = machines::pptp::control_step(control_, Direction::received, type_of(m));
  if (!step.legal) {
    if (config_.faults.accept_before_established && control_ != ControlState::established &&
        type_of(m) >= static_cast<std::uint16_t>(MT::outgoing_call_request)) {
      on_call_message(now, m, out);  // fault injection (pptp_faults.h)
      return;
    }
    violation(out, diag::kIllegalControl,
              wire::summarize(m) + " in " + std::string(to_string(control_)));
    return;
  }
  if (type != MT::start_control_connection_reply) set_control(step.next, out);
  rearm_echo(now);
  if (const auto* rp = std::get_if<wire::StartControlConnectionReply>(&m.body)) {
    on_sccrp(now, *rp, out);
  } else if (const auto* e = std::get_if<wire::EchoRequest>(&m.body)) {
    // RFC 2637 §2.6: the Echo-Reply carries the request's Identifier, Result 1 (OK).
    send(now, wire::EchoReply{e->identifier, 1, 0, 0}, out);
  } else if (const auto* er = std::get_if<wire::EchoReply>(&m.body)) {
    if (er->identifier == echo_id_ || config_.faults.accept_any_echo_reply) timers_.cancel(Timer::echo_reply);
  } else if (std::holds_alternative<wire::StopControlConnectionRequest>(m.body)) {
    // RFC 2637 §3.1.1: on a StopCCRQ the peer SHOULD send a StopCCRP and close TCP.
    send(now, wire::StopControlConnectionReply{1, 0, 0}, out);
    append_action(out, engine::CloseChannel{*ctl_});
    streams_.erase(*ctl_);
    ctl_.reset();
    teardown(now, "stop requested by the peer", out);
  } else if (std::holds_alternative<wire::StopControlConnectionReply>(m.body)) {
    append_action(out, engine::CloseChannel{*ctl_});
    streams_.erase(*ctl_);
    ctl_.reset();
    teardown(now, "stopped", out);
  } else {
    on_call_message(now, m, out);
  }
}

// Which connection an SCCRQ arriving on `ch` belongs to when we opened one ourselves:
// false when it is to be ignored (we won a collision).
bool PptpRole::resolve_collision(engine::ChannelId ch, engine::Actions& out) {
  if (!initiated_ || ch == *initiated_) return true;
  if (control_ == ControlState::wait_ctl_reply) {
    // RFC 2637 §3.1.3: a collision; the higher address wins. The winner MUST NOT send any
    // messages on the connection the loser initiated.
    if (config_.own_address > config_.peer_address) return false;
    // The loser closes the connection it initiated without sending anything more on it,
    // and answers the winner's request.
    set_control(ControlState::idle, out);
  } else if (control_ != ControlState::idle) {
    return true;  // a second connection: refused by the caller
  }
  // (idle: our own connection is not up yet, no SCCRQ of ours crossed this one.)
  append_action(out, engine::CloseChannel{*initiated_});
  streams_.erase(*initiated_);
  initiated_.reset();
  ctl_ = ch;
  return true;
}

wire::StartControlConnectionReply PptpRole::make_sccrp(
    const wire::StartControlConnectionRequest& m) const {
  wire::StartControlConnectionReply rp;
  rp.protocol_version = config_.protocol_version;
  rp.framing_capabilities = config_.framing_capabilities;
  rp.bearer_capabilities = config_.bearer_capabilities;
  rp.maximum_channels = config_.maximum_channels;
  rp.firmware_revision = config_.firmware_revision;
  rp.host_name = config_.host_name;
  rp.vendor_string = config_.vendor;
  rp.result_code = 1;
  // RFC 2637 §2.2: Result Codes 2-5 refuse the channel; 5 when the version is unsupported
  // (only version 1 exists: a different major version is unsupported).
  if ((m.protocol_version >> 8) != (config_.protocol_version >> 8)) {
    rp.result_code = 5;
  } else if (config_.refuse_control != ControlRefusal::none) {
    rp.result_code = static_cast<std::uint8_t>(1 + static_cast<int>(config_.refuse_control));
    if (config_.refuse_control == ControlRefusal::general_error) rp.error_code = 6;  // PAC-Error
  }
  return rp;
}

void PptpRole::on_sccrq(Instant now, engine::ChannelId ch,
                        const wire::StartControlConnectionRequest& m, engine::Actions& out) {
  if (!resolve_collision(ch, out)) return;
  if (ctl_ && ch == *ctl_ && control_ != ControlState::idle) {
    violation(out, diag::kIllegalControl, "SCCRQ in " + std::string(to_string(control_)));
    return;
  }
  if (!ctl_ || ch != *ctl_) {
    // RFC 2637 §2.2 Result Code 3: "Command channel already exists".
    wire::StartControlConnectionReply rp;
    rp.result_code = 3;
    send(now, rp, out, ch);
    append_action(out, engine::CloseChannel{ch});
    streams_.erase(ch);
    return;
  }
  peer_info_ = m;
  const auto rp = make_sccrp(m);
  if (rp.result_code != 1) {
    // The receiver decides a negative reply and treats the connection as closed: the
    // connection never counts as established (control_machine.h).
    ctl_.reset();
    send(now, rp, out, ch);
    // RFC 2637 §3.1.2: the receiver refusing the request closes the TCP connection.
    if (!config_.faults.keep_connection_on_refusal) append_action(out, engine::CloseChannel{ch});
    streams_.erase(ch);
    teardown(now, "refused the peer", out);
    return;
  }
  send(now, rp, out);  // idle -> established (§3.1.2)
  establish(now, out);
}

void PptpRole::on_sccrp(Instant now, const wire::StartControlConnectionReply& m,
                        engine::Actions& out) {
  peer_info_ = wire::StartControlConnectionRequest{m.protocol_version,
                                                   0,
                                                   m.framing_capabilities,
                                                   m.bearer_capabilities,
                                                   m.maximum_channels,
                                                   m.firmware_revision,
                                                   m.host_name,
                                                   m.vendor_string};
  const bool version_ok = (m.protocol_version >> 8) == (config_.protocol_version >> 8);
  if (m.result_code != 1 && !config_.faults.ignore_sccrp_result) {
    violation(out, diag::kRefused,
              "SCCRP result " + std::to_string(m.result_code) + " (" +
                  wire::result_text(static_cast<std::uint16_t>(MT::start_control_connection_reply),
                                    m.result_code) +
                  ")");
    append_action(out, engine::CloseChannel{*ctl_});
    streams_.erase(*ctl_);
    ctl_.reset();
    teardown(now, "refused by the peer", out);
    return;
  }
  if (!version_ok) {
    // RFC 2637 §3.1.1: an unsupported version: a StopCCRQ SHOULD be sent.
    set_control(ControlState::established, out);
    send_stop_request(now, 2 /* Stop-Protocol */, out);
    return;
  }
  set_control(ControlState::established, out);
  establish(now, out);
}

void PptpRole::establish(Instant now, engine::Actions& out) {
  timers_.cancel(Timer::control_reply);
  rearm_echo(now);
  if (!gre_open_) {
    append_action(out, engine::OpenChannel{kGreChannel, engine::ChannelKind::gre, config_.peer});
    gre_open_ = true;
  }
}

void PptpRole::rearm_echo(Instant now) {
  // RFC 2637 §3.1.4 (2): an Echo-Request after echo_interval without a control message.
  if (control_ == ControlState::established)
    timers_.set(Timer::echo_idle, now + config_.echo_interval);
}

void PptpRole::begin_stop(Instant now, std::uint8_t reason, engine::Actions& out) {
  if (control_ == ControlState::wait_ctl_reply) {
    send_stop_request(now, reason, out);
    return;
  }
  if (control_ != ControlState::established) return;
  stopping_ = true;
  // RFC 2637 §2.3: the sender SHOULD clear all calls before the StopCCRQ.
  std::vector<std::uint16_t> ids;
  for (const auto& [id, c] : calls_) ids.push_back(id);
  for (auto id : ids) {
    if (auto* c = find_by_id(id)) clear_call(now, *c, 3, out);
  }
  // Clearing may already have sent the StopCCRQ (the PAC forgets calls at once).
  if (!stopping_) return;
  if (calls_.empty())
    send_stop_request(now, reason, out);
  else
    timers_.set(Timer::stop_reply, now + config_.stop_reply_timeout);
}

void PptpRole::send_stop_request(Instant now, std::uint8_t reason, engine::Actions& out) {
  stopping_ = false;
  send(now, wire::StopControlConnectionRequest{reason, 0, 0}, out);
  timers_.cancel(Timer::echo_idle);
  timers_.cancel(Timer::echo_reply);
  timers_.set(Timer::stop_reply, now + config_.stop_reply_timeout);
}

void PptpRole::teardown(Instant now, const std::string& why, engine::Actions& out) {
  for (auto& [id, c] : calls_) {
    if (c.link) link_output(now, c, c.link->down(now), out);
    append_action(out, engine::StateChange{c.name(), std::string(to_string(c.state)), "idle"});
  }
  calls_.clear();
  timers_ = {};
  stopping_ = false;
  if (gre_open_) {
    append_action(out, engine::CloseChannel{kGreChannel});
    gre_open_ = false;
  }
  if (control_ != ControlState::idle)
    append_action(out, engine::StateChange{"control", std::string(to_string(control_)),
                                           "idle (" + why + ")"});
  control_ = ControlState::idle;
}

void PptpRole::set_control(ControlState next, engine::Actions& out) {
  if (next == control_) return;
  append_action(out, engine::StateChange{"control", std::string(to_string(control_)),
                                         std::string(to_string(next))});
  control_ = next;
}

void PptpRole::send(Instant, const wire::Body& body, engine::Actions& out,
                    std::optional<engine::ChannelId> channel) {
  auto message = wire::make_message(body);
  if (config_.faults.nonzero_error_code) {  // fault injection (pptp_faults.h)
    std::visit(
        [](auto& b) {
          if constexpr (requires { b.result_code; b.error_code; })
            if (b.result_code != 2) b.error_code = 1;
        },
        message.body);
  }
  const auto ch = channel ? channel : ctl_;
  if (!ch) return;
  if (!channel || (ctl_ && *channel == *ctl_)) {
    const auto step = machines::pptp::control_step(control_, Direction::sent, type_of(message));
    if (step.legal) set_control(step.next, out);
  }
  Bytes bytes = wire::encode(message);
  if (config_.faults.nonzero_reserved0) bytes[11] = 1;  // fault injection (pptp_faults.h)
  append_action(out, engine::Send{*ch, std::move(bytes)});
}

}  // namespace ts::endpoints::pptp
