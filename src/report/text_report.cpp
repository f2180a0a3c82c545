#include "src/report/text_report.h"

#include <fmt/format.h>
#include <fmt/compile.h>

#include <iterator>

#include "src/report/text_format.h"
#include "src/report/time_format.h"

namespace ts::report {

using namespace ts::observe;

namespace {

// Appends `text` padded with spaces to `width` (right-aligned or left-aligned); longer text
// is not cut. Column text here is ASCII (times, numbers, entity names).
void pad(std::string& out, std::string_view text, std::size_t width, bool right) {
  const std::size_t fill = text.size() < width ? width - text.size() : 0;
  if (right) out.append(fill, ' ');
  out += text;
  if (!right) out.append(fill, ' ');
}

// "  {:>12} {:>7} {:4} {:<16} ": the time, frame, from and entity columns of a timeline line
// (frame 0 shows as blank).
void timeline_columns(std::string& out, std::string_view time, std::uint64_t frame, std::string_view from,
                      std::string_view entity) {
  out += "  ";
  pad(out, time, 12, true);
  out += ' ';
  const fmt::format_int number(frame);
  pad(out, frame ? std::string_view(number.data(), number.size()) : std::string_view(), 7, true);
  out += ' ';
  pad(out, from, 4, false);
  out += ' ';
  pad(out, entity, 16, false);
  out += ' ';
}

}  // namespace

TextReportWriter::TextReportWriter(Output out, ReportOptions options, const SpoolFactory& make_spool)
    : out_(std::move(out)), options_(std::move(options)), tables_(make_spool), capture_(make_spool()) {
  out_.buffer() += fmt::format("tunnelscope {} analyze\n", options_.tool_version);
}

void TextReportWriter::header(const Analysis& a) {
  if (origin_written_ || !a.origin) return;
  origin_written_ = true;
  out_.buffer() += fmt::format("times are seconds since {}\n\n", format_utc(*a.origin));
}

void TextReportWriter::packet(const Analysis& a, const PacketRecord& p, const std::string&) {
  header(a);
  out_.buffer() += fmt::format("{:>7} {:>12} {}\n", p.frame, rel_seconds(a.origin, p.ts), p.summary);
  after_packet_ = true;
  out_.maybe_flush();
}

void TextReportWriter::on_capture_diagnostic(const Analysis& a, const DiagRecord& d) {
  tally_.add(*d.diag.def);
  capture_->append(fmt::format("  {:>12} {:>7} !! {} {}{}{}\n", rel_seconds(a.origin, d.ts),
                               d.diag.frame ? std::to_string(d.diag.frame) : "", to_string(d.diag.def->severity),
                               d.diag.def->id, d.diag.detail.empty() ? "" : ": ", d.diag.detail));
}

void TextReportWriter::on_connection_finished(const Analysis& a, const Connection& c) {
  header(a);
  if (after_packet_) out_.buffer() += "\n";
  after_packet_ = false;
  write_timeline(a, c);
  for (const auto& d : c.diags) tally_.add(*d.diag.def);
  tables_.add(a, c);
}

void TextReportWriter::write_timeline(const Analysis& a, const Connection& c) {
  std::string& out = out_.buffer();
  out += fmt::format("{} {}  A={}  B={}\n", upper(to_string(c.protocol)), c.id, peer_label(c.side[0]),
                     peer_label(c.side[1]));
  out += fmt::format("  {:>12} {:>7} {:4} {:<16} {}\n", "time", "frame", "from", "entity", "event");
  // Merge events and diagnostics by (time, frame); a frame's events come before its
  // diagnostics (they give the context the diagnostic speaks about).
  std::size_t ei = 0, di = 0;
  SecondsText seconds;
  while (ei < c.events.size() || di < c.diags.size()) {
    const bool take_event =
        di >= c.diags.size() ||
        (ei < c.events.size() && std::make_pair(c.events[ei].ts, c.events[ei].frame) <=
                                     std::make_pair(c.diags[di].ts, c.diags[di].diag.frame));
    // The columns of the header line above, padded by hand: this runs once per timeline line
    // (the largest part of the text report's cost), and fmt's padding counts code points.
    if (take_event) {
      const Event& e = c.events[ei++];
      timeline_columns(out, rel_seconds_view(a.origin, e.ts, seconds), e.frame, side_letter(e.from), e.entity);
      if (e.kind == EventKind::state) out += "state: ";
      out += e.text;
    } else {
      const DiagRecord& d = c.diags[di++];
      const DiagnosticDef& def = *d.diag.def;
      timeline_columns(out, rel_seconds_view(a.origin, d.ts, seconds), d.diag.frame, "", d.entity);
      fmt::format_to(std::back_inserter(out), FMT_COMPILE("!! {} {} [{}]"), to_string(def.severity), def.id,
                     def.clause.empty() ? "-" : def.clause);
      if (!d.diag.detail.empty()) {
        out += ": ";
        out += d.diag.detail;
      }
    }
    out += '\n';
    out_.maybe_flush();
  }
  out += "\n";
  out_.maybe_flush();
}

void TextReportWriter::write_diag_summary() {
  std::string& out = out_.buffer();
  out += fmt::format("Diagnostics: {} errors, {} warnings, {} infos\n", tally_.severity(Severity::error),
                     tally_.severity(Severity::warning), tally_.severity(Severity::info));
  for (const auto& [id, v] : tally_.by_id())
    out += fmt::format("  {:>6}  {:<7} {:<40} {:<18} {}\n", v.n, to_string(v.def->severity), id,
                       v.def->clause.empty() ? "-" : v.def->clause, v.def->text);
}

void TextReportWriter::finish(const Analysis& a) {
  header(a);
  std::string& out = out_.buffer();
  if (after_packet_) out += "\n";
  bool any_capture = false;
  capture_->replay([&](std::string_view line) {
    if (!any_capture) out += "Capture\n";
    any_capture = true;
    out += line;
    out_.maybe_flush();
  });
  if (any_capture) out += "\n";
  for (const auto& in : a.inputs)
    out += fmt::format("input {}: {} frames, {} bytes, link type {}, {} tunnel frames{}\n", in.path, in.frames,
                       in.bytes, in.linktype, in.tunnel_frames,
                       in.truncated.empty() ? "" : " (file cut off: " + in.truncated + ")");
  if (!a.inputs.empty()) out += "\n";
  tables_.write(out, [&] { out_.maybe_flush(); });
  write_diag_summary();
  out_.flush();
}

}  // namespace ts::report
