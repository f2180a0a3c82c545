// L2tpObserver, sessions (RFC 2661 §7.4 incoming, §7.5 outgoing calls) and data messages.
#include <fmt/format.h>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message_types.h"
#include "src/observe/l2tp_observer.h"
#include "src/observe/observe_diagnostics.h"
#include "src/observe/observe_util.h"

namespace ts::observe {

using l2tp::AvpType;
using l2tp::MessageType;
using l2tp::to_u16;
namespace ml = machines::l2tp;

namespace {


std::string type_bits(std::optional<std::uint32_t> v, const char* bit1, const char* bit2) {
  if (!v) return {};
  std::string s = (*v & 2) ? bit1 : "";
  if (*v & 1) s += s.empty() ? bit2 : std::string(",") + bit2;
  return s.empty() ? "none" : s;
}

}  // namespace

void L2tpObserver::learn_session_avps(Call& call, const l2tp::Message& m) {
  if (auto v = avp_u32(m, AvpType::call_serial_number)) call.serial = *v;
  if (auto v = avp_u32(m, AvpType::minimum_bps)) call.min_bps = *v;
  if (auto v = avp_u32(m, AvpType::maximum_bps)) call.max_bps = *v;
  if (auto v = avp_u32(m, AvpType::tx_connect_speed)) call.connect_speed = *v;
  if (auto v = avp_u32(m, AvpType::rx_connect_speed)) call.rx_connect_speed = *v;
  // Bearer Type: A = 0x2 analog, D = 0x1 digital; Framing Type: A = 0x2 async, S = 0x1 sync.
  if (auto s = type_bits(avp_u32(m, AvpType::bearer_type), "analog", "digital"); !s.empty()) call.bearer = s;
  if (auto s = type_bits(avp_u32(m, AvpType::framing_type), "async", "sync"); !s.empty()) call.framing = s;
  if (auto s = avp_text(m, AvpType::called_number); !s.empty()) call.called_number = s;
  if (auto s = avp_text(m, AvpType::calling_number); !s.empty()) call.calling_number = s;
  if (auto s = avp_text(m, AvpType::sub_address); !s.empty()) call.sub_address = s;
}

L2tpObserver::Session& L2tpObserver::new_session(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m) {
  Connection& c = *t.conn;
  Call& call = c.calls.emplace_back();
  call.index = static_cast<std::uint32_t>(c.calls.size());
  call.requested = f.ts;
  Session& s = t.sessions.emplace_back();
  s.call = c.calls.size() - 1;
  s.entity = fmt::format("session {}", call.index);
  s.ppp_entity = s.entity + " ppp";
  if (auto sid = avp_u16(m, AvpType::assigned_session_id)) {
    call.id[from] = *sid;
    t.by_session_id[{from, *sid}] = &s;
  }
  return s;
}

void L2tpObserver::end_session(Tunnel& t, Session& s, const FrameInfo& f) {
  Call& call = t.conn->calls[s.call];
  if (call.ended) return;
  call.ended = f.ts;
  if (call.state != "disconnected") call.state = t.closed ? "cleared with tunnel" : "disconnected";
  if (call.teardown_cause.empty() && t.closed) call.teardown_cause = "tunnel closed: " + t.conn->teardown_cause;
}

void L2tpObserver::on_session_message(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m) {
  Connection& c = *t.conn;
  const std::uint16_t type = *m.message_type;
  const bool request = type == to_u16(MessageType::icrq) || type == to_u16(MessageType::ocrq);
  Session* s = nullptr;
  if (request) {
    // Retransmissions were filtered by Ns, so a request with a known id is a new call
    // that reuses an id; still, join it when the old session is not over.
    auto sid = avp_u16(m, AvpType::assigned_session_id);
    auto it = sid ? t.by_session_id.find({from, *sid}) : t.by_session_id.end();
    s = (it != t.by_session_id.end() && !c.calls[it->second->call].ended) ? it->second : &new_session(t, from, f, m);
    Call& call = c.calls[s->call];
    call.direction = type == to_u16(MessageType::icrq) ? "incoming" : "outgoing";
    // Who is who: the LAC reports incoming calls, the LNS asks for outgoing ones (§7.4, §7.5).
    const bool sender_is_lac = type == to_u16(MessageType::icrq);
    c.side[from].role = sender_is_lac ? "LAC" : "LNS";
    c.side[1 - from].role = sender_is_lac ? "LNS" : "LAC";
  } else {
    auto it = t.by_session_id.find({1 - from, m.header.session_id});
    if (it == t.by_session_id.end() && m.header.session_id == 0) {
      // A CDN for a session whose peer id was never learned names the sender's own id.
      if (auto sid = avp_u16(m, AvpType::assigned_session_id)) it = t.by_session_id.find({from, *sid});
    }
    if (it == t.by_session_id.end()) {
      ctx_.diag(&c, f, "session", diag::kL2tpUnknownSession,
                fmt::format("{} for Session ID {}", code_abbrev(l2tp::message_type_names(), type), m.header.session_id));
      return;
    }
    s = it->second;
  }
  Call& call = c.calls[s->call];
  if (!request) {
    if (auto sid = avp_u16(m, AvpType::assigned_session_id); sid && !call.id[from]) {
      call.id[from] = *sid;
      t.by_session_id[{from, *sid}] = s;
    }
  }
  learn_session_avps(call, m);
  const bool crossed = crossed_peer_messages(t, from, m);
  for (int side : {from, 1 - from}) {
    const auto dir = side == from ? machines::Direction::sent : machines::Direction::received;
    const auto st = ml::session_step(s->state[side], dir, type);
    if (!st.legal && crossed) {
      // Crossed on the wire (crossed_peer_messages): not blamed.
    } else if (!st.legal) {
      ctx_.diag(&c, f, s->entity, diag::kL2tpIllegalSession,
                fmt::format("{} {} by {} in session state {}", code_abbrev(l2tp::message_type_names(), type),
                            machines::to_string(dir), side_name(side), ml::to_string(s->state[side])));
    } else if (st.next != s->state[side]) {
      ctx_.event(c, f, s->entity, -1, EventKind::state,
                 fmt::format("{} {} -> {}", side_name(side), ml::to_string(s->state[side]), ml::to_string(st.next)));
      s->state[side] = st.next;
    }
  }
  if (s->state[0] == ml::SessionState::established && s->state[1] == ml::SessionState::established &&
      !call.established) {
    call.established = f.ts;
    call.state = "established";
  }
  if (type == to_u16(MessageType::cdn)) {
    call.teardown_cause = l2tp_result_text(m, true);
    if (const auto* q = m.find(to_u16(AvpType::q931_cause_code)); q && q->value_known())
      if (auto qc = l2tp::parse_q931_cause(q->value())) call.teardown_cause += fmt::format(", Q.931 cause {}", qc->cause);
    call.teardown_by = from;
    call.state = "disconnected";
    end_session(t, *s, f);
  }
}

void L2tpObserver::on_data(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m) {
  Connection& c = *t.conn;
  auto it = t.by_session_id.find({1 - from, m.header.session_id});
  Session* s = nullptr;
  if (it != t.by_session_id.end()) {
    s = it->second;
  } else if (Session* half = [&]() -> Session* {
               // The other direction of a session seen only mid-stream names the other
               // side's id: join it when exactly one such half-known session exists.
               Session* only = nullptr;
               for (auto& ss : t.sessions) {
                 const Call& cc = c.calls[ss.call];
                 if (!cc.id[1 - from] && cc.id[from] && !cc.requested && !cc.ended) {
                   if (only) return nullptr;
                   only = &ss;
                 }
               }
               return only;
             }()) {
    s = half;
    c.calls[s->call].id[1 - from] = m.header.session_id;
    t.by_session_id[{1 - from, m.header.session_id}] = s;
  } else {
    // Data for a session set up before the capture started: follow it anyway.
    Call& call = c.calls.emplace_back();
    call.index = static_cast<std::uint32_t>(c.calls.size());
    call.id[1 - from] = m.header.session_id;
    call.state = "established";
    Session& ns = t.sessions.emplace_back();
    ns.call = c.calls.size() - 1;
    ns.entity = fmt::format("session {}", call.index);
    ns.ppp_entity = ns.entity + " ppp";
    ns.state = {ml::SessionState::established, ml::SessionState::established};
    t.by_session_id[{1 - from, m.header.session_id}] = &ns;
    ctx_.diag(&c, f, ns.entity, diag::kMidstream, fmt::format("data for Session ID {} with no captured set-up",
                                                              m.header.session_id));
    s = &ns;
  }
  Call& call = c.calls[s->call];
  ++call.data.packets[from];
  call.data.bytes[from] += m.payload.size();
  // RFC 2661 §5.4: data Ns counts up by one per data message of the session.
  if (m.header.sequence_present) count_sequence<std::uint16_t, std::int16_t>(call.sequence[from], s->data_ns[from], m.header.ns);
  s->ppp.on_frame(ctx_, c, call, s->ppp_entity, from, f, m.payload);
}

}  // namespace ts::observe
