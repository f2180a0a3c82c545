// PptpObserver, calls (RFC 2637 §3.2) and the enhanced GRE data channel (§4).
#include <fmt/format.h>

#include "dissectors/gre/header.h"
#include "dissectors/pptp/names.h"
#include "src/observe/observe_diagnostics.h"
#include "src/observe/observe_util.h"
#include "src/observe/pptp_observer.h"

namespace ts::observe {

namespace mp = machines::pptp;

PptpObserver::CallTrack& PptpObserver::new_call(Control& c, int from, std::uint16_t call_id, const FrameInfo& f) {
  Connection& conn = *c.conn;
  Call& call = conn.calls.emplace_back();
  call.index = static_cast<std::uint32_t>(conn.calls.size());
  call.requested = f.ts;
  CallTrack& t = c.calls.emplace_back();
  t.call = conn.calls.size() - 1;
  t.entity = fmt::format("call {}", call.index);
  t.ppp_entity = t.entity + " ppp";
  bind_call_id(c, t, from, call_id);
  return t;
}

void PptpObserver::bind_call_id(Control& c, CallTrack& t, int side, std::uint16_t id) {
  c.conn->calls[t.call].id[side] = id;
  c.by_call_id[{side, id}] = &t;
  // GRE sent to `side` carries `side`'s own Call ID (RFC 2637 §4.1: the peer's Call ID).
  gre_routes_[{c.ep[side].address, id}] = GreRoute{&c, &t, side};
}

void PptpObserver::end_call(Control& c, CallTrack& t, const FrameInfo& f, std::string cause, int by) {
  Call& call = c.conn->calls[t.call];
  if (call.ended) return;
  call.ended = f.ts;
  if (call.teardown_cause.empty()) {
    call.teardown_cause = std::move(cause);
    call.teardown_by = by;
  }
  if (call.state == "established" || call.state == "requested" || call.state == "clearing") call.state = "disconnected";
}

void PptpObserver::on_call_message(Control& c, int from, const FrameInfo& f, const pptp::Message& m) {
  Connection& conn = *c.conn;
  const int peer = 1 - from;
  CallTrack* t = nullptr;
  bool refused = false;  // a reply with a Result Code other than success
  auto lookup = [&](int side, std::uint16_t id) -> CallTrack* {
    auto it = c.by_call_id.find({side, id});
    return it == c.by_call_id.end() ? nullptr : it->second;
  };
  auto roles = [&](const char* sender_role, const char* other_role) {
    conn.side[from].role = sender_role;
    conn.side[peer].role = other_role;
  };
  std::visit(
      [&](const auto& msg) {
        using T = std::decay_t<decltype(msg)>;
        if constexpr (std::is_same_v<T, pptp::OutgoingCallRequest>) {
          roles("PNS", "PAC");
          t = &new_call(c, from, msg.call_id, f);
          Call& call = conn.calls[t->call];
          call.direction = "outgoing";
          call.serial = msg.call_serial_number;
          call.min_bps = msg.minimum_bps;
          call.max_bps = msg.maximum_bps;
          call.bearer = code_abbrev(pptp::bearer_types(), msg.bearer_type);
          call.framing = code_abbrev(pptp::framing_types(), msg.framing_type);
          call.called_number = msg.phone_number;
          call.sub_address = msg.subaddress;
          call.peer_window = msg.packet_recv_window_size;
        } else if constexpr (std::is_same_v<T, pptp::IncomingCallRequest>) {
          roles("PAC", "PNS");
          t = &new_call(c, from, msg.call_id, f);
          Call& call = conn.calls[t->call];
          call.direction = "incoming";
          call.serial = msg.call_serial_number;
          call.bearer = code_abbrev(pptp::bearer_types(), msg.call_bearer_type);
          call.called_number = msg.dialed_number;
          call.calling_number = msg.dialing_number;
          call.sub_address = msg.subaddress;
        } else if constexpr (std::is_same_v<T, pptp::OutgoingCallReply> || std::is_same_v<T, pptp::IncomingCallReply>) {
          t = lookup(peer, msg.peer_call_id);
          if (!t) return;
          if (msg.call_id != 0 || msg.result_code == 1) bind_call_id(c, *t, from, msg.call_id);
          Call& call = conn.calls[t->call];
          if constexpr (std::is_same_v<T, pptp::OutgoingCallReply>) call.connect_speed = msg.connect_speed;
          if (msg.result_code != 1) {
            const std::string cause = fmt::format("{} result {} ({}), error {} ({})", pptp::message_abbrev(static_cast<std::uint16_t>(T::kType)),
                                                  msg.result_code, pptp::result_text(static_cast<std::uint16_t>(T::kType), msg.result_code),
                                                  msg.error_code, pptp::error_text(msg.error_code));
            ctx_.diag(&conn, f, t->entity, diag::kPptpNegativeReply, cause);
            refused = true;
            end_call(c, *t, f, cause, from);
          }
        } else if constexpr (std::is_same_v<T, pptp::IncomingCallConnected>) {
          t = lookup(peer, msg.peer_call_id);
          if (t) {
            conn.calls[t->call].connect_speed = msg.connect_speed;
            conn.calls[t->call].framing = code_abbrev(pptp::framing_types(), msg.framing_type);
          }
        } else if constexpr (std::is_same_v<T, pptp::CallClearRequest>) {
          t = lookup(from, msg.call_id);
          if (t) conn.calls[t->call].state = "clearing";
        } else if constexpr (std::is_same_v<T, pptp::CallDisconnectNotify>) {
          t = lookup(from, msg.call_id);
          if (!t) return;
          std::string cause = fmt::format("CDN result {} ({})", msg.result_code, pptp::result_text(13, msg.result_code));
          if (msg.error_code) cause += fmt::format(", error {} ({})", msg.error_code, pptp::error_text(msg.error_code));
          if (msg.cause_code) cause += fmt::format(", cause {}", msg.cause_code);
          if (!msg.call_statistics.empty()) cause += fmt::format(": \"{}\"", msg.call_statistics);
          Call& call = conn.calls[t->call];
          call.teardown_cause = cause;
          call.teardown_by = from;
          call.state = "disconnected";
          end_call(c, *t, f, cause, from);
        } else if constexpr (std::is_same_v<T, pptp::WanErrorNotify> || std::is_same_v<T, pptp::SetLinkInfo>) {
          t = lookup(peer, msg.peer_call_id);
          // RFC 2637 §2.14: WEN goes PAC to PNS; §2.15: SLI goes PNS to PAC.
          const char* expected = std::is_same_v<T, pptp::WanErrorNotify> ? "PAC" : "PNS";
          if (!conn.side[from].role.empty() && conn.side[from].role != expected)
            ctx_.diag(&conn, f, t ? t->entity : "call", diag::kPptpWrongSender,
                      fmt::format("{} sent by the {}", pptp::message_abbrev(T::kType == pptp::ControlMessageType::wan_error_notify ? 14 : 15),
                                  conn.side[from].role));
        }
      },
      m.body);
  const std::uint16_t type = m.header.control_message_type;
  if (!t) {
    ctx_.diag(&conn, f, "call", diag::kPptpUnknownCall, fmt::format("{} from {}", pptp::message_abbrev(type),
                                                                    side_name(from)));
    return;
  }
  Call& call = conn.calls[t->call];
  for (int side : {from, peer}) {
    const auto dir = side == from ? machines::Direction::sent : machines::Direction::received;
    const auto st = mp::call_step(t->state[side], dir, type);
    if (!st.legal) {
      ctx_.diag(&conn, f, t->entity, diag::kPptpIllegalCall,
                fmt::format("{} {} by {} in call state {}", pptp::message_abbrev(type), machines::to_string(dir),
                            side_name(side), mp::to_string(t->state[side])));
    } else if (st.next != t->state[side]) {
      ctx_.event(conn, f, t->entity, -1, EventKind::state,
                 fmt::format("{} {} -> {}", side_name(side), mp::to_string(t->state[side]), mp::to_string(st.next)));
      t->state[side] = st.next;
    }
  }
  if (refused) {
    // RFC 2637 §2.8, §2.10: a reply other than success ends the call attempt.
    t->state = {mp::CallState::idle, mp::CallState::idle};
    call.state = "refused";
    return;
  }
  if (t->state[0] == mp::CallState::established && t->state[1] == mp::CallState::established && !call.established) {
    call.established = f.ts;
    call.state = "established";
  }
}

PptpObserver::GreRoute* PptpObserver::route_gre(const FrameInfo& f, const net::IpAddress& src,
                                                const net::IpAddress& dst, std::uint16_t call_id, int& from) {
  auto it = gre_routes_.find({dst, call_id});
  if (it != gre_routes_.end()) {
    from = 1 - it->second.receiver;
    return &it->second;
  }
  // No control connection captured for it: make one per address pair so the PPP inside is
  // still analysed, and join the reverse direction's Call ID to the same call when it is
  // the only call still missing that side's id.
  Control* c = nullptr;
  for (auto& ctl : controls_)
    if (!ctl.tcp && ((ctl.ep[0].address == src && ctl.ep[1].address == dst) ||
                     (ctl.ep[0].address == dst && ctl.ep[1].address == src)))
      c = &ctl;
  if (!c) {
    c = &controls_.emplace_back();
    c->tcp = false;
    c->conn = &ctx_.new_connection(Protocol::pptp, f);
    c->ep = {TransportAddress{src, 0}, TransportAddress{dst, 0}};
    c->state = {mp::ControlState::established, mp::ControlState::established};
    c->conn->state = "unknown";
    for (int i = 0; i < 2; ++i) c->conn->side[i].address = c->ep[i].address.to_string();
    ctx_.diag(c->conn, f, "tunnel", diag::kMidstream, "enhanced GRE without a captured PPTP control connection");
  }
  const int receiver = c->ep[0].address == dst ? 0 : 1;
  CallTrack* t = nullptr;
  for (auto& ct : c->calls)
    if (!c->conn->calls[ct.call].id[receiver]) t = &ct;
  if (t) {
    bind_call_id(*c, *t, receiver, call_id);
  } else {
    t = &new_call(*c, receiver, call_id, f);
    c->conn->calls[t->call].state = "established";
    t->state = {mp::CallState::established, mp::CallState::established};
  }
  from = 1 - receiver;
  return &gre_routes_[{dst, call_id}];
}

void PptpObserver::on_gre(const FrameInfo& f, const net::IpAddress& src, const net::IpAddress& dst, ByteView bytes) {
  auto d = gre::decode(bytes);
  const gre::Header& h = d.value;
  if (f.packet) {
    gre::describe(h, f.packet->layers.add_object("gre"));
    f.packet->summary = gre::summarize(h);
  }
  if (h.version != 1 || !h.key_present) {
    ctx_.diags(nullptr, f, "", d.diags);
    if (!d.complete) ctx_.truncated(nullptr, f, "", "gre", d.truncated_field);
    return;
  }
  int from = 0;
  GreRoute* r = route_gre(f, src, dst, h.call_id, from);
  Control& c = *r->control;
  CallTrack& t = *r->call;
  Connection& conn = *c.conn;
  Call& call = conn.calls[t.call];
  ctx_.claim(conn, f);
  ctx_.diags(&conn, f, t.entity, d.diags);
  if (!d.complete) {
    ctx_.truncated(&conn, f, t.entity, "gre", d.truncated_field);
    return;
  }
  SequenceStats& q = call.sequence[from];
  if (h.sequence_present) count_sequence<std::uint32_t, std::int32_t>(q, t.last_seq[from], h.sequence_number);
  if (h.ack_present) {
    ++q.acks;
    // RFC 2637 §4.3: the acknowledgement names the highest packet received from the peer.
    const auto& peer_last = t.last_seq[1 - from];
    if (peer_last && static_cast<std::int32_t>(h.acknowledgment_number - *peer_last) > 0)
      ctx_.diag(&conn, f, t.entity, diag::kGreAckAhead,
                fmt::format("ack {} from {} but {} has sent only up to {}", h.acknowledgment_number, side_name(from),
                            side_name(1 - from), *peer_last));
  }
  if (h.payload.empty()) return;
  ++call.data.packets[from];
  call.data.bytes[from] += h.payload.size();
  t.ppp.on_frame(ctx_, conn, call, t.ppp_entity, from, f, h.payload);
}

}  // namespace ts::observe
