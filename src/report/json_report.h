#pragma once
// JsonReportWriter: `analyze --format json`, JSON Lines written while the capture is read
// (see ReportWriter; records in json_records.h, schema in docs/json-schema.md):
//   the "analysis" header first (once the origin is known: before the first other record);
//   with --packets, a "packet" record per frame as it is read;
//   per connection, the moment it finishes: its "connection" record, then per call its
//   "call" and "ppp_link" records, then its "event" and "diagnostic" records; connections
//   in order of finishing (those finishing together in order of first appearance);
//   at finish(): the capture-level "diagnostic" records, then the "summary" record.
#include <memory>
#include <string>

#include "src/report/json_records.h"
#include "src/report/report_writer.h"

namespace ts::report {

class JsonReportWriter final : public ReportWriter {
 public:
  JsonReportWriter(Output out, ReportOptions options, const SpoolFactory& make_spool);

  void packet(const observe::Analysis& a, const observe::PacketRecord& p, const std::string& file) override;
  void on_capture_diagnostic(const observe::Analysis& a, const observe::DiagRecord& d) override;
  void on_connection_finished(const observe::Analysis& a, const observe::Connection& c) override;
  void finish(const observe::Analysis& a) override;
  const DiagnosticTally& tally() const override { return tally_; }
  bool failed() const override { return capture_->failed(); }

 private:
  void header(const observe::Analysis& a);

  ChunkedOutput out_;
  ReportOptions options_;
  std::unique_ptr<RecordSpool> capture_;  // capture-level diagnostic records
  DiagnosticTally tally_;
  JsonCounts counts_;
  bool header_written_ = false;
};

}  // namespace ts::report
