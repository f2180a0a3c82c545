#include "src/cli/parallel_files.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include <fmt/format.h>


namespace ts::cli {

namespace {

using observe::Analysis;
using observe::Connection;
using observe::DiagRecord;
using observe::PacketRecord;

// One sink call (or --packets record) of a worker's Analyzer, with the worker's origin then.
struct Recorded {
  enum class Kind : std::uint8_t { connection, capture_diag, packet };
  Kind kind = Kind::capture_diag;
  std::optional<Instant> origin;
  std::unique_ptr<Connection> connection;
  DiagRecord diag;
  std::unique_ptr<PacketRecord> packet;
};

// The queue between one file's worker (producer) and the replaying thread (consumer).
class FileLog : public observe::AnalysisSink {
 public:
  void on_capture_diagnostic(const Analysis& a, const DiagRecord& d) override {
    Recorded r;
    r.origin = a.origin;
    r.diag = d;
    push(std::move(r));
  }
  void on_connection_finished(const Analysis& a, const Connection& c) override {
    Recorded r;
    r.kind = Recorded::Kind::connection;
    r.origin = a.origin;
    r.connection = std::make_unique<Connection>(c);
    push(std::move(r));
  }
  void packet(const Analysis& a, const PacketRecord& p) {
    Recorded r;
    r.kind = Recorded::Kind::packet;
    r.origin = a.origin;
    r.packet = std::make_unique<PacketRecord>(p);
    push(std::move(r));
  }
  // The worker is done: the file's input summary and final origin, or what it threw.
  void close(observe::InputSummary input, std::optional<Instant> origin, std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    input_ = std::move(input);
    origin_ = origin;
    error_ = error;
    closed_ = true;
    ready_.notify_one();
  }
  // Consumer: the next record in order; false once the log is closed and empty.
  bool pop(Recorded& out) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return false;
    out = std::move(queue_.front());
    queue_.pop_front();
    return true;
  }
  // After pop() returned false.
  const observe::InputSummary& input() const { return input_; }
  std::optional<Instant> origin() const { return origin_; }
  std::exception_ptr error() const { return error_; }

 private:
  void push(Recorded r) {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(r));
    ready_.notify_one();
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Recorded> queue_;
  bool closed_ = false;
  observe::InputSummary input_;
  std::optional<Instant> origin_;
  std::exception_ptr error_;
};

// A worker's whole job for one file: the loop of run_analyze's single-thread path.
void analyse_one(capture::CaptureSource& reader, const observe::AnalyzerOptions& options, FileLog& log) {
  Analysis analysis;
  std::exception_ptr error;
  try {
    observe::Analyzer analyzer(options, analysis, &log);
    analyse_input(analyzer, reader, options, [&](const PacketRecord& p) { log.packet(analysis, p); });
  } catch (...) {
    error = std::current_exception();
  }
  log.close(analysis.inputs.empty() ? observe::InputSummary{} : analysis.inputs.back(), analysis.origin, error);
}

}  // namespace

void analyse_input(observe::Analyzer& analyzer, capture::CaptureSource& reader,
                   const observe::AnalyzerOptions& options,
                   const std::function<void(const observe::PacketRecord&)>& on_packet) {
  PacketRecord packet;
  analyzer.begin_input(reader.path(), reader.linktype());
  capture::CaptureFrame frame;
  while (reader.next(frame)) {
    analyzer.on_frame(frame.number, frame.timestamp, frame.linktype, frame.data, frame.original_length,
                      options.packets ? &packet : nullptr);
    if (options.packets) on_packet(packet);
  }
  analyzer.end_input(reader.truncated_message());
}

std::optional<ConnectionId> parse_connection_id(std::string_view id) {
  const auto dash = id.rfind('-');
  if (dash == std::string_view::npos) return std::nullopt;
  for (auto p : {observe::Protocol::pptp, observe::Protocol::l2tp, observe::Protocol::ppp}) {
    if (observe::to_string(p) != id.substr(0, dash)) continue;
    std::uint32_t n = 0;
    const char* end = id.data() + id.size();
    auto [ptr, ec] = std::from_chars(id.data() + dash + 1, end, n);
    if (ec != std::errc{} || ptr != end) return std::nullopt;
    return ConnectionId{p, n};
  }
  return std::nullopt;
}

std::string format_connection_id(observe::Protocol p, std::uint32_t index) {
  return fmt::format("{}-{}", observe::to_string(p), index);
}

std::string renumber_connection_id(const std::string& id, const std::array<std::uint32_t, 3>& offset) {
  const auto c = parse_connection_id(id);
  return c ? format_connection_id(c->protocol, c->index + offset[static_cast<int>(c->protocol)]) : id;
}

void analyse_files_parallel(std::vector<std::unique_ptr<capture::CaptureSource>>& readers,
                            const observe::AnalyzerOptions& options, unsigned jobs, Analysis& analysis,
                            report::ReportWriter& writer) {
  std::vector<FileLog> logs(readers.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::jthread> workers;
  const std::size_t n = std::min<std::size_t>(jobs, readers.size());
  for (std::size_t w = 0; w < n; ++w)
    workers.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < readers.size();) analyse_one(*readers[i], options, logs[i]);
    });

  std::array<std::uint32_t, 3> offset{};  // connections of each protocol in the files replayed
  std::exception_ptr first_error;
  for (std::size_t i = 0; i < logs.size(); ++i) {
    const std::optional<Instant> earlier_origin = analysis.origin;
    std::array<std::uint32_t, 3> seen = offset;
    Recorded r;
    while (logs[i].pop(r)) {
      analysis.origin = earlier_origin ? earlier_origin : r.origin;
      switch (r.kind) {
        case Recorded::Kind::connection: {
          Connection& c = *r.connection;
          const int p = static_cast<int>(c.protocol);
          c.index += offset[p];
          seen[p] = std::max(seen[p], c.index);
          c.id = renumber_connection_id(c.id, offset);
          for (auto& d : c.diags) d.connection = renumber_connection_id(d.connection, offset);
          writer.on_connection_finished(analysis, c);
          break;
        }
        case Recorded::Kind::capture_diag:
          r.diag.connection = renumber_connection_id(r.diag.connection, offset);
          writer.on_capture_diagnostic(analysis, r.diag);
          break;
        case Recorded::Kind::packet:
          r.packet->connection = renumber_connection_id(r.packet->connection, offset);
          writer.packet(analysis, *r.packet, readers[i]->path());
          break;
      }
    }
    if (logs[i].error() && !first_error) first_error = logs[i].error();
    analysis.origin = earlier_origin ? earlier_origin : logs[i].origin();
    analysis.inputs.push_back(logs[i].input());
    offset = seen;
  }
  workers.clear();  // joins
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace ts::cli
