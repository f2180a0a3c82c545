// The TCP half of Simulator: a reliable, in-order byte stream whose segments still look like
// a real connection on the tap (handshake, sequence and acknowledgement numbers, FIN).
#include <algorithm>

#include "src/runtime/sim/simulator.h"

namespace ts::sim {

void Simulator::tcp_emit(std::size_t k, int side, std::uint16_t flags, ByteView payload) {
  TcpConn& conn = *conns_[k];
  Packet p;
  p.kind = engine::ChannelKind::tcp;
  p.from = conn.node[side];
  p.to = conn.node[1 - side];
  p.sport = conn.port[side];
  p.dport = conn.port[1 - side];
  p.payload.assign(payload.begin(), payload.end());
  p.conn = k;
  p.side = side;
  p.tcp = conn.seq.next(side, p.sport, p.dport, flags, payload.size());
  if (flags & net::tcp_flag::kAck) conn.ack_pending[side] = false;
  transmit(std::move(p));
}

void Simulator::tcp_send(std::size_t k, int side, ByteView data) {
  for (std::size_t off = 0; off < data.size(); off += TcpSequencer::kMss) {
    const std::size_t n = std::min<std::size_t>(TcpSequencer::kMss, data.size() - off);
    tcp_emit(k, side, net::tcp_flag::kAck | net::tcp_flag::kPsh, data.subspan(off, n));
  }
}

void Simulator::deliver_tcp(Packet& p) {
  TcpConn& conn = *conns_[p.conn];
  const int r = 1 - p.side;  // the receiving side
  const NodeId rn = conn.node[r];
  conn.seq.delivered(p.side, p.tcp, p.payload.size());
  const std::uint16_t f = p.tcp.flags;
  const auto channel_of = [&]() -> Channel* {
    if (!conn.channel[r]) return nullptr;
    auto it = node(rn).channels.find(*conn.channel[r]);
    return it == node(rn).channels.end() ? nullptr : &it->second;
  };

  if (f & net::tcp_flag::kRst) {
    const bool refused = conn.state == TcpState::syn_sent;
    conn.state = TcpState::closed;
    if (conn.channel[r]) {
      const engine::ChannelId cid = *conn.channel[r];
      node(rn).channels.erase(cid);
      conn.channel[r].reset();
      dispatch(rn, engine::Closed{cid, refused ? "connection refused" : "connection reset"});
    }
    return;
  }
  if ((f & net::tcp_flag::kSyn) && !(f & net::tcp_flag::kAck)) {  // at the server
    if (node(rn).listeners.count({engine::ChannelKind::tcp, conn.port[r]})) {
      conn.state = TcpState::syn_received;
      tcp_emit(p.conn, r, net::tcp_flag::kSyn | net::tcp_flag::kAck);
    } else {
      note(rn, TraceKind::link, "no listener: " + describe(p));
      tcp_emit(p.conn, r, net::tcp_flag::kRst | net::tcp_flag::kAck);
    }
    return;
  }
  if (f & net::tcp_flag::kSyn) {  // SYN-ACK at the client
    Channel* c = channel_of();
    if (!c || c->connected) return;  // closed meanwhile: the RST is on its way
    // conn.state stays syn_received until the server sees this ACK.
    c->connected = true;
    tcp_emit(p.conn, r, net::tcp_flag::kAck);
    const Bytes pending = std::move(c->pending);
    c->pending.clear();
    if (!pending.empty()) tcp_send(p.conn, r, pending);
    dispatch(rn, engine::Opened{*conn.channel[r]});
    return;
  }
  if (f & net::tcp_flag::kFin) {
    if (channel_of()) {  // the peer closed first
      const engine::ChannelId cid = *conn.channel[r];
      node(rn).channels.erase(cid);
      conn.channel[r].reset();
      conn.fin_sent[r] = true;
      tcp_emit(p.conn, r, net::tcp_flag::kFin | net::tcp_flag::kAck);
      dispatch(rn, engine::Closed{cid, "peer closed"});
    } else {  // the answer to our own FIN
      tcp_emit(p.conn, r, net::tcp_flag::kAck);
      if (conn.fin_sent[0] && conn.fin_sent[1]) conn.state = TcpState::closed;
    }
    return;
  }
  if (p.payload.empty()) {                                 // a pure ACK
    if (r == 1 && conn.state == TcpState::syn_received) {  // handshake done: accept
      conn.state = TcpState::established;
      Node& server = node(rn);
      const engine::ChannelId cid = server.next_accepted++;
      Channel c;
      c.kind = engine::ChannelKind::tcp;
      c.remote = conn.node[0];
      c.local_port = conn.port[1];
      c.remote_port = conn.port[0];
      c.conn = p.conn;
      c.side = 1;
      c.connected = true;
      server.channels[cid] = std::move(c);
      conn.channel[1] = cid;
      dispatch(rn, engine::Opened{cid});
    }
    return;
  }
  conn.ack_pending[r] = true;
  if (channel_of()) {
    dispatch(rn, engine::Received{*conn.channel[r], std::move(p.payload)});
  } else {
    note(rn, TraceKind::link, "data after close discarded: " + describe(p));
  }
  // Nothing of ours carried the acknowledgement: a pure ACK, as a quick-ack stack would.
  if (conn.ack_pending[r] && conn.state != TcpState::closed) tcp_emit(p.conn, r, net::tcp_flag::kAck);
}

}  // namespace ts::sim
