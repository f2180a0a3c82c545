// PptpObserver: the TCP control channel and the control connection (RFC 2637 §1.4, §3.1).
// Calls and GRE are in pptp_call_observer.cpp.
#include "src/observe/pptp_observer.h"

#include <fmt/format.h>

#include "dissectors/pptp/names.h"
#include "src/observe/observe_diagnostics.h"
#include "src/observe/observe_util.h"

namespace ts::observe {

namespace mp = machines::pptp;

namespace {
using pptp::kHeaderSize;

// The Magic Cookie (RFC 2637 §1.4) at `p`.
bool magic_at(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3]) ==
         pptp::kMagicCookie;
}

// Offset of the next plausible message start (a Magic Cookie at +4 with a sane Length
// before it), or npos.
std::size_t find_resync(ByteView b) {
  for (std::size_t i = 4; i + 4 <= b.size(); ++i) {
    if (magic_at(b.data() + i)) {
      const std::size_t len = std::size_t{b[i - 4]} << 8 | b[i - 3];
      if (len >= kHeaderSize && len <= 1024) return i - 4;
    }
  }
  return std::string::npos;
}
}  // namespace

PptpObserver::Control& PptpObserver::control_for(const FrameInfo& f, const TransportAddress& src,
                                                 const TransportAddress& dst, bool syn, int& from) {
  // A SYN on the 4-tuple of a connection that has ended opens a new one.
  auto live = [&](Control* c) { return !(syn && c->conn->ended); };
  if (auto it = by_tuple_.find({src, dst}); it != by_tuple_.end() && live(it->second)) {
    from = 0;
    return *it->second;
  }
  if (auto it = by_tuple_.find({dst, src}); it != by_tuple_.end() && live(it->second)) {
    from = 1;
    return *it->second;
  }
  // Side 0 is the client: the SYN sender, else whoever is not on port 1723.
  const bool src_is_client = syn || src.port != pptp::kTcpPort || dst.port == pptp::kTcpPort;
  Control& c = controls_.emplace_back();
  c.conn = &ctx_.new_connection(Protocol::pptp, f);
  c.ep = src_is_client ? std::array{src, dst} : std::array{dst, src};
  for (int i = 0; i < 2; ++i) {
    c.conn->side[i].address = c.ep[i].address.to_string();
    c.conn->side[i].port = c.ep[i].port;
  }
  by_tuple_[{c.ep[0], c.ep[1]}] = &c;
  from = src_is_client ? 0 : 1;
  return c;
}

void PptpObserver::on_tcp(const FrameInfo& f, const TransportAddress& src, const TransportAddress& dst,
                          const TcpSegment& seg) {
  int from = 0;
  Control& c = control_for(f, src, dst, seg.syn, from);
  Connection& conn = *c.conn;
  ctx_.claim(conn, f);
  Diagnostics ds;
  const TcpStreamCounters before = c.stream[from].counters();
  c.stream[from].on_segment(seg.seq, seg.syn, seg.fin, seg.rst, seg.payload, f.ts, ds);
  if (c.cut_pending[from]) {
    // The previous segment was cut by the snaplen: skip its missing bytes now.
    c.stream[from].flush_gap(ds);
    c.cut_pending[from] = false;
  }
  if (f.cut && !seg.payload.empty()) {
    c.cut_pending[from] = true;
    ctx_.suspend_checks(conn, f, "TCP segment cut by the snaplen");
  }
  ctx_.diags(&conn, f, "tunnel", ds);
  const TcpStreamCounters& after = c.stream[from].counters();
  if (after.retransmitted > before.retransmitted) {
    ++conn.control[from].retransmissions;
    ctx_.event(conn, f, "tunnel", from, EventKind::info, "TCP retransmission of control channel data");
  }
  if (after.out_of_order > before.out_of_order) {
    ++conn.control[from].out_of_window;
    ctx_.event(conn, f, "tunnel", from, EventKind::info, "TCP segment out of order (held until the gap fills)");
  }
  drain(c, from, f);
  if ((seg.fin || seg.rst) && !conn.ended) {
    conn.ended = f.ts;
    if (conn.teardown_cause.empty()) {
      conn.teardown_cause = fmt::format("TCP {} from {} without Stop-Control-Connection", seg.rst ? "RST" : "FIN",
                                        side_name(from));
      conn.teardown_by = from;
    }
    if (conn.state != "closed") conn.state = "tcp closed";
    ctx_.event(conn, f, "tunnel", from, EventKind::info, seg.rst ? "TCP RST" : "TCP FIN");
  }
}

void PptpObserver::describe_packet(const FrameInfo& f, const pptp::Message& m) {
  if (!f.packet) return;
  // A segment may carry several messages (and a message several segments): "pptp" is an
  // array of the messages completed by this frame.
  Field* arr = nullptr;
  for (auto& l : f.packet->layers.children)
    if (l.name == "pptp") arr = &l;
  if (!arr) arr = &f.packet->layers.add_array("pptp");
  pptp::describe(m, arr->add_object());
  f.packet->summary += (f.packet->summary.empty() ? "PPTP " : " | PPTP ") + pptp::summarize(m);
}

void PptpObserver::drain(Control& c, int from, const FrameInfo& f) {
  TcpStreamReassembler& s = c.stream[from];
  Connection& conn = *c.conn;
  for (int guard = 0; guard < 100000; ++guard) {
    ByteView rd = s.readable();
    if (s.gap_before_readable()) {
      // After a hole the stream may start mid-message: find the next message start.
      const std::size_t at = find_resync(rd);
      if (at == std::string::npos) {
        s.consume(rd.size() > 7 ? rd.size() - 7 : 0);
        return;
      }
      s.consume(at);
      s.clear_gap();
      continue;
    }
    const auto len = pptp::stream_message_length(rd);
    if (!len || rd.size() < kHeaderSize) return;
    const bool bad_magic = !magic_at(rd.data() + 4);
    // A wrong Magic Cookie with a sane Length is one bad message (the codec reports it);
    // only a Length that cannot be right means the framing is lost.
    const bool bad_length = *len < kHeaderSize || *len > 4096;
    if (bad_magic && !bad_length) {
      if (rd.size() < *len) return;  // wait for the whole bad message, then skip it
      auto d = pptp::decode(rd.first(*len));
      describe_packet(f, d.value);
      ctx_.diags(&conn, f, "tunnel", d.diags);
      ctx_.event(conn, f, "tunnel", from, EventKind::message, "bad message skipped: " + pptp::summarize(d.value));
      s.consume(*len);
      continue;
    }
    if (bad_length || bad_magic) {
      // RFC 2637 §1.4: framing lost. Report once per loss and hunt for the next header.
      ctx_.diag(&conn, f, "tunnel", diag::kPptpStreamDesync,
                fmt::format("from {}: Length {}{}", side_name(from), *len, bad_magic ? ", no Magic Cookie" : ""));
      const std::size_t at = find_resync(rd.subspan(1));
      if (at == std::string::npos) {
        s.consume(rd.size() > 7 ? rd.size() - 7 : 0);
        return;
      }
      s.consume(at + 1);
      continue;
    }
    if (rd.size() < *len) return;  // wait for the rest of the message
    auto d = pptp::decode(rd.first(*len));
    describe_packet(f, d.value);
    ctx_.diags(&conn, f, "tunnel", d.diags);
    if (d.complete) on_message(c, from, f, d.value);
    else ctx_.truncated(&conn, f, "tunnel", "pptp", d.truncated_field);
    s.consume(*len);
  }
}

void PptpObserver::on_message(Control& c, int from, const FrameInfo& f, const pptp::Message& m) {
  Connection& conn = *c.conn;
  const std::uint16_t type = m.header.control_message_type;
  const bool call_scoped = type >= 7 && type <= 15;
  ctx_.event(conn, f, call_scoped ? "call" : "tunnel", from, EventKind::message, pptp::summarize(m));
  ++conn.control[from].messages;
  for (int side : {from, 1 - from}) {
    const auto dir = side == from ? machines::Direction::sent : machines::Direction::received;
    const auto st = mp::control_step(c.state[side], dir, type);
    if (!st.legal) {
      ctx_.diag(&conn, f, "tunnel", diag::kPptpIllegalControl,
                fmt::format("{} {} by {} in state {}", pptp::message_abbrev(type), machines::to_string(dir),
                            side_name(side), mp::to_string(c.state[side])));
    } else if (st.next != c.state[side]) {
      ctx_.event(conn, f, "tunnel", -1, EventKind::state,
                 fmt::format("{} {} -> {}", side_name(side), mp::to_string(c.state[side]), mp::to_string(st.next)));
      c.state[side] = st.next;
    }
  }
  if (c.state[0] == mp::ControlState::established && c.state[1] == mp::ControlState::established &&
      !conn.established) {
    conn.established = f.ts;
    conn.state = "established";
  }
  if (call_scoped) on_call_message(c, from, f, m);
  else on_control_message(c, from, f, m);
}

void PptpObserver::on_control_message(Control& c, int from, const FrameInfo& f, const pptp::Message& m) {
  Connection& conn = *c.conn;
  PeerInfo& p = conn.side[from];
  auto learn = [&](const auto& msg) {
    p.host_name = msg.host_name;
    p.vendor_name = msg.vendor_string;
    p.firmware = msg.firmware_revision;
    p.max_channels = msg.maximum_channels;
    p.protocol_version = fmt::format("{}.{}", msg.protocol_version >> 8, msg.protocol_version & 0xff);
    p.framing_caps = pptp::bits_text(pptp::framing_capability_bits(), msg.framing_capabilities);
    p.bearer_caps = pptp::bits_text(pptp::bearer_capability_bits(), msg.bearer_capabilities);
  };
  std::visit(
      [&](const auto& msg) {
        using T = std::decay_t<decltype(msg)>;
        if constexpr (std::is_same_v<T, pptp::StartControlConnectionRequest>) {
          learn(msg);
        } else if constexpr (std::is_same_v<T, pptp::StartControlConnectionReply>) {
          learn(msg);
          if (msg.result_code != 1) {
            // RFC 2637 §2.2: any other result refuses the control connection.
            conn.teardown_cause = fmt::format("SCCRP result {} ({}), error {} ({})", msg.result_code,
                                              pptp::result_text(2, msg.result_code), msg.error_code,
                                              pptp::error_text(msg.error_code));
            conn.teardown_by = from;
            conn.state = "refused";
            c.state = {mp::ControlState::idle, mp::ControlState::idle};
            ctx_.diag(&conn, f, "tunnel", diag::kPptpNegativeReply, conn.teardown_cause);
          }
        } else if constexpr (std::is_same_v<T, pptp::StopControlConnectionRequest>) {
          if (conn.teardown_cause.empty()) {
            conn.teardown_cause = fmt::format("StopCCRQ reason {} ({})", msg.reason, pptp::result_text(3, msg.reason));
            conn.teardown_by = from;
          }
          conn.state = "closing";
        } else if constexpr (std::is_same_v<T, pptp::StopControlConnectionReply>) {
          conn.state = "closed";
          conn.ended = f.ts;
          for (auto& t : c.calls) end_call(c, t, f, "control connection stopped", -1);
        } else if constexpr (std::is_same_v<T, pptp::EchoRequest>) {
          ++conn.keepalive.requests[from];
          if (c.last_echo[from]) conn.keepalive.interval = to_seconds(f.ts - *c.last_echo[from]);
          c.last_echo[from] = f.ts;
          c.echo_outstanding[from][msg.identifier] = f.ts;
        } else if constexpr (std::is_same_v<T, pptp::EchoReply>) {
          ++conn.keepalive.replies[from];
          c.echo_outstanding[1 - from].erase(msg.identifier);
        }
      },
      m.body);
}

void PptpObserver::on_icmp_error(const FrameInfo& f, const net::IpAddress& reporter, const TransportAddress& src,
                                 const TransportAddress& dst, const std::string& what) {
  int side = 0;
  auto it = by_tuple_.find({src, dst});
  if (it == by_tuple_.end()) {
    it = by_tuple_.find({dst, src});
    side = 1;
  }
  if (it == by_tuple_.end()) return;
  Connection& c = *it->second->conn;
  ctx_.claim(c, f);
  const int from = it->second->ep[1 - side].address == reporter ? 1 - side : -1;
  ctx_.event(c, f, "tunnel", from, EventKind::info,
             fmt::format("ICMP {} from {} for a TCP segment of the control connection", what, reporter.to_string()));
  ctx_.diag(&c, f, "tunnel", diag::kIcmpErrorForTunnel,
            fmt::format("{} from {} for {}'s control channel", what, reporter.to_string(), side_name(side)));
}

void PptpObserver::finish_control(Control& c, const FrameInfo& last) {
  Connection& conn = *c.conn;
  for (int side = 0; side < 2; ++side) {
    Diagnostics ds;
    c.stream[side].flush_gap(ds);
    ctx_.diags(&conn, last, "tunnel", ds);
    drain(c, side, last);
    // RFC 2637 §3.1.4: the peer answers an Echo-Request; allow a minute for the last one.
    std::size_t unanswered = 0;
    for (const auto& [id, ts] : c.echo_outstanding[side])
      if (last.ts - ts > std::chrono::seconds(60)) ++unanswered;
    conn.keepalive.unanswered += static_cast<std::uint32_t>(unanswered);
    if (unanswered)
      ctx_.diag(&conn, last, "tunnel", diag::kPptpEchoUnanswered,
                fmt::format("{} Echo-Request(s) from {} unanswered", unanswered, side_name(side)));
  }
  for (auto& t : c.calls) t.ppp.finish(ctx_, conn, conn.calls[t.call], t.ppp_entity, last);
}

void PptpObserver::retire(const FrameInfo& f, bool all) {
  ctx_.retire_items(controls_, f, all, [&](Control& c) {
    finish_control(c, f);
    std::erase_if(by_tuple_, [&](const auto& entry) { return entry.second == &c; });
    std::erase_if(gre_routes_, [&](const auto& entry) { return entry.second.control == &c; });
  });
}

}  // namespace ts::observe
