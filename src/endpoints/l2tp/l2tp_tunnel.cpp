#include "src/endpoints/l2tp/l2tp_tunnel.h"

#include <algorithm>

#include <fmt/format.h>

#include "dissectors/l2tp/required_avps.h"
#include "src/core/name_table.h"
#include "src/endpoints/l2tp/l2tp_endpoint_diagnostics.h"
#include "src/endpoints/l2tp/l2tp_tunnel_internal.h"

namespace ts::endpoints::l2tp {

using namespace tunnel_detail;
using machines::Direction;
using machines::l2tp::ControlState;
using ts::l2tp::ResultCode;

namespace tunnel_detail {

std::string message_name(std::uint16_t type) {
  for (const auto& n : ts::l2tp::message_type_names())
    if (n.code == type) return std::string(n.abbrev);
  return fmt::format("type {}", type);
}
std::optional<std::uint16_t> avp_u16(const ts::l2tp::Message& m, AvpType t) {
  const auto* a = m.find(to_u16(t));
  return a && a->value_known() ? ts::l2tp::parse_u16(a->value()) : std::nullopt;
}
std::optional<std::uint32_t> avp_u32(const ts::l2tp::Message& m, AvpType t) {
  const auto* a = m.find(to_u16(t));
  return a && a->value_known() ? ts::l2tp::parse_u32(a->value()) : std::nullopt;
}
std::string avp_string(const ts::l2tp::Message& m, AvpType t) {
  const auto* a = m.find(to_u16(t));
  if (!a || !a->value_known()) return {};
  const auto v = a->value();
  return std::string(v.begin(), v.end());
}
}  // namespace tunnel_detail

namespace {
constexpr std::uint8_t kSccrpId = 2;        // §4.4.3: ID = Message Type of the response's carrier
constexpr std::uint8_t kScccnId = 3;
bool is_session_message(std::uint16_t t) {
  return t >= u16(MessageType::ocrq) && t <= u16(MessageType::sli) && t != 13;
}
}  // namespace

L2tpTunnel::L2tpTunnel(const L2tpConfig& config, std::uint16_t local_id, bool originator,
                       engine::RandomSource random)
    : config_(config),
      local_id_(local_id),
      originator_(originator),
      random_(random),
      channel_(config.channel) {}

std::string L2tpTunnel::entity() const { return fmt::format("tunnel {}", local_id_); }

void L2tpTunnel::violation(Ctx& c, const DiagnosticDef& def, std::string detail) {
  engine::append_action(c.out.notes, engine::Violation{&def, fmt::format("{}: {}", entity(), detail), false});
}

void L2tpTunnel::state_note(Ctx& c, std::string ent, std::string_view from, std::string_view to) {
  engine::append_action(c.out.notes, engine::StateChange{std::move(ent), std::string(from), std::string(to)});
}

ts::l2tp::Avp L2tpTunnel::hideable(Avp avp) const {
  const auto* info = ts::l2tp::find_avp_info(0, avp.attribute_type);
  // §4.3: hiding needs the shared secret; only AVPs whose clause allows H=1.
  avp.hidden = config_.hide_avps && !config_.secret.empty() && info && info->may_hide;
  return avp;
}

void L2tpTunnel::send(Ctx& c, std::uint16_t type, std::uint16_t session_peer_id,
                      std::vector<Avp> avps) {
  Message m;
  m.header.tunnel_id = config_.channel.faults.header_tunnel_id_zero ? 0 : peer_id_;
  m.header.session_id = session_peer_id;
  m.message_type = type;
  m.avps.push_back(ts::l2tp::make_avp_message_type(type));
  for (auto& a : avps) m.avps.push_back(std::move(a));
  if (const auto omit = config_.channel.faults.omit_avp; omit != 0)  // self-tests only
    std::erase_if(m.avps, [omit](const Avp& a) { return a.vendor_id == 0 && a.attribute_type == omit; });
  Bytes vector;
  ts::l2tp::EncodeOptions options;
  options.secret = config_.secret;
  if (std::any_of(m.avps.begin(), m.avps.end(), [](const Avp& a) { return a.hidden; })) {
    vector = random_.bytes(16);  // §4.3: a fresh Random Vector per message that hides
    options.random_vector = vector;
  }
  absorb(c, channel_.send(c.now, m, options));
}

void L2tpTunnel::absorb(Ctx& c, ChannelOutput&& out) {
  for (auto& d : out.datagrams) c.out.datagrams.push_back(std::move(d));
  for (auto& v : out.violations) {
    v.detail = fmt::format("{}: {}", entity(), v.detail);
    engine::append_action(c.out.notes, std::move(v));
  }
  bool dead = false;
  for (const auto& e : out.events)
    if (std::holds_alternative<event::TunnelDead>(e)) dead = true;
  for (const auto& d : out.delivered) {
    if (finished_) break;
    control_message(c, d);
  }
  if (dead && !finished_) {
    // §5.8: the tunnel and all its sessions MUST be cleared; nobody is left to tell.
    if (end_ != TunnelEnd::stop_sent) violation(c, diag::kTunnelDead, "peer stopped acknowledging");
    end_ = end_ == TunnelEnd::stop_sent ? end_ : TunnelEnd::dead;
    clear_everything(c, "tunnel dead");
  }
}

bool L2tpTunnel::step_control(Ctx& c, Direction d, std::uint16_t type) {
  const auto s = machines::l2tp::control_step(state_, d, type);
  if (!s.legal) {
    if (d == Direction::received)
      violation(c, diag::kIllegalControl,
                fmt::format("{} in state {} ({})", message_name(type), to_string(state_), s.clause));
    return false;
  }
  if (s.next != state_) state_note(c, entity(), to_string(state_), to_string(s.next));
  state_ = s.next;
  return true;
}

TunnelOutput L2tpTunnel::open(Instant now) {
  Ctx c{now, {}};
  std::vector<Avp> avps;
  avps.push_back(ts::l2tp::make_avp_protocol_version());
  avps.push_back(hideable(ts::l2tp::make_avp_framing(AvpType::framing_capabilities,
                                                     config_.framing_async, config_.framing_sync)));
  avps.push_back(hideable(ts::l2tp::make_avp_bearer(AvpType::bearer_capabilities,
                                                    config_.bearer_analog, config_.bearer_digital)));
  if (config_.tie_breaker) {
    tie_breaker_ = random_.next();
    avps.push_back(ts::l2tp::make_avp_u64(u16(AvpType::tie_breaker), *tie_breaker_, false));
  }
  avps.push_back(hideable(ts::l2tp::make_avp_u16(u16(AvpType::firmware_revision),
                                                 config_.firmware_revision, false)));
  avps.push_back(ts::l2tp::make_avp_string(u16(AvpType::host_name), config_.host_name, true));
  avps.push_back(hideable(ts::l2tp::make_avp_string(u16(AvpType::vendor_name), config_.vendor_name, false)));
  avps.push_back(ts::l2tp::make_avp_u16(u16(AvpType::assigned_tunnel_id), local_id_, true));
  avps.push_back(ts::l2tp::make_avp_u16(u16(AvpType::receive_window_size),
                                        channel_.config().receive_window, true));
  add_challenge_avps(avps, nullptr, 0);
  send(c, u16(MessageType::sccrq), 0, std::move(avps));
  step_control(c, Direction::sent, u16(MessageType::sccrq));
  setup_deadline_ = now + config_.setup_timeout;
  return std::move(c.out);
}

TunnelOutput L2tpTunnel::on_datagram(Instant now, ByteView datagram) {
  Ctx c{now, {}};
  if (finished_ || datagram.empty()) return std::move(c.out);
  if (established() && !closing_ && config_.hello_interval > Duration::zero())
    hello_deadline_ = now + config_.hello_interval;  // §5.5: any message from the peer
  if ((datagram[0] & 0x80) != 0) {
    absorb(c, channel_.on_receive(now, datagram));
  } else {
    const auto d = ts::l2tp::decode(datagram, decode_options());
    if (d.complete) data_message(c, d.value);
  }
  if (closing_ && end_ == TunnelEnd::stop_sent && channel_.unacknowledged() == 0 &&
      channel_.waiting() == 0)
    finished_ = true;  // §5.7: our StopCCN was acknowledged
  return std::move(c.out);
}

ts::l2tp::DecodeOptions L2tpTunnel::decode_options() const {
  // §4.3: hidden AVPs are unhidden with the shared secret (never, with the self-test fault).
  const bool unhide = !config_.secret.empty() && !config_.channel.faults.no_unhiding;
  return ts::l2tp::DecodeOptions{config_.secret, unhide};
}

void L2tpTunnel::control_message(Ctx& c, ByteView datagram) {
  const auto d = ts::l2tp::decode(datagram, decode_options());
  const Message& m = d.value;
  if (!d.complete || !m.message_type) {
    // §7.1: a malformed header is discarded (the channel already counted its Ns).
    violation(c, diag::kUndecodable, d.complete ? "no Message Type AVP" : "truncated");
    return;
  }
  const std::uint16_t type = *m.message_type;
  if (closing_) return;  // §5.7: only acknowledgements after a StopCCN
  // §4.2: an unknown AVP with the M bit set is catastrophic to its session or tunnel.
  const auto& faults = config_.channel.faults;  // self-tests only
  for (const auto& a : m.avps) {
    const bool fatal = faults.ignore_unknown_mandatory ? false : a.mandatory || faults.reject_unknown_optional;
    if (fatal && ts::l2tp::find_avp_info(a.vendor_id, a.attribute_type) == nullptr) {
      const std::string which = fmt::format("vendor {} attribute {}", a.vendor_id, a.attribute_type);
      violation(c, diag::kMandatoryUnknown, fmt::format("{} in {}", which, message_name(type)));
      const ResultCode rc{2, 8, which};
      if (is_session_message(type)) {
        auto it = sessions_.find(m.header.session_id);
        if (it != sessions_.end()) {
          learn_peer_session(it->second, m);
          clear_session(c, it->second, rc, "unknown mandatory AVP");
        } else {
          refuse_call_request(c, m, type, rc);
        }
        return;
      }
      learn_peer_tunnel(m, type);
      do_stop(c, rc);
      return;
    }
  }
  if (!is_session_message(type) && type != u16(MessageType::sccrq) &&
      type != u16(MessageType::sccrp) && type != u16(MessageType::scccn) &&
      type != u16(MessageType::stopccn) && type != u16(MessageType::hello)) {
    const auto* mt = m.find(u16(AvpType::message_type));
    if (mt && mt->mandatory) {  // §4.4.1, §7.1: invalid message: clear the tunnel
      violation(c, diag::kUnknownMessage, fmt::format("message type {}", type));
      do_stop(c, ResultCode{2, 3, fmt::format("unknown message type {}", type)});
    }
    return;  // M=0: ignored
  }
  for (const auto& dg : ts::l2tp::check_required_avps(m)) {
    if (dg.def->kind != DiagKind::violation || config_.channel.faults.ignore_missing_avps) continue;
    violation(c, diag::kMissingAvp, fmt::format("{}: {}", message_name(type), dg.detail));
    const ResultCode rc{2, 6, fmt::format("{} lacks a required AVP", message_name(type))};
    if (is_session_message(type)) {
      auto it = sessions_.find(m.header.session_id);
      if (it != sessions_.end()) {
        learn_peer_session(it->second, m);
        clear_session(c, it->second, rc, "required AVP missing");
      }
    } else if (type != u16(MessageType::stopccn) && type != u16(MessageType::hello)) {
      learn_peer_tunnel(m, type);
      do_stop(c, rc);
    }
    return;
  }
  switch (static_cast<MessageType>(type)) {
    case MessageType::sccrq: return on_sccrq(c, m);
    case MessageType::sccrp: return on_sccrp(c, m);
    case MessageType::scccn: return on_scccn(c, m);
    case MessageType::stopccn: return on_stopccn(c, m);
    case MessageType::hello: step_control(c, Direction::received, type); return;
    default: return session_message(c, m, type);
  }
}

void L2tpTunnel::learn_peer_tunnel(const Message& m, std::uint16_t type) {
  // An SCCRQ/SCCRP rejected before it is accepted still names the peer's tunnel: the StopCCN
  // goes there, not to Tunnel ID 0, so that the peer can match it (§5.3, §5.7).
  if (peer_id_ != 0 || (type != u16(MessageType::sccrq) && type != u16(MessageType::sccrp))) return;
  if (const auto tid = avp_u16(m, AvpType::assigned_tunnel_id); tid && *tid != 0) {
    peer_id_ = *tid;
    channel_.set_peer_tunnel_id(peer_id_);
  }
}

void L2tpTunnel::learn_peer_session(L2tpSession& s, const Message& m) {
  // Likewise an ICRP/OCRP rejected before it is accepted: the CDN goes to the peer's
  // Assigned Session ID it carries, not to Session ID 0 (§5.3, §6.12).
  if (s.peer_id() != 0) return;
  if (const auto sid = avp_u16(m, AvpType::assigned_session_id); sid && *sid != 0) s.set_peer_id(*sid);
}

bool L2tpTunnel::check_peer_basics(Ctx& c, const Message& m) {
  const auto tid = avp_u16(m, AvpType::assigned_tunnel_id);
  if (!tid || (*tid == 0 && !config_.channel.faults.accept_zero_ids)) {
    violation(c, diag::kZeroId, "Assigned Tunnel ID absent or 0");
    do_stop(c, ResultCode{2, 3, "Assigned Tunnel ID 0"});
    return false;
  }
  peer_id_ = *tid;
  channel_.set_peer_tunnel_id(peer_id_);
  const auto* pv = m.find(u16(AvpType::protocol_version));
  const auto version = pv ? ts::l2tp::parse_protocol_version(pv->value()) : std::nullopt;
  const bool version_ok = version && version->ver == 1 && version->rev == 0;
  if (!version_ok && !config_.channel.faults.accept_any_version) {
    violation(c, diag::kVersionUnsupported, "Protocol Version is not 1.0");
    // §4.4.2 StopCCN result 5: the Error Code carries the highest version we support.
    do_stop(c, ResultCode{5, 0x0100, {}});
    return false;
  }
  peer_host_name_ = avp_string(m, AvpType::host_name);
  if (const auto rws = avp_u16(m, AvpType::receive_window_size)) {
    // §5.8: a window of 0 is invalid; the channel keeps its default of 4.
    if (!channel_.set_peer_receive_window(*rws))
      violation(c, diag::kZeroId, "Receive Window Size 0");
  }
  if (m.find(u16(AvpType::challenge)) && config_.secret.empty()) {
    violation(c, diag::kAuthUnanswerable, "cannot answer the Challenge");
    do_stop(c, ResultCode{4, std::nullopt, {}});
    return false;
  }
  return true;
}

void L2tpTunnel::on_sccrq(Ctx& c, const Message& m) {
  if (!step_control(c, Direction::received, u16(MessageType::sccrq))) {
    // §7.1: an improper sequence clears the control connection; §4.4.2 result 7: Finite
    // State Machine error.
    if (!config_.channel.faults.tolerate_improper_sequence) do_stop(c, ResultCode{7, std::nullopt, {}});
    return;
  }
  if (!check_peer_basics(c, m)) return;
  setup_deadline_ = c.now + config_.setup_timeout;
  std::vector<Avp> avps;
  avps.push_back(ts::l2tp::make_avp_protocol_version());
  avps.push_back(hideable(ts::l2tp::make_avp_framing(AvpType::framing_capabilities,
                                                     config_.framing_async, config_.framing_sync)));
  avps.push_back(hideable(ts::l2tp::make_avp_bearer(AvpType::bearer_capabilities,
                                                    config_.bearer_analog, config_.bearer_digital)));
  avps.push_back(hideable(ts::l2tp::make_avp_u16(u16(AvpType::firmware_revision),
                                                 config_.firmware_revision, false)));
  avps.push_back(ts::l2tp::make_avp_string(u16(AvpType::host_name), config_.host_name, true));
  avps.push_back(hideable(ts::l2tp::make_avp_string(u16(AvpType::vendor_name), config_.vendor_name, false)));
  avps.push_back(ts::l2tp::make_avp_u16(u16(AvpType::assigned_tunnel_id), local_id_, true));
  avps.push_back(ts::l2tp::make_avp_u16(u16(AvpType::receive_window_size),
                                        channel_.config().receive_window, true));
  add_challenge_avps(avps, &m, kSccrpId);
  send(c, u16(MessageType::sccrp), 0, std::move(avps));
  step_control(c, Direction::sent, u16(MessageType::sccrp));
}

void L2tpTunnel::on_sccrp(Ctx& c, const Message& m) {
  if (!step_control(c, Direction::received, u16(MessageType::sccrp))) {
    if (!config_.channel.faults.tolerate_improper_sequence) do_stop(c, ResultCode{7, std::nullopt, {}});
    return;
  }
  if (!check_peer_basics(c, m) || !check_challenge_response(c, m, kSccrpId)) return;
  std::vector<Avp> avps;
  add_challenge_avps(avps, &m, kScccnId);
  send(c, u16(MessageType::scccn), 0, std::move(avps));
  step_control(c, Direction::sent, u16(MessageType::scccn));
  become_established(c);
}

void L2tpTunnel::on_scccn(Ctx& c, const Message& m) {
  if (state_ != ControlState::wait_ctl_conn) {
    step_control(c, Direction::received, u16(MessageType::scccn));  // reports the fault
    if (!config_.channel.faults.tolerate_improper_sequence) do_stop(c, ResultCode{7, std::nullopt, {}});
    return;
  }
  if (!check_challenge_response(c, m, kScccnId)) return;
  step_control(c, Direction::received, u16(MessageType::scccn));
  become_established(c);
}

void L2tpTunnel::become_established(Ctx& c) {
  setup_deadline_.reset();
  ever_established_ = true;
  if (config_.hello_interval > Duration::zero()) hello_deadline_ = c.now + config_.hello_interval;
  while (!pending_calls_.empty() && !closing_) {
    const CallRequest call = pending_calls_.front();
    pending_calls_.pop_front();
    start_call(c, call);
  }
}

void L2tpTunnel::on_stopccn(Ctx& c, const Message& m) {
  if (config_.channel.faults.keep_tunnel_after_stopccn) return;  // self-tests only: acknowledged, ignored
  step_control(c, Direction::received, u16(MessageType::stopccn));
  const auto* rc = m.find(u16(AvpType::result_code));
  stop_result_ = rc ? ts::l2tp::parse_result_code(rc->value()) : std::nullopt;
  if (stop_result_ && stop_result_->result != 1 && stop_result_->result != 6)
    engine::append_action(c.out.notes,
              engine::Violation{&diag::kStopReceived,
                                fmt::format("{}: StopCCN result {}{}", entity(), stop_result_->result,
                                            stop_result_->error ? fmt::format(" error {}", *stop_result_->error) : ""),
                                false});
  // §5.7: clean up, but keep the state a full retransmission cycle to re-acknowledge.
  for (auto& [id, s] : sessions_) {
    if (auto* link = s.link()) {
      auto out = link->down(c.now);
      link_output(c, s, std::move(out));
    }
    cleared_sessions_.insert(id);
  }
  sessions_.clear();
  pending_calls_.clear();
  // Our own unacknowledged messages (a CDN that crossed the StopCCN ...) need not reach a
  // peer that is clearing the tunnel; retransmitting them would only hit a dead tunnel.
  channel_.abandon_outgoing();
  closing_ = true;
  end_ = TunnelEnd::stop_received;
  setup_deadline_.reset();
  hello_deadline_.reset();
  const Duration hold =
      config_.stop_hold > Duration::zero() ? config_.stop_hold : channel_.full_retransmission_cycle();
  hold_until_ = c.now + hold;
}

TunnelOutput L2tpTunnel::stop(Instant now, ResultCode result) {
  Ctx c{now, {}};
  do_stop(c, std::move(result));
  return std::move(c.out);
}

void L2tpTunnel::do_stop(Ctx& c, ResultCode result) {
  if (closing_ || finished_) return;
  // §5.7: one StopCCN clears every session; no CDN needed.
  for (auto& [id, s] : sessions_) {
    if (auto* link = s.link()) link_output(c, s, link->down(c.now));
    state_note(c, s.entity(), to_string(s.state()), "idle");
    cleared_sessions_.insert(id);
  }
  sessions_.clear();
  pending_calls_.clear();
  if (const auto r = config_.channel.faults.stop_result_override; r != 0) result = ResultCode{r, std::nullopt, {}};
  stop_result_ = result;
  std::vector<Avp> avps;
  avps.push_back(ts::l2tp::make_avp_u16(u16(AvpType::assigned_tunnel_id), local_id_, true));
  avps.push_back(ts::l2tp::make_avp_result_code(result));
  closing_ = true;
  end_ = TunnelEnd::stop_sent;
  setup_deadline_.reset();
  hello_deadline_.reset();
  send(c, u16(MessageType::stopccn), 0, std::move(avps));
  step_control(c, Direction::sent, u16(MessageType::stopccn));
}

TunnelOutput L2tpTunnel::discard(Instant now, TunnelEnd why) {
  Ctx c{now, {}};
  end_ = why;
  clear_everything(c, "discarded");
  return std::move(c.out);
}

void L2tpTunnel::clear_everything(Ctx& c, const std::string& why) {
  for (auto& [id, s] : sessions_) {
    if (auto* link = s.link()) link_output(c, s, link->down(c.now));
    state_note(c, s.entity(), to_string(s.state()), "idle");
    cleared_sessions_.insert(id);
  }
  sessions_.clear();
  pending_calls_.clear();
  if (state_ != ControlState::idle) state_note(c, entity(), to_string(state_), "idle (" + why + ")");
  state_ = ControlState::idle;
  finished_ = true;
}

TunnelOutput L2tpTunnel::on_deadline(Instant now) {
  Ctx c{now, {}};
  if (finished_) return std::move(c.out);
  absorb(c, channel_.on_deadline(now));
  if (finished_) return std::move(c.out);
  if (hold_until_ && now >= *hold_until_) {
    finished_ = true;
    return std::move(c.out);
  }
  if (setup_deadline_ && now >= *setup_deadline_ && !established() && !closing_) {
    violation(c, diag::kSetupTimeout, "control connection not established in time");
    do_stop(c, ResultCode{2, 6, "control connection establishment timed out"});
    end_ = TunnelEnd::setup_timeout;
  }
  if (hello_deadline_ && now >= *hello_deadline_ && established() && !closing_) {
    // §5.5, §6.5: Hello after a period without any message from the peer.
    send(c, u16(MessageType::hello), 0, {});
    step_control(c, Direction::sent, u16(MessageType::hello));
    ++hellos_sent_;
    hello_deadline_ = now + config_.hello_interval;
  }
  if (!closing_) session_timers(c);
  if (closing_ && end_ != TunnelEnd::stop_received && channel_.unacknowledged() == 0 &&
      channel_.waiting() == 0)
    finished_ = true;
  return std::move(c.out);
}

std::optional<Instant> L2tpTunnel::next_deadline() const {
  if (finished_) return std::nullopt;
  std::optional<Instant> best = channel_.next_deadline();
  auto consider = [&best](std::optional<Instant> t) {
    if (t && (!best || *t < *best)) best = t;
  };
  consider(hold_until_);
  if (!closing_) {
    consider(setup_deadline_);
    if (established()) consider(hello_deadline_);
    for (const auto& [id, s] : sessions_) {
      consider(s.setup_deadline);
      consider(s.dial_deadline);
      consider(s.close_deadline);
      if (const auto* link = s.link()) consider(link->next_deadline());
    }
  }
  return best;
}

}  // namespace ts::endpoints::l2tp
