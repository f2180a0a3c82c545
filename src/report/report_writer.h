#pragma once
// ReportWriter: an `analyze` report written while the capture is read. It is the
// AnalysisSink of a streaming Analyzer: each finished connection is written out at once and
// only a bounded summary of it is kept (table rows set aside in RecordSpools, counters, the
// diagnostic tally), so the writer's memory does not grow with the capture either.
//
// Order of calls: any number of packet() / AnalysisSink calls, then finish() once.
// Output goes through `Output` in pieces (never one string of the whole report).
// The bytes written are a pure function of the calls made: same capture, same report.
#include <functional>
#include <string>
#include <string_view>

#include "src/observe/analysis_sink.h"
#include "src/report/diagnostic_tally.h"
#include "src/report/record_spool.h"
#include "src/report/report_options.h"

namespace ts::report {

using Output = std::function<void(std::string_view)>;

class ReportWriter : public observe::AnalysisSink {
 public:
  // One decoded frame (--packets), as soon as it was analysed.
  virtual void packet(const observe::Analysis& a, const observe::PacketRecord& p, const std::string& file) = 0;
  // Everything that is left: capture-level diagnostics, inputs, summary tables.
  virtual void finish(const observe::Analysis& a) = 0;
  // Every diagnostic written so far (connections' and the capture's).
  virtual const DiagnosticTally& tally() const = 0;
  // A spool could not be written or read back: the report is incomplete.
  virtual bool failed() const = 0;
};

// Collects output in a buffer and hands it to `out` in pieces of about `chunk` bytes.
class ChunkedOutput {
 public:
  explicit ChunkedOutput(Output out, std::size_t chunk = 64 * 1024) : out_(std::move(out)), chunk_(chunk) {}
  std::string& buffer() { return buf_; }
  // Call after appending to buffer(): passes it on once it is big enough.
  void maybe_flush() {
    if (buf_.size() >= chunk_) flush();
  }
  void flush() {
    if (!buf_.empty()) out_(buf_);
    buf_.clear();
  }

 private:
  Output out_;
  std::size_t chunk_;
  std::string buf_;
};

}  // namespace ts::report
