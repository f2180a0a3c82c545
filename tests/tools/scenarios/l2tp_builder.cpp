#include "tests/tools/scenarios/l2tp_builder.h"

namespace ts::testing {

void L2tpLink::control(int from, l2tp::MessageType type, std::vector<l2tp::Avp> avps, std::uint16_t session) {
  L2tpSide& s = side_[from];
  L2tpSide& peer = side_[1 - from];
  l2tp::Message m;
  m.header.type_control = true;
  m.header.length_present = true;
  m.header.sequence_present = true;
  m.header.tunnel_id = s.peer_tunnel_id;
  m.header.session_id = session;
  m.header.ns = s.ns++;
  m.header.nr = s.nr;
  m.message_type = l2tp::to_u16(type);
  m.avps.push_back(l2tp::make_avp_message_type(l2tp::to_u16(type)));
  for (auto& a : avps) m.avps.push_back(std::move(a));
  l2tp::EncodeOptions opt;
  opt.secret = secret_;
  last_[from] = l2tp::encode(m, opt);
  b_.udp(s.host, peer.host, s.port, peer.port, last_[from]);
  peer.nr = s.ns;  // the peer has now received everything up to this message
}

void L2tpLink::retransmit_last(int from) {
  const L2tpSide& s = side_[from];
  b_.udp(s.host, side_[1 - from].host, s.port, side_[1 - from].port, last_[from]);
}

void L2tpLink::lost(int from) {
  ++side_[from].ns;
  side_[1 - from].nr = side_[from].ns;
}

void L2tpLink::zlb(int from) {
  L2tpSide& s = side_[from];
  l2tp::Message m;
  m.header.type_control = true;
  m.header.length_present = true;
  m.header.sequence_present = true;
  m.header.tunnel_id = s.peer_tunnel_id;
  m.header.ns = s.ns;  // RFC 2661 §5.8: a ZLB does not consume an Ns
  m.header.nr = s.nr;
  m.zlb = true;
  b_.udp(s.host, side_[1 - from].host, s.port, side_[1 - from].port, l2tp::encode(m));
}

void L2tpLink::data(int from, std::uint16_t session, ByteView ppp, bool with_sequence) {
  L2tpSide& s = side_[from];
  l2tp::Message m;
  m.header.tunnel_id = s.peer_tunnel_id;
  m.header.session_id = session;
  if (with_sequence) {
    m.header.sequence_present = true;
    m.header.ns = data_ns_[from]++;
  }
  m.payload = ppp;
  b_.udp(s.host, side_[1 - from].host, s.port, side_[1 - from].port, l2tp::encode(m));
}

void L2tpLink::raw(int from, ByteView payload) {
  const L2tpSide& s = side_[from];
  b_.udp(s.host, side_[1 - from].host, s.port, side_[1 - from].port, payload);
}

void L2tpLink::open_tunnel(std::uint16_t lac_tid, std::uint16_t lns_tid) {
  using l2tp::AvpType;
  using l2tp::MessageType;
  auto tid = [](std::uint16_t v) { return l2tp::make_avp_u16(l2tp::to_u16(AvpType::assigned_tunnel_id), v, true); };
  auto host = [](const char* h) { return l2tp::make_avp_string(l2tp::to_u16(AvpType::host_name), h, true); };
  const auto framing = l2tp::make_avp_framing(AvpType::framing_capabilities, false, true);
  control(0, MessageType::sccrq, {l2tp::make_avp_protocol_version(), framing, host("lac"), tid(lac_tid)});
  side(1).peer_tunnel_id = lac_tid;
  control(1, MessageType::sccrp, {l2tp::make_avp_protocol_version(), framing, host("lns"), tid(lns_tid)});
  side(0).peer_tunnel_id = lns_tid;
  control(0, MessageType::scccn, {});
  zlb(1);
}

void L2tpLink::close_tunnel() {
  using l2tp::AvpType;
  b_.advance_ms(100);
  control(0, l2tp::MessageType::stopccn,
          {l2tp::make_avp_u16(l2tp::to_u16(AvpType::assigned_tunnel_id), side(0).tunnel_id, true),
           l2tp::make_avp_result_code({1, 0, {}})});
  zlb(1);
}

}  // namespace ts::testing
