#pragma once
// TextReportWriter: the human-readable output of `analyze`, written while the capture is
// read (see ReportWriter). Layout (docs/cli.md):
//   "tunnelscope VERSION analyze", then "times are seconds since ..." before the first
//   timeline or packet line;
//   one timeline per connection (messages, state changes and diagnostics in time order),
//   written the moment the connection finishes, so in order of finishing (connections that
//   finish together, e.g. at the end of the input, in order of first appearance);
//   with --packets, one line per frame as it is read, between the timelines;
//   at finish(): capture-level diagnostics, one line per input, the summary tables
//   (TextTables) and the diagnostics by id.
#include <memory>
#include <string>

#include "src/observe/model.h"
#include "src/report/report_options.h"
#include "src/report/report_writer.h"
#include "src/report/text_tables.h"

namespace ts::report {

class TextReportWriter final : public ReportWriter {
 public:
  TextReportWriter(Output out, ReportOptions options, const SpoolFactory& make_spool);

  void packet(const observe::Analysis& a, const observe::PacketRecord& p, const std::string& file) override;
  void on_capture_diagnostic(const observe::Analysis& a, const observe::DiagRecord& d) override;
  void on_connection_finished(const observe::Analysis& a, const observe::Connection& c) override;
  void finish(const observe::Analysis& a) override;
  const DiagnosticTally& tally() const override { return tally_; }
  bool failed() const override { return tables_.failed() || capture_->failed(); }

 private:
  // Writes the header lines not written yet (the origin is known after the first frame).
  void header(const observe::Analysis& a);
  void write_timeline(const observe::Analysis& a, const observe::Connection& c);
  void write_diag_summary();

  ChunkedOutput out_;
  ReportOptions options_;
  TextTables tables_;
  std::unique_ptr<RecordSpool> capture_;  // capture-level diagnostic lines
  DiagnosticTally tally_;
  bool origin_written_ = false;
  bool after_packet_ = false;  // the last line written was a --packets line
};

}  // namespace ts::report
