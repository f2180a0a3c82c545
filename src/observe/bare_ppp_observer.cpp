#include "src/observe/bare_ppp_observer.h"

#include <fmt/format.h>

namespace ts::observe {

BarePppObserver::Link& BarePppObserver::link_for(const FrameInfo& f, std::uint16_t session,
                                                 const net::MacAddress& host, const net::MacAddress& ac) {
  auto key = std::make_tuple(session, host, ac);
  if (auto it = by_session_.find(key); it != by_session_.end()) return *it->second;
  Link& l = links_.emplace_back();
  l.conn = &ctx_.new_connection(Protocol::ppp, f);
  l.mac = {host, ac};
  l.conn->side[0].address = net::mac_to_string(host);
  l.conn->side[1].address = net::mac_to_string(ac);
  // Roles only with evidence: link_for is told the host and AC apart by a PADS; a session
  // first seen mid-way has its first sender as side A, role unknown.
  l.conn->state = "established";
  Call& call = l.conn->calls.emplace_back();
  call.index = 1;
  call.id = {session, session};
  call.state = "established";
  call.requested = f.ts;
  by_session_[key] = &l;
  return l;
}

void BarePppObserver::on_pppoe(const FrameInfo& f, const net::MacAddress& src, const net::MacAddress& dst,
                               const net::PppoeHeader& h) {
  // Which MAC is the host: look the session up both ways; a new session's first sender is
  // taken as the host unless the code says otherwise (PADS comes from the AC).
  Link* l = nullptr;
  int from = 0;
  if (auto it = by_session_.find({h.session_id, src, dst}); it != by_session_.end()) {
    l = it->second;
  } else if (auto it2 = by_session_.find({h.session_id, dst, src}); it2 != by_session_.end()) {
    l = it2->second;
    from = 1;
  }
  if (h.code != net::pppoe_code::kSession && h.code != net::pppoe_code::kPads && h.code != net::pppoe_code::kPadt)
    return;  // PADI/PADO/PADR: discovery before a session exists (shown with --packets)
  if (!l) {
    if (h.code == net::pppoe_code::kPads) {
      l = &link_for(f, h.session_id, dst, src);
      from = 1;
      // RFC 2516 §5.4: the Access Concentrator sends the PADS.
      l->conn->side[0].role = "host";
      l->conn->side[1].role = "AC";
    } else {
      l = &link_for(f, h.session_id, src, dst);
    }
  }
  Connection& c = *l->conn;
  ctx_.claim(c, f);
  Call& call = c.calls.front();
  if (h.code == net::pppoe_code::kPads) {
    ctx_.event(c, f, "pppoe", from, EventKind::message, fmt::format("PADS session {}", h.session_id));
    return;
  }
  if (h.code == net::pppoe_code::kPadt) {
    ctx_.event(c, f, "pppoe", from, EventKind::message, fmt::format("PADT session {}", h.session_id));
    c.ended = f.ts;
    c.state = "closed";
    c.teardown_cause = "PADT";
    c.teardown_by = from;
    call.ended = f.ts;
    call.state = "disconnected";
    return;
  }
  ++call.data.packets[from];
  call.data.bytes[from] += h.payload.size();
  // RFC 2516 §7: the session payload starts at the PPP Protocol field.
  l->ppp.set_no_address_control();
  l->ppp.on_frame(ctx_, c, call, "ppp", from, f, h.payload);
}

void BarePppObserver::on_serial(const FrameInfo& f, ByteView ppp_frame, int direction, int link,
                                bool no_address_control) {
  Link*& l = serial_[link];
  if (!l) {
    l = &links_.emplace_back();
    l->conn = &ctx_.new_connection(Protocol::ppp, f);
    const std::string suffix = link >= 0 ? fmt::format(" link {}", link) : "";
    l->conn->side[0].address = (direction >= 0 ? "local" : "link") + suffix;
    l->conn->side[1].address = (direction >= 0 ? "remote" : "link") + suffix;
    if (direction < 0) l->ppp.set_undirected();
    if (no_address_control) l->ppp.set_no_address_control();
    l->conn->state = "established";
    Call& call = l->conn->calls.emplace_back();
    call.index = 1;
    call.state = "established";
    call.requested = f.ts;
  }
  Link* const serial = l;
  Connection& c = *serial->conn;
  ctx_.claim(c, f);
  Call& call = c.calls.front();
  const int from = direction >= 0 ? direction : 0;
  ++call.data.packets[from];
  call.data.bytes[from] += ppp_frame.size();
  serial->ppp.on_frame(ctx_, c, call, "ppp", from, f, ppp_frame);
}

void BarePppObserver::retire(const FrameInfo& f, bool all) {
  ctx_.retire_items(links_, f, all, [&](Link& l) {
    l.ppp.finish(ctx_, *l.conn, l.conn->calls.front(), "ppp", f);
    std::erase_if(by_session_, [&](const auto& entry) { return entry.second == &l; });
    std::erase_if(serial_, [&](const auto& entry) { return entry.second == &l; });
  });
}

}  // namespace ts::observe
