#pragma once
// ShardRecordLog: what one thread of a sharded analysis (sharded_file.h) produced, in the
// order it produced it, each record stamped with its position in the single-thread order.
// A worker's Analyzer writes into it as its AnalysisSink; the reading thread adds its own
// notes; the merging thread pops. Unbounded on purpose: producers never wait for the merger
// (which waits for them), so no cycle of waits can form; the reader's bounded batch queues
// keep the workers, and so the logs, within a second of capture time of each other.
#include <compare>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "src/observe/analysis_sink.h"
#include "src/observe/model.h"
#include "src/observe/observe_context.h"

namespace ts::cli {

// Where a record belongs in the single-thread order: before, at or after frame `frame`.
struct ShardPosition {
  // Phases within a frame, in the order the single-thread Analyzer::on_frame works.
  enum Phase : std::uint8_t {
    tick_retire = 0,  // connections finished at the once-a-second check before the frame
    tick_expire = 1,  // IP datagrams timed out then
    reader_note = 2,  // the gate's notes on the frame: clock jump, duplicate, the origin
    frame = 3,        // the frame's own analysis
  };
  // After the last frame (`frame` = kEnd), in the order of Analyzer::end_input.
  enum EndPhase : std::uint8_t {
    end_flush = 0,        // IP datagrams still incomplete; the threads' counts
    end_notes = 1,        // duplicates, ESP, file cut off (written by the merger)
    end_connections = 2,  // every connection still open
  };
  static constexpr std::uint64_t kEnd = UINT64_MAX;

  std::uint64_t number = 0;
  std::uint8_t phase = 0;
  friend auto operator<=>(const ShardPosition&, const ShardPosition&) = default;
};

struct ShardRecord {
  enum class Kind : std::uint8_t { progress, origin, started, connection, capture_diag, packet, counts };
  Kind kind = Kind::progress;
  ShardPosition at;
  // started / connection: the connection's protocol and its index in this worker.
  observe::Protocol protocol = observe::Protocol::l2tp;
  std::uint32_t local_index = 0;
  // connection: where it was created (frame, then order within this worker), i.e. its
  // place in order of first appearance.
  std::pair<std::uint64_t, std::uint64_t> created{};
  std::unique_ptr<observe::Connection> connection;
  observe::DiagRecord diag;
  std::unique_ptr<observe::PacketRecord> packet;
  Instant origin{};
  // counts: what this thread counted for the input's end.
  std::uint64_t esp_frames = 0, tunnel_frames = 0, duplicates = 0;
  observe::FrameInfo last_kept;
  std::string truncated;
};

class ShardRecordLog : public observe::AnalysisSink {
 public:
  // Producer side.
  void at(ShardPosition p) { position_ = p; }
  void on_connection_started(const observe::Analysis& a, const observe::Connection& c) override;
  void on_connection_finished(const observe::Analysis& a, const observe::Connection& c) override;
  void on_capture_diagnostic(const observe::Analysis& a, const observe::DiagRecord& d) override;
  void packet(const observe::PacketRecord& p);
  void progress();
  void origin(Instant t);
  void counts(ShardRecord r);  // kind and position are set here
  // No more records; `error` is what the thread threw, if anything.
  void close(std::exception_ptr error);

  // Consumer side. peek() waits for the next record and returns null once the log is
  // closed and empty; pop() takes the record peek() showed.
  const ShardRecord* peek();
  ShardRecord pop();
  std::exception_ptr error();

 private:
  ShardRecord make(ShardRecord::Kind kind) const;
  void push(ShardRecord r);

  ShardPosition position_;
  std::uint64_t created_sequence_ = 0;
  std::map<std::pair<observe::Protocol, std::uint32_t>, std::pair<std::uint64_t, std::uint64_t>> created_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<ShardRecord> queue_;
  bool closed_ = false;
  std::exception_ptr error_;
};

}  // namespace ts::cli
