// L2tpObserver: datagram routing, reliable delivery (RFC 2661 §5.8) and the control
// connection (§7.2). Sessions and data are in l2tp_session_observer.cpp.
#include "src/observe/l2tp_observer.h"

#include <fmt/format.h>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/describe.h"
#include "dissectors/l2tp/message_types.h"
#include "dissectors/l2tp/required_avps.h"
#include "dissectors/l2tp/tunnel_auth.h"
#include "src/observe/observe_diagnostics.h"
#include "src/observe/observe_util.h"

namespace ts::observe {

using l2tp::AvpType;
using l2tp::to_u16;
namespace ml = machines::l2tp;

namespace {

// Serial-number comparison on 16 bits (RFC 2661 §5.8 uses modulo 65536 arithmetic).
bool seq_before(std::uint16_t a, std::uint16_t b) { return static_cast<std::int16_t>(a - b) < 0; }


std::string framing_text(const l2tp::FramingBits& b) {
  std::string s = b.async ? "async" : "";
  if (b.sync) s += s.empty() ? "sync" : ",sync";
  return s.empty() ? "none" : s;
}
std::string bearer_text(const l2tp::BearerBits& b) {
  std::string s = b.analog ? "analog" : "";
  if (b.digital) s += s.empty() ? "digital" : ",digital";
  return s.empty() ? "none" : s;
}

}  // namespace

// Text for a StopCCN or CDN Result Code AVP (RFC 2661 §4.4.2).
std::string l2tp_result_text(const l2tp::Message& m, bool cdn) {
  const l2tp::Avp* a = m.find(to_u16(AvpType::result_code));
  if (!a || !a->value_known()) return cdn ? "CDN without Result Code" : "StopCCN without Result Code";
  auto rc = l2tp::parse_result_code(a->value());
  if (!rc) return "malformed Result Code";
  std::string s = fmt::format("{} result {} ({})", cdn ? "CDN" : "StopCCN", rc->result,
                              code_name(cdn ? l2tp::cdn_result_names() : l2tp::stopccn_result_names(), rc->result));
  if (rc->error && *rc->error != 0)
    s += fmt::format(", error {} ({})", *rc->error, code_name(l2tp::general_error_names(), *rc->error));
  if (!rc->message.empty()) s += fmt::format(": \"{}\"", rc->message);
  return s;
}

L2tpObserver::Tunnel* L2tpObserver::find_tunnel(const TransportAddress& src, const TransportAddress& dst,
                                                const l2tp::Message& m, int& from) {
  auto pick = [&](Tunnel* t, bool sender_is_key) {
    if (!t) return t;
    // The key names the receiver (or, for Tunnel ID 0, the sender).
    const TransportAddress& key = sender_is_key ? src : dst;
    const int key_side = (t->ep[0].address == key.address && t->ep[0].port == key.port) ? 0
                         : (t->ep[1].address == key.address)                           ? 1
                                                                                       : 0;
    from = sender_is_key ? key_side : 1 - key_side;
    return t;
  };
  if (m.header.tunnel_id != 0) {
    auto it = by_receiver_.find({dst.address, dst.port, m.header.tunnel_id});
    if (it != by_receiver_.end()) return pick(it->second, false);
    // The peer may have moved to another port (RFC 2661 §8.1): match on address and id.
    for (auto& [key, t] : by_receiver_)
      if (std::get<0>(key) == dst.address && std::get<2>(key) == m.header.tunnel_id) return pick(t, false);
    // The id was never learned (its AVP was cut by the snaplen): a tunnel between the same
    // addresses whose receiving side has no id yet is this one.
    for (auto& t : tunnels_) {
      for (int side = 0; side < 2; ++side) {
        if (t.ep[side].address == dst.address && t.ep[1 - side].address == src.address &&
            !t.conn->side[side].tunnel_id && !t.closed) {
          t.conn->side[side].tunnel_id = m.header.tunnel_id;
          by_receiver_[{dst.address, dst.port, m.header.tunnel_id}] = &t;
          from = 1 - side;
          return &t;
        }
      }
    }
    return nullptr;
  }
  if (auto assigned = avp_u16(m, AvpType::assigned_tunnel_id)) {
    auto it = by_receiver_.find({src.address, src.port, *assigned});
    // An SCCRQ reusing the id of a tunnel that has ended starts a new tunnel.
    const bool sccrq = m.message_type && *m.message_type == l2tp::to_u16(l2tp::MessageType::sccrq);
    if (it != by_receiver_.end() && !(sccrq && it->second->closed)) return pick(it->second, true);
  }
  return nullptr;
}

L2tpObserver::Tunnel& L2tpObserver::new_tunnel(const FrameInfo& f, const TransportAddress& src, const TransportAddress& dst) {
  Tunnel& t = tunnels_.emplace_back();
  t.conn = &ctx_.new_connection(Protocol::l2tp, f);
  t.ep = {src, dst};
  for (int i = 0; i < 2; ++i) {
    t.conn->side[i].address = t.ep[i].address.to_string();
    t.conn->side[i].port = t.ep[i].port;
  }
  return t;
}

void L2tpObserver::on_datagram(const FrameInfo& f, const TransportAddress& src, const TransportAddress& dst, ByteView payload) {
  partial_ = false;
  l2tp::DecodeOptions opt;
  if (!ctx_.options().l2tp_secrets.empty()) {
    opt.secret = ctx_.options().l2tp_secrets.front();
    opt.has_secret = true;
  }
  auto d = l2tp::decode(payload, opt);
  const l2tp::Message& m = d.value;
  if (f.packet) {
    l2tp::describe(m, f.packet->layers.add_object("l2tp"));
    f.packet->summary = "L2TP " + l2tp::summarize(m);
  }
  if (m.header.version != l2tp::kVersionL2tpV2) {
    ctx_.diags(nullptr, f, "", d.diags);
    if (!d.complete) ctx_.truncated(nullptr, f, "", "l2tp", d.truncated_field);
    return;
  }
  int from = 0;
  Tunnel* t = find_tunnel(src, dst, m, from);
  if (!t) {
    const bool sccrq = m.message_type && *m.message_type == to_u16(l2tp::MessageType::sccrq);
    t = &new_tunnel(f, src, dst);
    from = 0;
    if (!sccrq) {
      // Started mid-tunnel: states are learned from what follows, nothing is blamed.
      t->states_known = false;
      t->conn->state = "established";
      ctx_.diag(t->conn, f, "tunnel", diag::kMidstream, "first message seen is not an SCCRQ");
      if (m.header.tunnel_id) by_receiver_[{dst.address, dst.port, m.header.tunnel_id}] = t;
      t->conn->side[1].tunnel_id = m.header.tunnel_id;
    }
  }
  Connection& c = *t->conn;
  ctx_.claim(c, f);
  if (from == 1 && !(t->ep[1] == src)) t->ep[1] = src;  // the answering side's real port
  if (!d.diags.empty()) ctx_.diags(&c, f, m.header.session_id ? "session" : "tunnel", d.diags);
  if (!d.complete) {
    ctx_.truncated(&c, f, "tunnel", "l2tp", d.truncated_field);
    // A snaplen-cut control message whose header and Message Type survived still counts for
    // Ns/Nr and the state tables (its missing AVPs are not checked).
    if (!f.cut || !m.is_control() || !m.message_type) return;
    partial_ = true;
  }
  if (m.is_control()) on_control(*t, from, f, m);
  else on_data(*t, from, f, m);
}

bool L2tpObserver::crossed_peer_messages(const Tunnel& t, int from, const l2tp::Message& m) {
  const auto& peer_next = t.next_ns[1 - from];
  return peer_next && seq_before(m.header.nr, *peer_next);
}

void L2tpObserver::on_control(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m) {
  Connection& c = *t.conn;
  const bool fresh = on_reliability(t, from, f, m);
  std::string text = l2tp::summarize(m);
  if (!fresh) text = "retransmission: " + text;
  const bool session_scoped = m.message_type && *m.message_type >= 7 && *m.message_type != 6;
  ctx_.event(c, f, session_scoped ? "session" : "tunnel", from, EventKind::message, text);
  if (!fresh || m.zlb || !m.message_type) return;
  if (!partial_) ctx_.diags(&c, f, "tunnel", l2tp::check_required_avps(m));

  // The control connection table sees every message (it checks that sessions ride an
  // established tunnel); then tunnel- or session-specific handling.
  const std::uint16_t type = *m.message_type;
  const bool crossed = crossed_peer_messages(t, from, m);
  for (int side : {from, 1 - from}) {
    const auto dir = side == from ? machines::Direction::sent : machines::Direction::received;
    if (!t.states_known) {
      if (auto s = machines::learn_state(ml::control_table(), dir, type)) t.state[side] = *s;
      continue;
    }
    const auto st = ml::control_step(t.state[side], dir, type);
    if (!st.legal && crossed) {
      // Not blamed: the table was applied as if each message arrived when captured (see
      // crossed_peer_messages).
    } else if (!st.legal) {
      ctx_.diag(&c, f, "tunnel", diag::kL2tpIllegalControl,
                fmt::format("{} {} by {} in state {}", code_abbrev(l2tp::message_type_names(), type),
                            machines::to_string(dir), side_name(side), ml::to_string(t.state[side])));
    } else if (st.next != t.state[side]) {
      ctx_.event(c, f, "tunnel", -1, EventKind::state,
                 fmt::format("{} {} -> {}", side_name(side), ml::to_string(t.state[side]), ml::to_string(st.next)));
      t.state[side] = st.next;
    }
  }
  if (t.state[0] == ml::ControlState::established && t.state[1] == ml::ControlState::established &&
      !c.established) {
    c.established = f.ts;
    c.state = "established";
  }
  if (session_scoped) on_session_message(t, from, f, m);
  else on_tunnel_message(t, from, f, m);
}

bool L2tpObserver::on_reliability(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m) {
  Connection& c = *t.conn;
  ControlStats& st = c.control[from];
  const int peer = 1 - from;
  bool fresh = true;
  if (m.zlb) {
    ++st.zlb;
  } else {
    ++st.messages;
    auto& next = t.next_ns[from];
    const std::uint16_t ns = m.header.ns;
    if (!next || ns == *next) {
      next = static_cast<std::uint16_t>(ns + 1);
    } else if (seq_before(ns, *next)) {
      fresh = false;
      ++st.retransmissions;
      if (!t.unacked[from].count(ns)) ++st.duplicates;  // already acknowledged: a duplicate
    } else {
      ctx_.diag(&c, f, "tunnel", diag::kL2tpControlMissing, fmt::format("Ns {} from {}, expected {}", ns,
                                                                        side_name(from), *next));
      next = static_cast<std::uint16_t>(ns + 1);
    }
    if (fresh) {
      t.unacked[from][ns] = f.ts;
      t.is_hello[from][ns] = m.message_type && *m.message_type == to_u16(l2tp::MessageType::hello);
      // RFC 2661 §5.8: no more unacknowledged messages than the peer's Receive Window Size.
      const std::size_t window = c.side[peer].receive_window.value_or(4);
      if (t.unacked[from].size() > window) ++st.out_of_window;
    }
  }
  // Nr acknowledges everything the peer sent before it.
  const std::uint16_t nr = m.header.nr;
  if (t.next_ns[peer] && seq_before(*t.next_ns[peer], nr))
    ctx_.diag(&c, f, "tunnel", diag::kL2tpNrAhead,
              fmt::format("Nr {} from {} but {} has sent only up to Ns {}", nr, side_name(from), side_name(peer),
                          static_cast<std::uint16_t>(*t.next_ns[peer] - 1)));
  auto& pending = t.unacked[peer];
  for (auto it = pending.begin(); it != pending.end();) {
    if (seq_before(it->first, nr)) {
      ControlStats& ps = c.control[peer];
      const double lat = to_seconds(f.ts - it->second);
      ++ps.acked;
      ps.ack_latency_sum += lat;
      ps.ack_latency_max = std::max(ps.ack_latency_max, lat);
      if (t.is_hello[peer][it->first]) ++c.keepalive.replies[from];
      t.is_hello[peer].erase(it->first);
      it = pending.erase(it);
    } else {
      ++it;
    }
  }
  return fresh;
}

void L2tpObserver::learn_tunnel_avps(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m) {
  PeerInfo& p = t.conn->side[from];
  if (auto s = avp_text(m, AvpType::host_name); !s.empty()) p.host_name = s;
  if (auto s = avp_text(m, AvpType::vendor_name); !s.empty()) p.vendor_name = s;
  if (auto v = avp_u16(m, AvpType::firmware_revision)) p.firmware = *v;
  if (auto v = avp_u16(m, AvpType::receive_window_size)) p.receive_window = *v;
  if (const auto* a = m.find(to_u16(AvpType::protocol_version)); a && a->value_known())
    if (auto v = l2tp::parse_protocol_version(a->value())) p.protocol_version = fmt::format("{}.{}", v->ver, v->rev);
  if (const auto* a = m.find(to_u16(AvpType::framing_capabilities)); a && a->value_known())
    if (auto v = l2tp::parse_framing(a->value())) p.framing_caps = framing_text(*v);
  if (const auto* a = m.find(to_u16(AvpType::bearer_capabilities)); a && a->value_known())
    if (auto v = l2tp::parse_bearer(a->value())) p.bearer_caps = bearer_text(*v);
  if (auto tid = avp_u16(m, AvpType::assigned_tunnel_id)) {
    p.tunnel_id = *tid;
    by_receiver_[{t.ep[from].address, t.ep[from].port, *tid}] = &t;
  }
  if (const auto* a = m.find(to_u16(AvpType::challenge)); a && a->value_known())
    t.challenge[from].assign(a->value().begin(), a->value().end());
  (void)f;
}

void L2tpObserver::check_challenge(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m) {
  // RFC 2661 §4.4.3 / §5.1.1: a side that received a Challenge answers in its SCCRP or
  // SCCCN with MD5(message type || secret || challenge).
  const Bytes& challenge = t.challenge[1 - from];
  if (challenge.empty() || partial_) return;
  const l2tp::Avp* resp = m.find(to_u16(AvpType::challenge_response));
  Connection& c = *t.conn;
  if (!resp) {
    ctx_.diag(&c, f, "tunnel", diag::kL2tpChallengeResponseMissing,
              fmt::format("{} answered a Challenge without Challenge Response", side_name(from)));
    return;
  }
  if (ctx_.options().l2tp_secrets.empty() || !resp->value_known()) return;
  for (const auto& secret : ctx_.options().l2tp_secrets) {
    const Bytes expect = l2tp::challenge_response(static_cast<std::uint8_t>(*m.message_type), secret, challenge);
    if (ByteView(expect).size() == resp->value().size() &&
        std::equal(expect.begin(), expect.end(), resp->value().begin())) {
      ctx_.diag(&c, f, "tunnel", diag::kL2tpChallengeResponseVerified, fmt::format("from {}", side_name(from)));
      return;
    }
  }
  ctx_.diag(&c, f, "tunnel", diag::kL2tpChallengeResponseMismatch, fmt::format("from {}", side_name(from)));
}

void L2tpObserver::on_tunnel_message(Tunnel& t, int from, const FrameInfo& f, const l2tp::Message& m) {
  Connection& c = *t.conn;
  switch (static_cast<l2tp::MessageType>(*m.message_type)) {
    case l2tp::MessageType::sccrq:
    case l2tp::MessageType::sccrp:
      learn_tunnel_avps(t, from, f, m);
      if (*m.message_type == to_u16(l2tp::MessageType::sccrp)) check_challenge(t, from, f, m);
      break;
    case l2tp::MessageType::scccn: check_challenge(t, from, f, m); break;
    case l2tp::MessageType::hello: {
      ++c.keepalive.requests[from];
      if (t.last_hello[from]) c.keepalive.interval = to_seconds(f.ts - *t.last_hello[from]);
      t.last_hello[from] = f.ts;
      break;
    }
    case l2tp::MessageType::stopccn:
      if (c.teardown_cause.empty()) {
        c.teardown_cause = l2tp_result_text(m, false);
        c.teardown_by = from;
      }
      c.ended = f.ts;
      c.state = "closed";
      t.closed = true;
      for (auto& s : t.sessions) end_session(t, s, f);
      break;
    default: break;
  }
}

void L2tpObserver::on_icmp_error(const FrameInfo& f, const net::IpAddress& reporter, const TransportAddress& src,
                                 const TransportAddress& dst, const std::string& what, ByteView quoted) {
  for (auto& t : tunnels_) {
    for (int side = 0; side < 2; ++side) {
      if (!(t.ep[side] == src) || !(t.ep[1 - side].address == dst.address)) continue;
      Connection& c = *t.conn;
      ctx_.claim(c, f);
      auto d = l2tp::decode(quoted);
      const std::string about = d.value.header.version == l2tp::kVersionL2tpV2 ? l2tp::summarize(d.value) : "L2TP";
      const int from = t.ep[1 - side].address == reporter ? 1 - side : -1;
      ctx_.event(c, f, "tunnel", from, EventKind::info,
                 fmt::format("ICMP {} from {} for {}", what, reporter.to_string(), about));
      ctx_.diag(&c, f, "tunnel", diag::kIcmpErrorForTunnel,
                fmt::format("{} from {} for {}'s {}", what, reporter.to_string(), side_name(side), about));
      return;
    }
  }
}

void L2tpObserver::finish_tunnel(Tunnel& t, const FrameInfo& last) {
  Connection& c = *t.conn;
  for (int side = 0; side < 2; ++side) {
    std::size_t hellos = 0, others = 0;
    for (const auto& [ns, ts] : t.unacked[side]) {
      // A message sent in the last second of the capture may just be waiting for its ack.
      if (last.ts - ts < std::chrono::seconds(1)) continue;
      (t.is_hello[side][ns] ? hellos : others)++;
    }
    c.keepalive.unanswered += static_cast<std::uint32_t>(hellos);
    if (others)
      ctx_.diag(&c, last, "tunnel", diag::kL2tpUnacknowledged,
                fmt::format("{} control message(s) from {} never acknowledged", others, side_name(side)));
    if (hellos)
      ctx_.diag(&c, last, "tunnel", diag::kL2tpHelloUnanswered,
                fmt::format("{} Hello(s) from {} never acknowledged", hellos, side_name(side)));
  }
  for (auto& s : t.sessions) s.ppp.finish(ctx_, c, c.calls[s.call], s.ppp_entity, last);
}

void L2tpObserver::retire(const FrameInfo& f, bool all) {
  ctx_.retire_items(tunnels_, f, all, [&](Tunnel& t) {
    finish_tunnel(t, f);
    std::erase_if(by_receiver_, [&](const auto& entry) { return entry.second == &t; });
  });
}

}  // namespace ts::observe
