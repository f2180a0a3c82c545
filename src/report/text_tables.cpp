#include "src/report/text_tables.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "src/report/text_format.h"

namespace ts::report {

using namespace ts::observe;

namespace {

// A spooled Connections row is "<id length> <side A length> <side B length>;" then id, side
// A, side B and the other columns (already padded): the side columns are padded only at
// write(), once the widest label of the whole capture is known. Lengths, not separators,
// because labels carry peer-chosen host names.
std::string connection_record(const std::string& id, const std::string& a, const std::string& b,
                              const std::string& rest) {
  return fmt::format("{} {} {};{}{}{}{}", id.size(), a.size(), b.size(), id, a, b, rest);
}

struct ConnectionFields {
  std::string_view id, side_a, side_b, rest;
};

ConnectionFields parse_connection_record(std::string_view r) {
  std::size_t len[3] = {};
  std::size_t pos = 0;
  for (auto& l : len) {
    auto [p, ec] = std::from_chars(r.data() + pos, r.data() + r.size(), l);
    (void)ec;
    pos = static_cast<std::size_t>(p - r.data()) + 1;  // past ' ' or ';'
  }
  ConnectionFields f;
  f.id = r.substr(pos, len[0]);
  f.side_a = r.substr(pos + len[0], len[1]);
  f.side_b = r.substr(pos + len[0] + len[1], len[2]);
  f.rest = r.substr(pos + len[0] + len[1] + len[2]);
  return f;
}
constexpr std::size_t kMaxSideWidth = 56;

std::string pair(std::uint64_t a, std::uint64_t b) { return fmt::format("{}/{}", a, b); }

std::string ids_label(const Call& c) {
  auto one = [](const std::optional<std::uint16_t>& v) { return v ? std::to_string(*v) : std::string("?"); };
  return one(c.id[0]) + "/" + one(c.id[1]);
}

std::string teardown_text(const std::string& cause, int by) {
  std::string t = cause.empty() ? "-" : cause;
  if (by >= 0) t += fmt::format(" (by {})", side_letter(by));
  return t;
}

// Reliability and keepalive: control messages, retransmissions, ZLB acknowledgements and ack
// latency per sending side, then Hello / Echo requests, replies and unanswered ones.
std::string control_row(const Connection& c) {
  const auto& s = c.control;
  const std::uint64_t acked = s[0].acked + s[1].acked;
  const double sum = s[0].ack_latency_sum + s[1].ack_latency_sum;
  const double mx = std::max(s[0].ack_latency_max, s[1].ack_latency_max);
  const std::string lat = acked ? fmt::format("{:.6f}/{:.6f}", sum / static_cast<double>(acked), mx) : "-";
  return fmt::format("  {:<8} {:>11} {:>11} {:>9} {:>21} {:>11} {:>11} {:>10}\n", c.id,
                     pair(s[0].messages, s[1].messages), pair(s[0].retransmissions, s[1].retransmissions),
                     pair(s[0].zlb, s[1].zlb), lat, pair(c.keepalive.requests[0], c.keepalive.requests[1]),
                     pair(c.keepalive.replies[0], c.keepalive.replies[1]), c.keepalive.unanswered);
}

std::string call_row(const Connection& c, const Call& call) {
  return fmt::format("  {:<8} {:>4} {:<11} {:<9} {:<12} {:>9} {:>10} {:>15}  {}\n", c.id, call.index,
                     ids_label(call), call.direction.empty() ? "-" : call.direction, call.state,
                     duration(call.requested, call.established),
                     duration(call.requested, call.ended ? call.ended : c.last),
                     fmt::format("{}/{}", call.data.packets[0], call.data.packets[1]),
                     teardown_text(call.teardown_cause, call.teardown_by));
}

// Data per call: packets and payload bytes each way, and what the sequence numbers say.
std::string data_row(const Connection& c, const Call& call) {
  const auto& q = call.sequence;
  return fmt::format("  {:<8} {:>4} {:>15} {:>19} {:>11} {:>11} {:>11}\n", c.id, call.index,
                     pair(call.data.packets[0], call.data.packets[1]), pair(call.data.bytes[0], call.data.bytes[1]),
                     pair(q[0].lost, q[1].lost), pair(q[0].reordered, q[1].reordered),
                     pair(q[0].duplicates, q[1].duplicates));
}

std::string ppp_row(const Connection& c, const Call& call) {
  const PppLink& p = call.ppp;
  return fmt::format("  {:<8} {:>4} {:<10} {:<12} {:<16} {:<9} {:<33} {:<20} {}\n", c.id, call.index, p.phase,
                     or_dash(p.auth_method), or_dash(p.user), or_dash(p.auth_outcome),
                     or_dash(p.ip_address[0]) + " / " + or_dash(p.ip_address[1]), or_dash(p.ccp),
                     or_dash(p.end_reason));
}

}  // namespace

TextTables::TextTables(const SpoolFactory& make_spool)
    : connections_(make_spool()), control_(make_spool()), calls_(make_spool()), data_(make_spool()),
      ppp_(make_spool()) {}

void TextTables::add(const Analysis& a, const Connection& c) {
  const std::string side_a = peer_label(c.side[0]), side_b = peer_label(c.side[1]);
  side_width_ = std::max({side_width_, std::min(side_a.size(), kMaxSideWidth), std::min(side_b.size(), kMaxSideWidth)});
  connections_->append(connection_record(c.id, side_a, side_b,
                                   fmt::format("{:<12} {:>10} {:>10} {:>5}  {}", c.state, opt_time(a, c.established),
                                               duration(c.first, c.ended ? c.ended : c.last), c.calls.size(),
                                               teardown_text(c.teardown_cause, c.teardown_by))));
  if (c.protocol != Protocol::ppp) control_->append(control_row(c));
  for (const auto& call : c.calls) {
    calls_->append(call_row(c, call));
    data_->append(data_row(c, call));
    if (call.ppp.seen) ppp_->append(ppp_row(c, call));
  }
}

void TextTables::write(std::string& out, const std::function<void()>& flush) {
  auto rows = [&](RecordSpool& spool) {
    spool.replay([&](std::string_view row) {
      out += row;
      flush();
    });
    out += "\n";
  };
  const std::size_t w = side_width_;
  out += "Connections\n";
  out += fmt::format("  {:<8} {:<{}} {:<{}} {:<12} {:>10} {:>10} {:>5}  {}\n", "id", "side A", w, "side B", w,
                     "state", "up at", "duration", "calls", "teardown");
  connections_->replay([&](std::string_view row) {
    const ConnectionFields f = parse_connection_record(row);
    out += fmt::format("  {:<8} {:<{}} {:<{}} {}\n", f.id, f.side_a, w, f.side_b, w, f.rest);
    flush();
  });
  out += "\n";
  out += "Control channels (A/B)\n";
  out += fmt::format("  {:<8} {:>11} {:>11} {:>9} {:>21} {:>11} {:>11} {:>10}\n", "conn", "messages", "retransmit",
                     "zlb", "ack latency avg/max", "keepalives", "replies", "unanswered");
  rows(*control_);
  out += "Calls and sessions\n";
  out += fmt::format("  {:<8} {:>4} {:<11} {:<9} {:<12} {:>9} {:>10} {:>15}  {}\n", "conn", "#", "ids A/B",
                     "direction", "state", "setup", "duration", "packets A>B/B>A", "teardown");
  rows(*calls_);
  out += "Data (A>B/B>A)\n";
  out += fmt::format("  {:<8} {:>4} {:>15} {:>19} {:>11} {:>11} {:>11}\n", "conn", "#", "packets", "bytes", "lost",
                     "reordered", "duplicate");
  rows(*data_);
  out += "PPP links\n";
  out += fmt::format("  {:<8} {:>4} {:<10} {:<12} {:<16} {:<9} {:<33} {:<20} {}\n", "conn", "call", "phase",
                     "auth", "user", "outcome", "addresses A / B", "mppe", "end");
  rows(*ppp_);
}

bool TextTables::failed() const {
  return connections_->failed() || control_->failed() || calls_->failed() || data_->failed() || ppp_->failed();
}

}  // namespace ts::report
