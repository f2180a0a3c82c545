#include "src/endpoints/l2tp/l2tp_endpoint.h"

#include <charconv>

#include <fmt/format.h>

#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"
#include "dissectors/l2tp/message_types.h"
#include "src/endpoints/l2tp/l2tp_endpoint_diagnostics.h"

namespace ts::endpoints::l2tp {

namespace {
// Not inlined: GCC 12 reports a false maybe-uninitialized when a vector of action variants
// grows inside an inlined function.

std::string arg(const engine::Command& c, std::string_view key) {
  for (const auto& [k, v] : c.args)
    if (k == key) return v;
  return {};
}

std::optional<std::uint16_t> arg_u16(const engine::Command& c, std::string_view key) {
  const std::string v = arg(c, key);
  std::uint16_t out = 0;
  if (v.empty()) return std::nullopt;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc{} || p != v.data() + v.size()) return std::nullopt;
  return out;
}

// Peer key: "10.0.0.2:1701"; a bare address gets the configured port.
std::string with_port(const std::string& peer, std::uint16_t port) {
  return peer.find(':') == std::string::npos ? fmt::format("{}:{}", peer, port) : peer;
}

void rejected(engine::Actions& out, const std::string& why) {
  engine::append_action(out, engine::StateChange{"command", "", "rejected: " + why});
}
}  // namespace

L2tpEndpoint::L2tpEndpoint(L2tpConfig config) : config_(std::move(config)), random_(config_.seed) {}

std::uint16_t L2tpEndpoint::new_tunnel_id() {
  for (;;) {
    const std::uint16_t id = random_.nonzero_u16();  // §5.3: 0 MUST NOT be assigned
    if (!tunnels_.count(id) && !recently_closed_.count(id)) return id;
  }
}

void L2tpEndpoint::emit(engine::Actions& out, engine::ChannelId channel, TunnelOutput&& t) {
  for (auto& d : t.datagrams) engine::append_action(out, engine::Send{channel, std::move(d)});
  for (auto& n : t.notes) engine::append_action(out, std::move(n));
}

engine::ChannelId L2tpEndpoint::channel_for(const std::string& peer, engine::Actions& out) {
  for (const auto& [id, p] : channels_)
    if (p.address == peer) return id;
  const engine::ChannelId id = next_channel_++;
  channels_[id] = Peer{peer};
  engine::append_action(out, engine::OpenChannel{id, engine::ChannelKind::udp, peer});
  return id;
}

L2tpTunnel* L2tpEndpoint::open_tunnel(Instant now, const std::string& peer, engine::Actions& out) {
  const engine::ChannelId ch = channel_for(with_port(peer, config_.port), out);
  const std::uint16_t id = new_tunnel_id();
  auto tunnel = std::make_unique<L2tpTunnel>(config_, id, true, random_.fork(id));
  L2tpTunnel* t = tunnel.get();
  tunnels_[id] = std::move(tunnel);
  tunnel_channel_[id] = ch;
  emit(out, ch, t->open(now));
  return t;
}

L2tpTunnel* L2tpEndpoint::pick_tunnel(const std::string& peer, std::optional<std::uint16_t> id) {
  if (id) {
    auto it = tunnels_.find(*id);
    return it == tunnels_.end() || it->second->closing() ? nullptr : it->second.get();
  }
  for (auto& [tid, t] : tunnels_) {
    if (t->closing() || t->finished()) continue;
    if (!peer.empty()) {
      const auto& addr = channels_[tunnel_channel_[tid]].address;
      if (addr != with_port(peer, config_.port)) continue;
    }
    return t.get();
  }
  return nullptr;
}

engine::Actions L2tpEndpoint::handle(Instant now, const engine::Input& input) {
  engine::Actions out;
  if (const auto* r = std::get_if<engine::Received>(&input)) {
    out = receive(now, *r);
  } else if (const auto* c = std::get_if<engine::Command>(&input)) {
    out = command(now, *c);
  }
  // Opened needs nothing (UDP is usable at once); Closed channels simply stop delivering,
  // and their tunnels die by retransmission timeout as §5.8 says.
  reap(now);
  return out;
}

engine::Actions L2tpEndpoint::command(Instant now, const engine::Command& cmd) {
  engine::Actions out;
  const std::string peer = arg(cmd, "peer");
  const auto tunnel_id = arg_u16(cmd, "tunnel");
  if (cmd.name == "open") {
    if (peer.empty()) {
      rejected(out, "open needs peer=ADDRESS");
      return out;
    }
    open_tunnel(now, peer, out);
  } else if (cmd.name == "call") {
    L2tpTunnel* t = pick_tunnel(peer, tunnel_id);
    if (!t && !tunnel_id && !peer.empty()) t = open_tunnel(now, peer, out);
    if (!t) {
      rejected(out, "call: no open tunnel (give peer=ADDRESS)");
      return out;
    }
    CallRequest call;
    call.called_number = arg(cmd, "called");
    call.calling_number = arg(cmd, "calling");
    call.analog = arg(cmd, "bearer") != "digital";
    emit(out, tunnel_channel_[t->local_id()], t->place_call(now, call));
  } else if (cmd.name == "hangup") {
    const auto session = arg_u16(cmd, "session");
    const bool graceful = arg(cmd, "graceful") == "1" || arg(cmd, "graceful") == "true";
    for (auto& [id, t] : tunnels_)
      if (!tunnel_id || *tunnel_id == id)
        emit(out, tunnel_channel_[id], t->hangup(now, session, ts::l2tp::ResultCode{3, std::nullopt, {}}, graceful));
  } else if (cmd.name == "stop") {
    const auto result = arg_u16(cmd, "result").value_or(1);
    for (auto& [id, t] : tunnels_)
      if (!tunnel_id || *tunnel_id == id)
        emit(out, tunnel_channel_[id], t->stop(now, ts::l2tp::ResultCode{result, std::nullopt, {}}));
  } else if (cmd.name == "wen") {
    const auto session = arg_u16(cmd, "session");
    auto it = tunnel_id ? tunnels_.find(*tunnel_id) : tunnels_.end();
    if (it == tunnels_.end() || !session) {
      rejected(out, "wen needs tunnel=ID session=ID");
      return out;
    }
    emit(out, tunnel_channel_[it->first], it->second->send_wen(now, *session, ts::l2tp::CallErrors{}));
  } else {
    rejected(out, "unknown command " + cmd.name);
  }
  return out;
}

engine::Actions L2tpEndpoint::receive(Instant now, const engine::Received& r) {
  engine::Actions out;
  const auto& faults = config_.channel.faults;  // self-tests only
  if (faults.accept_unknown_version && r.data.size() >= 2 && (r.data[1] & 0x0f) != ts::l2tp::kVersionL2tpV2) {
    engine::Received as_v2 = r;  // taken as L2TPv2, whatever its Ver says
    as_v2.data[1] = static_cast<std::uint8_t>((as_v2.data[1] & 0xf0) | ts::l2tp::kVersionL2tpV2);
    return receive(now, as_v2);
  }
  channels_.try_emplace(r.channel, Peer{});  // accepted by the driver's listener
  // The header names the tunnel (§3.1); decode() without a secret suffices for routing.
  const auto d = ts::l2tp::decode(r.data);
  const bool version_ok = d.value.header.version == ts::l2tp::kVersionL2tpV2;
  const bool reserved_set = r.data.size() >= 2 && ((r.data[0] & 0x34) != 0 || (r.data[1] & 0xf0) != 0);
  if (faults.reject_reserved_bits && reserved_set) return out;
  if (!version_ok || r.data.size() < 6) {
    engine::append_action(out, engine::Violation{&diag::kUndecodable, "not an L2TPv2 message", false});
    return out;
  }
  const std::uint16_t tid = d.value.header.tunnel_id;
  if (tid == 0) return new_sccrq(now, r.channel, r.data);
  auto it = tunnels_.find(tid);
  if (it == tunnels_.end() && faults.route_unknown_tunnel && !tunnels_.empty()) it = tunnels_.begin();
  if (it == tunnels_.end()) {
    if (auto rc = recently_closed_.find(tid); rc != recently_closed_.end() && now < rc->second) return out;
    engine::append_action(out, engine::Violation{&diag::kUnknownTunnel, fmt::format("Tunnel ID {}", tid), false});
    return out;
  }
  emit(out, tunnel_channel_[it->first], it->second->on_datagram(now, r.data));
  return out;
}

engine::Actions L2tpEndpoint::new_sccrq(Instant now, engine::ChannelId channel, ByteView datagram) {
  engine::Actions out;
  const auto d = ts::l2tp::decode(datagram);
  const auto& m = d.value;
  const auto* assigned = m.find(ts::l2tp::to_u16(ts::l2tp::AvpType::assigned_tunnel_id));
  const auto parsed_tid = assigned ? ts::l2tp::parse_u16(assigned->value()) : std::nullopt;
  const std::uint16_t peer_tid = parsed_tid.value_or(0);
  const bool zero_ok = config_.channel.faults.accept_zero_ids && assigned;  // self-tests only
  if (!m.is_control() || m.message_type != ts::l2tp::to_u16(ts::l2tp::MessageType::sccrq) ||
      (peer_tid == 0 && !zero_ok)) {
    // §5.3: Tunnel ID 0 is only for a peer that has no id of ours yet, i.e. an SCCRQ.
    engine::append_action(out, engine::Violation{&diag::kUnknownTunnel, "Tunnel ID 0 on a message that is not an SCCRQ", false});
    return out;
  }
  if (auto acc = accepted_.find({channel, peer_tid}); acc != accepted_.end()) {
    if (auto it = tunnels_.find(acc->second); it != tunnels_.end()) {
      emit(out, channel, it->second->on_datagram(now, datagram));  // a retransmitted SCCRQ
      return out;
    }
  }
  // §4.4.3 Tie Breaker: our own SCCRQ to this peer may be outstanding.
  const auto* tb_avp = m.find(ts::l2tp::to_u16(ts::l2tp::AvpType::tie_breaker));
  const auto parsed_tb = tb_avp ? ts::l2tp::parse_u64(tb_avp->value()) : std::nullopt;
  const bool has_theirs = parsed_tb.has_value();
  const std::uint64_t theirs = parsed_tb.value_or(0);
  for (auto& [id, t] : tunnels_) {
    if (tunnel_channel_[id] != channel || !t->originator() ||
        t->state() != machines::l2tp::ControlState::wait_ctl_reply)
      continue;
    const bool has_ours = t->tie_breaker().has_value();
    const std::uint64_t ours = t->tie_breaker().value_or(0);
    if (!has_ours && !has_theirs) continue;  // "two separate tunnels are opened"
    const bool we_win = has_ours && (!has_theirs || ours < theirs);
    const bool both_lose = has_ours && has_theirs && ours == theirs;
    if (we_win) {  // the loser discards its tunnel; we ignore its SCCRQ
      ++tie_won_;
      engine::append_action(out, engine::StateChange{t->entity(), "wait-ctl-reply", "wait-ctl-reply (tie-breaker won)"});
      return out;
    }
    ++tie_lost_;
    emit(out, channel, t->discard(now, TunnelEnd::tie_lost));  // "MUST silently discard"
    if (both_lose) return out;
    break;
  }
  const std::uint16_t id = new_tunnel_id();
  auto tunnel = std::make_unique<L2tpTunnel>(config_, id, false, random_.fork(id));
  L2tpTunnel* t = tunnel.get();
  tunnels_[id] = std::move(tunnel);
  tunnel_channel_[id] = channel;
  accepted_[{channel, peer_tid}] = id;
  emit(out, channel, t->on_datagram(now, datagram));
  return out;
}

engine::Actions L2tpEndpoint::on_deadline(Instant now) {
  engine::Actions out;
  for (auto& [id, t] : tunnels_) {
    const auto due = t->next_deadline();
    if (due && *due <= now) emit(out, tunnel_channel_[id], t->on_deadline(now));
  }
  reap(now);
  return out;
}

void L2tpEndpoint::reap(Instant now) {
  for (auto it = recently_closed_.begin(); it != recently_closed_.end();)
    it = now >= it->second ? recently_closed_.erase(it) : std::next(it);
  for (auto it = tunnels_.begin(); it != tunnels_.end();) {
    if (!it->second->finished()) {
      ++it;
      continue;
    }
    const L2tpTunnel& t = *it->second;
    TunnelSummary s;
    s.local_id = t.local_id();
    s.peer_id = t.peer_id();
    s.originator = t.originator();
    s.was_established = t.ever_established();
    s.end = t.end();
    s.stop_result = t.stop_result();
    s.calls_established = t.calls_established();
    s.hellos_sent = t.hellos_sent();
    s.channel = t.channel().counters();
    finished_.push_back(std::move(s));
    recently_closed_[it->first] = now + t.channel().full_retransmission_cycle();
    for (auto a = accepted_.begin(); a != accepted_.end();)
      a = a->second == it->first ? accepted_.erase(a) : std::next(a);
    tunnel_channel_.erase(it->first);
    it = tunnels_.erase(it);
  }
}

std::optional<Instant> L2tpEndpoint::next_deadline() const {
  std::optional<Instant> best;
  for (const auto& [id, t] : tunnels_) {
    const auto d = t->next_deadline();
    if (d && (!best || *d < *best)) best = d;
  }
  return best;
}

}  // namespace ts::endpoints::l2tp
