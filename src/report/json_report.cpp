#include "src/report/json_report.h"

namespace ts::report {

using namespace ts::observe;

JsonReportWriter::JsonReportWriter(Output out, ReportOptions options, const SpoolFactory& make_spool)
    : out_(std::move(out)), options_(std::move(options)), capture_(make_spool()) {}

void JsonReportWriter::header(const Analysis& a) {
  if (header_written_) return;
  header_written_ = true;
  write_json_header(out_.buffer(), a, options_);
}

void JsonReportWriter::packet(const Analysis& a, const PacketRecord& p, const std::string& file) {
  header(a);
  write_json_packet(out_.buffer(), p, a, file);
  out_.maybe_flush();
}

void JsonReportWriter::on_capture_diagnostic(const Analysis& a, const DiagRecord& d) {
  tally_.add(*d.diag.def);
  std::string record;
  write_json_diagnostic(record, a, d);
  capture_->append(record);
}

void JsonReportWriter::on_connection_finished(const Analysis& a, const Connection& c) {
  header(a);
  std::string& out = out_.buffer();
  write_json_connection(out, a, c);
  ++counts_.connections;
  for (const auto& call : c.calls) {
    write_json_call(out, a, c, call);
    if (call.ppp.seen) write_json_ppp_link(out, a, c, call);
    ++counts_.calls;
    out_.maybe_flush();
  }
  for (const auto& e : c.events) {
    write_json_event(out, a, c, e);
    out_.maybe_flush();
  }
  for (const auto& d : c.diags) {
    write_json_diagnostic(out, a, d);
    tally_.add(*d.diag.def);
    out_.maybe_flush();
  }
}

void JsonReportWriter::finish(const Analysis& a) {
  header(a);
  capture_->replay([&](std::string_view record) {
    out_.buffer() += record;
    out_.maybe_flush();
  });
  counts_.diagnostics = tally_.total();
  counts_.errors = tally_.severity(Severity::error);
  counts_.warnings = tally_.severity(Severity::warning);
  counts_.infos = tally_.severity(Severity::info);
  write_json_summary(out_.buffer(), a, counts_);
  out_.flush();
}

}  // namespace ts::report
