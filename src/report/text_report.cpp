#include "src/report/text_report.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "src/report/time_format.h"

namespace ts::report {

using namespace ts::observe;

namespace {

const char* side_letter(int s) { return s == 0 ? "A" : s == 1 ? "B" : "-"; }

std::string upper(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

std::string peer_label(const PeerInfo& p) {
  std::string s = p.port ? fmt::format("{}:{}", p.address, p.port) : p.address;
  if (!p.role.empty()) s += " " + p.role;
  if (!p.host_name.empty()) s += fmt::format(" \"{}\"", p.host_name);
  return s;
}

std::string opt_time(const Analysis& a, std::optional<Instant> t) {
  return t ? rel_seconds(a.origin, *t) : "-";
}

std::string duration(std::optional<Instant> from, std::optional<Instant> to) {
  if (!from || !to) return "-";
  return format_seconds(*to - *from);
}

std::string ids_label(const Call& c) {
  auto one = [](const std::optional<std::uint16_t>& v) { return v ? std::to_string(*v) : std::string("?"); };
  return one(c.id[0]) + "/" + one(c.id[1]);
}

void write_timeline(std::string& out, const Analysis& a, const Connection& c) {
  out += fmt::format("{} {}  A={}  B={}\n", upper(to_string(c.protocol)), c.id, peer_label(c.side[0]),
                     peer_label(c.side[1]));
  out += fmt::format("  {:>12} {:>7} {:4} {:<16} {}\n", "time", "frame", "from", "entity", "event");
  // Merge events and diagnostics by (time, frame); a frame's events come before its
  // diagnostics (they give the context the diagnostic speaks about).
  std::size_t ei = 0, di = 0;
  while (ei < c.events.size() || di < c.diags.size()) {
    const bool take_event =
        di >= c.diags.size() ||
        (ei < c.events.size() && std::make_pair(c.events[ei].ts, c.events[ei].frame) <=
                                     std::make_pair(c.diags[di].ts, c.diags[di].diag.frame));
    if (take_event) {
      const Event& e = c.events[ei++];
      const std::string frame = e.frame ? std::to_string(e.frame) : "";
      const std::string text = e.kind == EventKind::state ? "state: " + e.text : e.text;
      out += fmt::format("  {:>12} {:>7} {:4} {:<16} {}\n", rel_seconds(a.origin, e.ts), frame,
                         side_letter(e.from), e.entity, text);
    } else {
      const DiagRecord& d = c.diags[di++];
      const DiagnosticDef& def = *d.diag.def;
      out += fmt::format("  {:>12} {:>7} {:4} {:<16} !! {} {} [{}]{}{}\n", rel_seconds(a.origin, d.ts),
                         d.diag.frame ? std::to_string(d.diag.frame) : "", "", d.entity,
                         to_string(def.severity), def.id, def.clause.empty() ? "-" : def.clause,
                         d.diag.detail.empty() ? "" : ": ", d.diag.detail);
    }
  }
  out += "\n";
}

void write_connection_table(std::string& out, const Analysis& a) {
  // Side columns as wide as their longest label (bounded), so the table stays aligned.
  std::size_t w = 14;
  for (const auto& c : a.connections)
    for (const auto& s : c.side) w = std::max(w, std::min<std::size_t>(peer_label(s).size(), 56));
  out += "Connections\n";
  out += fmt::format("  {:<8} {:<{}} {:<{}} {:<12} {:>10} {:>10} {:>5}  {}\n", "id", "side A", w, "side B", w,
                     "state", "up at", "duration", "calls", "teardown");
  for (const auto& c : a.connections) {
    std::string teardown = c.teardown_cause.empty() ? "-" : c.teardown_cause;
    if (c.teardown_by >= 0) teardown += fmt::format(" (by {})", side_letter(c.teardown_by));
    out += fmt::format("  {:<8} {:<{}} {:<{}} {:<12} {:>10} {:>10} {:>5}  {}\n", c.id, peer_label(c.side[0]), w,
                       peer_label(c.side[1]), w, c.state, opt_time(a, c.established),
                       duration(c.first, c.ended ? c.ended : c.last), c.calls.size(), teardown);
  }
  out += "\n";
}

std::string pair(std::uint64_t a, std::uint64_t b) { return fmt::format("{}/{}", a, b); }

// Reliability and keepalive per connection: control messages, retransmissions, ZLB
// acknowledgements and ack latency per sending side, then Hello / Echo requests, replies and
// unanswered ones.
void write_control_table(std::string& out, const Analysis& a) {
  out += "Control channels (A/B)\n";
  out += fmt::format("  {:<8} {:>11} {:>11} {:>9} {:>21} {:>11} {:>11} {:>10}\n", "conn", "messages", "retransmit",
                     "zlb", "ack latency avg/max", "keepalives", "replies", "unanswered");
  for (const auto& c : a.connections) {
    if (c.protocol == Protocol::ppp) continue;
    const auto& s = c.control;
    const std::uint64_t acked = s[0].acked + s[1].acked;
    const double sum = s[0].ack_latency_sum + s[1].ack_latency_sum;
    const double mx = std::max(s[0].ack_latency_max, s[1].ack_latency_max);
    const std::string lat = acked ? fmt::format("{:.6f}/{:.6f}", sum / static_cast<double>(acked), mx) : "-";
    out += fmt::format("  {:<8} {:>11} {:>11} {:>9} {:>21} {:>11} {:>11} {:>10}\n", c.id,
                       pair(s[0].messages, s[1].messages), pair(s[0].retransmissions, s[1].retransmissions),
                       pair(s[0].zlb, s[1].zlb), lat, pair(c.keepalive.requests[0], c.keepalive.requests[1]),
                       pair(c.keepalive.replies[0], c.keepalive.replies[1]), c.keepalive.unanswered);
  }
  out += "\n";
}

// Data per call: packets and payload bytes each way, and what the sequence numbers say.
void write_data_table(std::string& out, const Analysis& a) {
  out += "Data (A>B/B>A)\n";
  out += fmt::format("  {:<8} {:>4} {:>15} {:>19} {:>11} {:>11} {:>11}\n", "conn", "#", "packets", "bytes", "lost",
                     "reordered", "duplicate");
  for (const auto& c : a.connections)
    for (const auto& call : c.calls) {
      const auto& q = call.sequence;
      out += fmt::format("  {:<8} {:>4} {:>15} {:>19} {:>11} {:>11} {:>11}\n", c.id, call.index,
                         pair(call.data.packets[0], call.data.packets[1]), pair(call.data.bytes[0], call.data.bytes[1]),
                         pair(q[0].lost, q[1].lost), pair(q[0].reordered, q[1].reordered),
                         pair(q[0].duplicates, q[1].duplicates));
    }
  out += "\n";
}

void write_call_table(std::string& out, const Analysis& a) {
  out += "Calls and sessions\n";
  out += fmt::format("  {:<8} {:>4} {:<11} {:<9} {:<12} {:>9} {:>10} {:>15}  {}\n", "conn", "#", "ids A/B",
                     "direction", "state", "setup", "duration", "packets A>B/B>A", "teardown");
  for (const auto& c : a.connections)
    for (const auto& call : c.calls) {
      std::string teardown = call.teardown_cause.empty() ? "-" : call.teardown_cause;
      if (call.teardown_by >= 0) teardown += fmt::format(" (by {})", side_letter(call.teardown_by));
      out += fmt::format("  {:<8} {:>4} {:<11} {:<9} {:<12} {:>9} {:>10} {:>15}  {}\n", c.id, call.index,
                         ids_label(call), call.direction.empty() ? "-" : call.direction, call.state,
                         duration(call.requested, call.established),
                         duration(call.requested, call.ended ? call.ended : c.last),
                         fmt::format("{}/{}", call.data.packets[0], call.data.packets[1]), teardown);
    }
  (void)a;
  out += "\n";
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

void write_ppp_table(std::string& out, const Analysis& a) {
  out += "PPP links\n";
  out += fmt::format("  {:<8} {:>4} {:<10} {:<12} {:<16} {:<9} {:<33} {:<20} {}\n", "conn", "call", "phase",
                     "auth", "user", "outcome", "addresses A / B", "mppe", "end");
  for (const auto& c : a.connections)
    for (const auto& call : c.calls) {
      const PppLink& p = call.ppp;
      if (!p.seen) continue;
      out += fmt::format("  {:<8} {:>4} {:<10} {:<12} {:<16} {:<9} {:<33} {:<20} {}\n", c.id, call.index, p.phase,
                         or_dash(p.auth_method), or_dash(p.user), or_dash(p.auth_outcome),
                         or_dash(p.ip_address[0]) + " / " + or_dash(p.ip_address[1]), or_dash(p.ccp),
                         or_dash(p.end_reason));
    }
  out += "\n";
}

void write_diag_summary(std::string& out, const Analysis& a) {
  std::map<std::string_view, std::pair<const DiagnosticDef*, std::uint64_t>> by_id;
  std::array<std::uint64_t, 3> sev{};
  auto count = [&](const DiagRecord& d) {
    auto& slot = by_id[d.diag.def->id];
    slot.first = d.diag.def;
    ++slot.second;
    ++sev[static_cast<int>(d.diag.def->severity)];
  };
  for (const auto& c : a.connections)
    for (const auto& d : c.diags) count(d);
  for (const auto& d : a.capture_diags) count(d);
  out += fmt::format("Diagnostics: {} errors, {} warnings, {} infos\n", sev[2], sev[1], sev[0]);
  for (const auto& [id, v] : by_id)
    out += fmt::format("  {:>6}  {:<7} {:<40} {:<18} {}\n", v.second, to_string(v.first->severity), id,
                       v.first->clause.empty() ? "-" : v.first->clause, v.first->text);
}

}  // namespace

std::string text_packet(const PacketRecord& p, const Analysis& a) {
  return fmt::format("{:>7} {:>12} {}\n", p.frame, rel_seconds(a.origin, p.ts), p.summary);
}

std::string text_report(const Analysis& a, const ReportOptions& o) {
  std::string out;
  out += fmt::format("tunnelscope {} analyze\n", o.tool_version);
  for (const auto& in : a.inputs) {
    out += fmt::format("input {}: {} frames, {} bytes, link type {}, {} tunnel frames{}\n", in.path, in.frames,
                       in.bytes, in.linktype, in.tunnel_frames,
                       in.truncated.empty() ? "" : " (file cut off: " + in.truncated + ")");
  }
  if (a.origin) out += fmt::format("times are seconds since {}\n", format_utc(*a.origin));
  out += "\n";
  for (const auto& c : a.connections) write_timeline(out, a, c);
  if (!a.capture_diags.empty()) {
    out += "Capture\n";
    for (const auto& d : a.capture_diags)
      out += fmt::format("  {:>12} {:>7} !! {} {}{}{}\n", rel_seconds(a.origin, d.ts),
                         d.diag.frame ? std::to_string(d.diag.frame) : "", to_string(d.diag.def->severity),
                         d.diag.def->id, d.diag.detail.empty() ? "" : ": ", d.diag.detail);
    out += "\n";
  }
  write_connection_table(out, a);
  write_control_table(out, a);
  write_call_table(out, a);
  write_data_table(out, a);
  write_ppp_table(out, a);
  write_diag_summary(out, a);
  return out;
}

}  // namespace ts::report
