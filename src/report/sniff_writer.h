#pragma once
// SniffWriter: the output of `tunnelscope sniff`, written while packets arrive. It is the
// AnalysisSink of a streaming Analyzer, like the analyze ReportWriters, but prints every
// timeline line the moment the analyzer adds it instead of when its connection finishes.
//
// text: one line per event or diagnostic, "TIME CONNECTION FROM ENTITY EVENT" (the timeline
//   columns of `analyze`, with the connection id in front); one "finished" line per
//   connection when it finishes; capture statistics lines ("capture: ..."); at finish() the
//   summary tables and the diagnostics by id, as `analyze` ends.
// json: JSON Lines in the analyze schema (docs/json-schema.md): the "analysis" header, then
//   "event" and "diagnostic" records as they happen, a connection's "connection", "call" and
//   "ppp_link" records when it finishes, "capture_stats" records, and a final "summary".
//
// Output goes to `out` in whole lines, at once (the caller flushes it): one call per event,
// diagnostic or statistics line, one per finished connection (its records), so a reader at
// the other end of a pipe sees each event as it happens.
#include <memory>
#include <string>

#include "src/report/diagnostic_tally.h"
#include "src/report/json_records.h"
#include "src/report/report_writer.h"
#include "src/report/text_tables.h"

namespace ts::report {

// Kernel and interface drop counters of a live capture (from pcap_stats) and the frames the
// program itself handled, for the capture_stats record / line.
struct SniffStats {
  std::uint64_t received = 0, kernel_drops = 0, interface_drops = 0, analysed = 0;
  bool final = false;
};

class SniffWriter final : public observe::AnalysisSink {
 public:
  SniffWriter(Output out, bool json, ReportOptions options, const SpoolFactory& make_spool);

  void on_event(const observe::Analysis& a, const observe::Connection& c, const observe::Event& e) override;
  void on_diagnostic(const observe::Analysis& a, const observe::Connection& c,
                     const observe::DiagRecord& d) override;
  void on_capture_diagnostic(const observe::Analysis& a, const observe::DiagRecord& d) override;
  void on_connection_finished(const observe::Analysis& a, const observe::Connection& c) override;
  // `now`: wall-clock time of the statistics (seconds since the origin, or 0 before it).
  void stats(const observe::Analysis& a, Instant now, const SniffStats& s);
  void finish(const observe::Analysis& a);
  const DiagnosticTally& tally() const { return tally_; }
  bool failed() const { return tables_.failed(); }

 private:
  void header(const observe::Analysis& a);
  // One diagnostic line or record; `owner`: the connection id, or "capture".
  void write_diagnostic(const observe::Analysis& a, const std::string& owner, const observe::DiagRecord& d);
  void emit(std::string& line);

  Output out_;
  bool json_;
  ReportOptions options_;
  TextTables tables_;
  DiagnosticTally tally_;
  JsonCounts counts_;
  bool header_written_ = false;
  std::string line_;
};

}  // namespace ts::report
