#include "src/report/sniff_writer.h"

#include <fmt/format.h>

#include "src/report/json_writer.h"
#include "src/report/text_format.h"
#include "src/report/time_format.h"

namespace ts::report {

using namespace ts::observe;

SniffWriter::SniffWriter(Output out, bool json, ReportOptions options, const SpoolFactory& make_spool)
    : out_(std::move(out)), json_(json), options_(std::move(options)), tables_(make_spool) {}

void SniffWriter::emit(std::string& line) {
  out_(line);
  line.clear();
}

void SniffWriter::header(const Analysis& a) {
  if (header_written_ || !a.origin) return;
  header_written_ = true;
  if (json_) write_json_header(line_, a, options_);
  else line_ = fmt::format("tunnelscope {} sniff: times are seconds since {}\n", options_.tool_version,
                           format_utc(*a.origin));
  emit(line_);
}

void SniffWriter::on_event(const Analysis& a, const Connection& c, const Event& e) {
  header(a);
  if (json_) {
    write_json_event(line_, a, c, e);
  } else {
    line_ = fmt::format("{:>12} {:<8} {:4} {:<16} {}{}\n", rel_seconds(a.origin, e.ts), c.id, side_letter(e.from),
                        e.entity, e.kind == EventKind::state ? "state: " : "", e.text);
  }
  emit(line_);
}

void SniffWriter::on_diagnostic(const Analysis& a, const Connection& c, const DiagRecord& d) {
  write_diagnostic(a, c.id, d);
}

void SniffWriter::on_capture_diagnostic(const Analysis& a, const DiagRecord& d) { write_diagnostic(a, "capture", d); }

void SniffWriter::write_diagnostic(const Analysis& a, const std::string& owner, const DiagRecord& d) {
  header(a);
  tally_.add(*d.diag.def);
  const DiagnosticDef& def = *d.diag.def;
  if (json_) {
    write_json_diagnostic(line_, a, d);
  } else {
    line_ = fmt::format("{:>12} {:<8} {:4} {:<16} !! {} {} [{}]{}{}\n", rel_seconds(a.origin, d.ts), owner, "",
                        d.entity, to_string(def.severity), def.id, def.clause.empty() ? "-" : def.clause,
                        d.diag.detail.empty() ? "" : ": ", d.diag.detail);
  }
  emit(line_);
}

void SniffWriter::on_connection_finished(const Analysis& a, const Connection& c) {
  header(a);
  ++counts_.connections;
  counts_.calls += c.calls.size();
  if (json_) {
    write_json_connection(line_, a, c);
    for (const auto& call : c.calls) {
      write_json_call(line_, a, c, call);
      if (call.ppp.seen) write_json_ppp_link(line_, a, c, call);
    }
  } else {
    line_ = fmt::format("{:>12} {:<8} {:4} {:<16} finished: {} {}  A={}  B={}, state {}, {} call(s){}{}\n",
                        opt_time(a, c.last), c.id, "-", "connection", upper(to_string(c.protocol)), c.id,
                        peer_label(c.side[0]), peer_label(c.side[1]), c.state, c.calls.size(),
                        c.teardown_cause.empty() ? "" : ", ", c.teardown_cause);
    tables_.add(a, c);
  }
  emit(line_);
}

void SniffWriter::stats(const Analysis& a, Instant now, const SniffStats& s) {
  header(a);
  if (json_) {
    JsonWriter w(line_);
    w.begin_object().kv("record", "capture_stats").kv("final", s.final);
    w.key("t").raw_number(rel_seconds(a.origin, now));
    w.kv("received", s.received).kv("kernel_drops", s.kernel_drops).kv("interface_drops", s.interface_drops);
    w.kv("analysed", s.analysed).end_object();
    line_.push_back('\n');
  } else {
    line_ = fmt::format("{:>12} {:<8} {} received {}, analysed {}, dropped by the kernel {}, by the interface {}{}\n",
                        a.origin ? rel_seconds(a.origin, now) : "-", "capture", s.final ? "final:" : "stats:",
                        s.received, s.analysed, s.kernel_drops, s.interface_drops,
                        s.kernel_drops + s.interface_drops ? " (the timeline misses packets)" : "");
  }
  emit(line_);
}

void SniffWriter::finish(const Analysis& a) {
  if (json_) {
    header(a);
    counts_.diagnostics = tally_.total();
    counts_.errors = tally_.severity(Severity::error);
    counts_.warnings = tally_.severity(Severity::warning);
    counts_.infos = tally_.severity(Severity::info);
    write_json_summary(line_, a, counts_);
    emit(line_);
    return;
  }
  line_.clear();
  line_.push_back('\n');
  tables_.write(line_, [] {});
  line_ += fmt::format("Diagnostics: {} errors, {} warnings, {} infos\n", tally_.severity(Severity::error),
                       tally_.severity(Severity::warning), tally_.severity(Severity::info));
  for (const auto& [id, v] : tally_.by_id())
    line_ += fmt::format("  {:>6}  {:<7} {:<40} {:<18} {}\n", v.n, to_string(v.def->severity), id,
                         v.def->clause.empty() ? "-" : v.def->clause, v.def->text);
  emit(line_);
}

}  // namespace ts::report
