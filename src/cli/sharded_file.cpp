#include "src/cli/sharded_file.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include <fmt/format.h>

#include "src/cli/parallel_files.h"
#include "src/cli/shard_map.h"
#include "src/observe/address_pair.h"
#include "src/cli/shard_record_log.h"
#include "src/observe/analyzer.h"
#include "src/observe/frame_gate.h"
#include "src/observe/observe_diagnostics.h"

namespace ts::cli {

namespace {

using observe::Analysis;
using observe::Analyzer;
using observe::Connection;
using observe::Protocol;
using Kind = ShardRecord::Kind;
using Pos = ShardPosition;

// A frame for a worker, or a tick every worker gets.
struct WorkItem {
  bool tick = false;
  std::uint64_t number = 0;
  Instant ts{};
  bool retire = false, expire = false;  // tick
  std::uint32_t linktype = 0, original_length = 0;
  std::size_t offset = 0, length = 0;  // frame: bytes in the batch's buffer
};

struct Batch {
  std::vector<WorkItem> items;
  Bytes bytes;
  bool end = false;  // the last batch: the input ended after its items
  observe::FrameInfo last_kept;
};

// Frames per batch: enough to make the queue's locking negligible, small enough to keep a
// worker busy early.
constexpr std::size_t kBatchFrames = 512;
// Bytes reserved per batch (grown when frames are larger).
constexpr std::size_t kBatchBytes = kBatchFrames * 256;
// Batches in flight per worker: bounds the memory the reader can run ahead with.
constexpr std::size_t kQueueBatches = 8;

class BatchQueue {
 public:
  void push(Batch b) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return queue_.size() < kQueueBatches; });
    queue_.push_back(std::move(b));
    ready_.notify_one();
  }
  Batch pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !queue_.empty(); });
    Batch b = std::move(queue_.front());
    queue_.pop_front();
    space_.notify_one();
    return b;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<Batch> queue_;
};

// The reading thread: gate, dispatch, and the gate's own records.
void read_and_dispatch(capture::CaptureSource& reader, std::vector<BatchQueue>& queues, ShardRecordLog& log, observe::InputSummary& input) {
  std::exception_ptr error;
  const std::size_t workers = queues.size();
  std::vector<Batch> pending(workers);
  auto send = [&](std::size_t i) {
    if (pending[i].items.empty()) return;
    queues[i].push(std::move(pending[i]));
    pending[i] = Batch{};
    pending[i].bytes.reserve(kBatchBytes);
  };
  for (auto& b : pending) b.bytes.reserve(kBatchBytes);
  observe::FrameGate gate(/*streaming=*/true);
  ShardMap shards(workers);
  const Analysis no_analysis;  // the log does not look at it
  try {
    bool first = true;
    capture::CaptureFrame frame;
    while (reader.next(frame)) {
      const std::uint64_t n = frame.number;
      const observe::FrameTick tick = gate.tick(frame.timestamp);
      if (tick.any()) {
        // Every worker gets the tick, and every batch goes out with it: the workers (and so
        // the merge) stay within a second of capture time of each other.
        for (std::size_t i = 0; i < workers; ++i) {
          WorkItem t;
          t.tick = true;
          t.number = n;
          t.ts = frame.timestamp;
          t.retire = tick.retire_due;
          t.expire = tick.expiry_due;
          pending[i].items.push_back(t);
          send(i);
        }
        log.at({n, Pos::tick_expire});
        log.progress();
      }
      log.at({n, Pos::reader_note});
      if (const auto from = gate.time_jump(frame.timestamp))
        log.on_capture_diagnostic(
            no_analysis, observe::DiagRecord{Diagnostic{&observe::diag::kTimeJump,
                                                        observe::time_jump_detail(*from, frame.timestamp), n},
                                             frame.timestamp, "", ""});
      // The first frame is never a duplicate: it is the origin and the input's first time.
      if (first) {
        log.origin(frame.timestamp);
        input.first = frame.timestamp;
        first = false;
      }
      ++input.frames;
      input.bytes += frame.original_length;
      const std::size_t s = shards.worker_of(observe::address_pair_bucket(frame.linktype, frame.data));
      Batch& b = pending[s];
      WorkItem f;
      f.number = n;
      f.ts = frame.timestamp;
      f.linktype = frame.linktype;
      f.original_length = frame.original_length;
      f.offset = b.bytes.size();
      f.length = frame.data.size();
      b.bytes.insert(b.bytes.end(), frame.data.begin(), frame.data.end());
      b.items.push_back(f);
      if (b.items.size() >= kBatchFrames) send(s);
    }
  } catch (...) {
    error = std::current_exception();
  }
  // The end goes out even after an error, so that no worker waits for ever.
  for (std::size_t i = 0; i < workers; ++i) {
    pending[i].end = true;
    queues[i].push(std::move(pending[i]));
  }
  ShardRecord counts;
  counts.truncated = reader.truncated_message();
  log.at({Pos::kEnd, Pos::end_flush});
  log.counts(std::move(counts));
  log.close(error);
}

// Where the workers meet at the end of the input: the input's last frame kept is the one
// with the highest number among the workers' last frames kept, and every worker ends its
// connections with it (as one Analyzer ends them with its last frame kept).
class EndBarrier {
 public:
  explicit EndBarrier(std::size_t workers) : waiting_(workers) {}
  observe::FrameInfo arrive_and_wait(const observe::FrameInfo& mine) {
    std::unique_lock lock(mutex_);
    if (mine.number > last_.number) last_ = mine;
    if (--waiting_ == 0) all_.notify_all();
    all_.wait(lock, [&] { return waiting_ == 0; });
    return last_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable all_;
  std::size_t waiting_;
  observe::FrameInfo last_;
};

// A worker thread: its frames and every tick through its own Analyzer.
void work(BatchQueue& queue, ShardRecordLog& log, EndBarrier& end, const observe::AnalyzerOptions& options,
          const std::string& path, std::uint32_t linktype) {
  std::exception_ptr error;
  bool ended = false, arrived = false;
  try {
    Analysis local;
    Analyzer analyzer(options, local, &log);
    analyzer.begin_input(path, linktype);
    observe::PacketRecord packet;
    while (!ended) {
      Batch b = queue.pop();
      ended = b.end;
      for (const WorkItem& it : b.items) {
        if (it.tick) {
          log.at({it.number, Pos::tick_retire});
          analyzer.on_tick(it.number, it.ts, it.retire, false);
          log.at({it.number, Pos::tick_expire});
          analyzer.on_tick(it.number, it.ts, false, it.expire);
          log.progress();
          continue;
        }
        log.at({it.number, Pos::frame});
        analyzer.on_sharded_frame(it.number, it.ts, it.linktype, ByteView(b.bytes).subspan(it.offset, it.length),
                                  it.original_length, options.packets ? &packet : nullptr);
        if (options.packets) log.packet(packet);
      }
    }
    arrived = true;
    const observe::FrameInfo last = end.arrive_and_wait(analyzer.last_kept());
    log.at({Pos::kEnd, Pos::end_flush});
    analyzer.end_shard(last);
    ShardRecord counts;
    counts.esp_frames = analyzer.esp_frames();
    counts.tunnel_frames = analyzer.tunnel_frames();
    counts.duplicates = analyzer.duplicates();
    counts.last_kept = last;
    log.counts(std::move(counts));
    log.at({Pos::kEnd, Pos::end_connections});
    analyzer.finish_shard();
  } catch (...) {
    error = std::current_exception();
    // Keep taking batches until the end, so that the reader is never stuck on this queue,
    // and meet the others at the end, so that they are not stuck either.
    while (!ended) ended = queue.pop().end;
    if (!arrived) end.arrive_and_wait(observe::FrameInfo{});
  }
  log.close(error);
}

// The calling thread: merges the logs (0: the reader, 1..N: the workers) into the writer.
class Merger {
 public:
  Merger(std::vector<ShardRecordLog*> logs, Analysis& analysis, report::ReportWriter& writer, std::string path,
         observe::InputSummary& input)
      : logs_(std::move(logs)), analysis_(analysis), writer_(writer), path_(std::move(path)), input_(input) {}

  void run() {
    for (;;) {
      std::optional<Pos> next;
      for (auto* log : logs_)
        if (const ShardRecord* r = log->peek(); r && (!next || r->at < *next)) next = r->at;
      if (!next) return;
      std::vector<std::pair<std::size_t, ShardRecord>> group;
      for (std::size_t i = 0; i < logs_.size(); ++i)
        for (const ShardRecord* r; (r = logs_[i]->peek()) && r->at == *next;) group.emplace_back(i, logs_[i]->pop());
      order(group);
      for (auto& [log, r] : group) handle(log, r);
      if (*next == Pos{Pos::kEnd, Pos::end_flush}) end_notes();
    }
  }

  // The input's last frame kept (after run()).
  const observe::FrameInfo& last_kept() const { return last_kept_; }

 private:
  // Records of one position from several threads, in the single-thread order: capture
  // diagnostics (IP datagrams timed out together: by text, as IpReassembler orders them)
  // before finished connections (by first appearance). One thread's records keep their order.
  static void order(std::vector<std::pair<std::size_t, ShardRecord>>& group) {
    const bool several = std::any_of(group.begin(), group.end(), [&](const auto& e) { return e.first != group[0].first; });
    if (!several) return;
    auto rank = [](const ShardRecord& r) { return r.kind == Kind::connection ? 1 : 0; };
    std::stable_sort(group.begin(), group.end(), [&](const auto& a, const auto& b) {
      const ShardRecord &x = a.second, &y = b.second;
      if (rank(x) != rank(y)) return rank(x) < rank(y);
      if (x.kind == Kind::connection) return x.created < y.created;
      if (x.kind == Kind::capture_diag && y.kind == Kind::capture_diag) return x.diag.diag.detail < y.diag.diag.detail;
      return false;
    });
  }

  std::string global_id(std::size_t log, const std::string& local_id) const {
    const auto c = parse_connection_id(local_id);
    if (!c) return local_id;
    auto it = index_.find({log, c->protocol, c->index});
    return it == index_.end() ? local_id : format_connection_id(c->protocol, it->second);
  }

  void handle(std::size_t log, ShardRecord& r) {
    switch (r.kind) {
      case Kind::progress: break;
      case Kind::origin: analysis_.origin = r.origin; break;
      case Kind::started: index_[{log, r.protocol, r.local_index}] = next_index_[static_cast<int>(r.protocol)]++; break;
      case Kind::connection: {
        Connection& c = *r.connection;
        const std::string id = global_id(log, c.id);
        c.index = index_[{log, r.protocol, r.local_index}];
        index_.erase({log, r.protocol, r.local_index});
        c.id = id;
        for (auto& d : c.diags) d.connection = id;
        writer_.on_connection_finished(analysis_, c);
        break;
      }
      case Kind::capture_diag: capture_diag(r.diag); break;
      case Kind::packet:
        r.packet->connection = global_id(log, r.packet->connection);
        writer_.packet(analysis_, *r.packet, path_);
        break;
      case Kind::counts:
        esp_frames_ += r.esp_frames;
        duplicates_ += r.duplicates;
        input_.tunnel_frames += r.tunnel_frames;
        if (log == 0) input_.truncated = r.truncated;
        else last_kept_ = r.last_kept;  // the same in every worker
        break;
    }
  }

  // Capture-level notes are kept once per text, as ObserveContext does (each worker already
  // dropped its own repeats; the first one in the merged order stays).
  void capture_diag(const observe::DiagRecord& d) {
    if (d.diag.def->kind == DiagKind::note &&
        !seen_notes_.insert(observe::note_key(*d.diag.def, d.entity, d.diag.detail)).second)
      return;
    writer_.on_capture_diagnostic(analysis_, d);
  }

  void end_notes() {
    for (auto& d : observe::end_of_input_diagnostics(duplicates_, esp_frames_, input_.truncated))
      capture_diag(observe::DiagRecord{Diagnostic{d.def, std::move(d.detail), last_kept_.number}, last_kept_.ts, "", ""});
  }

  std::vector<ShardRecordLog*> logs_;
  Analysis& analysis_;
  report::ReportWriter& writer_;
  std::string path_;
  observe::InputSummary& input_;
  std::map<std::tuple<std::size_t, Protocol, std::uint32_t>, std::uint32_t> index_;  // (log, protocol, local) -> global
  std::uint32_t next_index_[3] = {1, 1, 1};
  std::set<std::string> seen_notes_;
  std::uint64_t esp_frames_ = 0, duplicates_ = 0;
  observe::FrameInfo last_kept_;
};

}  // namespace

void analyse_file_sharded(capture::CaptureSource& reader, const observe::AnalyzerOptions& options, unsigned workers,
                          Analysis& analysis, report::ReportWriter& writer) {
  const std::size_t n = std::max(1u, workers);
  // Taken before the reading starts (a pcapng reader learns more link types as it reads), as
  // the one-thread loop hands them to Analyzer::begin_input; the workers never touch `reader`.
  const std::string path = reader.path();
  const std::uint32_t linktype = reader.linktype();
  // The reader counts frames, bytes and times; the merger the tunnel frames and the cut.
  observe::InputSummary input = observe::input_summary_for(path, linktype);
  observe::InputSummary counted;
  std::vector<BatchQueue> queues(n);
  EndBarrier end(n);
  observe::FrameInfo last_kept;
  std::vector<ShardRecordLog> logs(n + 1);
  std::vector<ShardRecordLog*> log_ptrs;
  for (auto& l : logs) log_ptrs.push_back(&l);
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < n; ++i)
      threads.emplace_back([&, i] { work(queues[i], logs[i + 1], end, options, path, linktype); });
    threads.emplace_back([&] { read_and_dispatch(reader, queues, logs[0], counted); });
    Merger merger(log_ptrs, analysis, writer, path, input);
    merger.run();
    last_kept = merger.last_kept();
  }  // joins
  input.frames = counted.frames;
  input.bytes = counted.bytes;
  input.first = counted.first;
  if (last_kept.number) input.last = last_kept.ts;
  analysis.inputs.push_back(input);
  for (auto& l : logs)
    if (auto e = l.error()) std::rethrow_exception(e);
}

}  // namespace ts::cli
