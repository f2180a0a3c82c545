#include "src/report/json_records.h"

#include "src/report/json_writer.h"
#include "src/report/time_format.h"

namespace ts::report {

using namespace ts::observe;

namespace {

void kv_time(JsonWriter& w, std::string_view key, const Analysis& a, std::optional<Instant> t) {
  w.key(key);
  if (t) w.raw_number(rel_seconds(a.origin, *t));
  else w.null();
}

template <typename T>
void kv_opt(JsonWriter& w, std::string_view key, const std::optional<T>& v) {
  w.key(key);
  if (v) w.value(static_cast<std::uint64_t>(*v));
  else w.null();
}

void kv_text_or_null(JsonWriter& w, std::string_view key, const std::string& s) {
  w.key(key);
  if (s.empty()) w.null();
  else w.value(s);
}

void write_peer(JsonWriter& w, const PeerInfo& p) {
  w.begin_object();
  w.kv("address", p.address).kv("port", std::uint64_t{p.port});
  kv_text_or_null(w, "role", p.role);
  kv_text_or_null(w, "host_name", p.host_name);
  kv_text_or_null(w, "vendor_name", p.vendor_name);
  kv_opt(w, "firmware", p.firmware);
  kv_opt(w, "tunnel_id", p.tunnel_id);
  kv_opt(w, "receive_window", p.receive_window);
  kv_text_or_null(w, "protocol_version", p.protocol_version);
  kv_text_or_null(w, "framing_capabilities", p.framing_caps);
  kv_text_or_null(w, "bearer_capabilities", p.bearer_caps);
  kv_opt(w, "max_channels", p.max_channels);
  w.end_object();
}

void write_pair_u64(JsonWriter& w, std::string_view key, const std::array<std::uint64_t, 2>& v) {
  w.key(key).begin_array().value(v[0]).value(v[1]).end_array();
}
void write_pair_u32(JsonWriter& w, std::string_view key, const std::array<std::uint32_t, 2>& v) {
  w.key(key).begin_array().value(v[0]).value(v[1]).end_array();
}
void write_pair_text(JsonWriter& w, std::string_view key, const std::array<std::string, 2>& v) {
  w.key(key).begin_array();
  for (const auto& s : v) {
    if (s.empty()) w.null();
    else w.value(s);
  }
  w.end_array();
}

void write_lcp_side(JsonWriter& w, const PppSideOptions& o) {
  w.begin_object();
  kv_opt(w, "mru", o.mru);
  kv_opt(w, "accm", o.accm);
  kv_opt(w, "magic", o.magic);
  kv_text_or_null(w, "auth", o.auth);
  w.kv("pfc", o.pfc).kv("acfc", o.acfc).kv("acked", o.acked).end_object();
}

}  // namespace

void write_json_connection(std::string& out, const Analysis& a, const Connection& c) {
  JsonWriter w(out);
  w.begin_object().kv("record", "connection").kv("id", c.id).kv("protocol", to_string(c.protocol));
  w.key("sides").begin_array();
  write_peer(w, c.side[0]);
  write_peer(w, c.side[1]);
  w.end_array();
  w.kv("state", c.state);
  kv_time(w, "first", a, c.first);
  kv_time(w, "established", a, c.established);
  kv_time(w, "last", a, c.last);
  kv_time(w, "ended", a, c.ended);
  kv_text_or_null(w, "teardown_cause", c.teardown_cause);
  w.key("teardown_by");
  if (c.teardown_by >= 0) w.value(c.teardown_by);
  else w.null();
  w.key("control").begin_array();
  for (const auto& s : c.control) {
    w.begin_object().kv("messages", s.messages).kv("retransmissions", s.retransmissions);
    w.kv("duplicates", s.duplicates).kv("zlb", s.zlb).kv("out_of_window", s.out_of_window);
    w.kv("acked", s.acked);
    w.key("ack_latency_avg");
    if (s.acked) w.value_double(s.ack_latency_sum / static_cast<double>(s.acked));
    else w.null();
    w.key("ack_latency_max").value_double(s.ack_latency_max);
    w.end_object();
  }
  w.end_array();
  w.key("keepalive").begin_object();
  write_pair_u32(w, "requests", c.keepalive.requests);
  write_pair_u32(w, "replies", c.keepalive.replies);
  w.kv("unanswered", std::uint64_t{c.keepalive.unanswered});
  w.key("interval");
  if (c.keepalive.interval) w.value_double(*c.keepalive.interval);
  else w.null();
  w.end_object();
  w.kv("calls", static_cast<std::uint64_t>(c.calls.size()));
  w.end_object();
  out.push_back('\n');
}

void write_json_call(std::string& out, const Analysis& a, const Connection& c, const Call& call) {
  JsonWriter w(out);
  w.begin_object().kv("record", "call").kv("connection", c.id).kv("index", std::uint64_t{call.index});
  w.kv("kind", c.protocol == Protocol::l2tp ? "session" : "call");
  w.key("ids").begin_array();
  for (const auto& id : call.id) {
    if (id) w.value(std::uint64_t{*id});
    else w.null();
  }
  w.end_array();
  kv_text_or_null(w, "direction", call.direction);
  kv_opt(w, "serial", call.serial);
  kv_text_or_null(w, "bearer", call.bearer);
  kv_text_or_null(w, "framing", call.framing);
  kv_opt(w, "min_bps", call.min_bps);
  kv_opt(w, "max_bps", call.max_bps);
  kv_opt(w, "connect_speed", call.connect_speed);
  kv_opt(w, "rx_connect_speed", call.rx_connect_speed);
  kv_text_or_null(w, "called_number", call.called_number);
  kv_text_or_null(w, "calling_number", call.calling_number);
  kv_text_or_null(w, "sub_address", call.sub_address);
  w.kv("state", call.state);
  kv_time(w, "requested", a, call.requested);
  kv_time(w, "established", a, call.established);
  kv_time(w, "ended", a, call.ended);
  w.key("setup_latency");
  if (call.requested && call.established) w.raw_number(format_seconds(*call.established - *call.requested));
  else w.null();
  kv_text_or_null(w, "teardown_cause", call.teardown_cause);
  w.key("teardown_by");
  if (call.teardown_by >= 0) w.value(call.teardown_by);
  else w.null();
  write_pair_u64(w, "packets", call.data.packets);
  write_pair_u64(w, "bytes", call.data.bytes);
  w.key("sequence").begin_array();
  for (const auto& s : call.sequence) {
    w.begin_object().kv("packets", s.packets).kv("lost", s.lost).kv("reordered", s.reordered);
    w.kv("duplicates", s.duplicates).kv("acks", s.acks).end_object();
  }
  w.end_array().end_object();
  out.push_back('\n');
}

void write_json_ppp_link(std::string& out, const Analysis& a, const Connection& c, const Call& call) {
  const PppLink& p = call.ppp;
  JsonWriter w(out);
  w.begin_object().kv("record", "ppp_link").kv("connection", c.id).kv("call", std::uint64_t{call.index});
  w.kv("phase", p.phase);
  w.key("lcp").begin_array();
  write_lcp_side(w, p.lcp[0]);
  write_lcp_side(w, p.lcp[1]);
  w.end_array();
  kv_text_or_null(w, "auth_method", p.auth_method);
  w.key("authenticator");
  if (p.authenticator >= 0) w.value(p.authenticator);
  else w.null();
  kv_text_or_null(w, "user", p.user);
  kv_text_or_null(w, "auth_outcome", p.auth_outcome);
  kv_text_or_null(w, "auth_detail", p.auth_detail);
  kv_text_or_null(w, "auth_check", p.auth_check);
  write_pair_text(w, "ip_address", p.ip_address);
  write_pair_text(w, "dns", p.dns);
  write_pair_text(w, "nbns", p.nbns);
  write_pair_text(w, "ipv6_interface_id", p.ipv6_interface_id);
  kv_text_or_null(w, "ipcp_state", p.ipcp_state);
  kv_text_or_null(w, "ccp", p.ccp);
  kv_text_or_null(w, "end_reason", p.end_reason);
  write_pair_u32(w, "echo_requests", p.echo_requests);
  write_pair_u32(w, "echo_replies", p.echo_replies);
  w.key("echo_interval");
  if (p.echo_interval) w.value_double(*p.echo_interval);
  else w.null();
  write_pair_u64(w, "data_frames", p.data_frames);
  write_pair_u64(w, "compressed_frames", p.compressed_frames);
  kv_time(w, "lcp_opened", a, p.lcp_opened);
  kv_time(w, "network_up", a, p.network_up);
  kv_time(w, "terminated", a, p.terminated);
  w.end_object();
  out.push_back('\n');
}

void write_json_event(std::string& out, const Analysis& a, const Connection& c, const Event& e) {
  JsonWriter w(out);
  w.begin_object().kv("record", "event").kv("connection", c.id);
  SecondsText seconds;
  w.key("t").raw_number(rel_seconds_view(a.origin, e.ts, seconds));
  w.kv("frame", e.frame).kv("entity", e.entity);
  w.key("from");
  if (e.from >= 0) w.value(e.from);
  else w.null();
  w.kv("kind", to_string(e.kind)).kv("text", e.text).end_object();
  out.push_back('\n');
}

void write_json_diagnostic(std::string& out, const Analysis& a, const DiagRecord& d) {
  JsonWriter w(out);
  const DiagnosticDef& def = *d.diag.def;
  w.begin_object().kv("record", "diagnostic").kv("id", def.id).kv("kind", to_string(def.kind));
  w.kv("severity", to_string(def.severity)).kv("clause", def.clause).kv("text", def.text);
  w.kv("detail", d.diag.detail).kv("frame", d.diag.frame);
  SecondsText seconds;
  w.key("t").raw_number(rel_seconds_view(a.origin, d.ts, seconds));
  kv_text_or_null(w, "connection", d.connection);
  kv_text_or_null(w, "entity", d.entity);
  w.end_object();
  out.push_back('\n');
}

void write_json_header(std::string& out, const Analysis& a, const ReportOptions& o) {
  JsonWriter w(out);
  w.begin_object().kv("record", "analysis").kv("schema", kJsonSchemaName);
  w.kv("schema_version", kJsonSchemaVersion).kv("tool_version", o.tool_version);
  w.key("origin");
  if (a.origin) w.value(format_utc(*a.origin));
  else w.null();
  w.end_object();
  out.push_back('\n');
}

void write_json_packet(std::string& out, const PacketRecord& p, const Analysis& a, const std::string& file) {
  JsonWriter w(out);
  w.begin_object().kv("record", "packet").kv("file", file).kv("frame", p.frame);
  w.key("t").raw_number(rel_seconds(a.origin, p.ts));
  w.kv("length", std::uint64_t{p.length}).kv("summary", p.summary);
  kv_text_or_null(w, "connection", p.connection);
  w.key("layers").field(p.layers);
  w.end_object();
  out.push_back('\n');
}

void write_json_summary(std::string& out, const Analysis& a, const JsonCounts& n) {
  JsonWriter w(out);
  w.begin_object().kv("record", "summary");
  w.key("inputs").begin_array();
  for (const auto& in : a.inputs) {
    w.begin_object().kv("path", in.path).kv("linktype", in.linktype).kv("frames", in.frames);
    w.kv("bytes", in.bytes).kv("tunnel_frames", in.tunnel_frames);
    kv_text_or_null(w, "truncated", in.truncated);
    w.end_object();
  }
  w.end_array();
  w.kv("connections", n.connections).kv("calls", n.calls);
  w.kv("diagnostics", n.diagnostics).kv("errors", n.errors).kv("warnings", n.warnings);
  w.kv("infos", n.infos).end_object();
  out.push_back('\n');
}

}  // namespace ts::report
