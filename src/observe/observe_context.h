#pragma once
// ObserveContext: what every observer shares while one capture is analysed: the model it
// fills, the user's options, and helpers that put events and diagnostics on timelines with
// the current frame's number and time; and, when the analysis streams, which connections
// are finished and handed to the AnalysisSink.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "src/core/diagnostic.h"
#include "src/observe/analysis_sink.h"
#include "src/observe/analyzer_options.h"
#include "src/observe/model.h"

namespace ts::observe {

// The frame being processed.
struct FrameInfo {
  std::uint64_t number = 0;
  Instant ts{};
  bool cut = false;                 // captured length < original length (snaplen)
  PacketRecord* packet = nullptr;   // non-null with --packets: observers add layers/summary
};

// What makes a note (a fact, not a fault) the same note again: kept once per connection
// (ObserveContext) or per input for capture-level notes (also the sharded merge).
std::string note_key(const DiagnosticDef& def, std::string_view entity, std::string_view detail);

class ObserveContext {
 public:
  // `sink` null: everything is kept in `analysis` until the end (nothing is ever retired).
  ObserveContext(Analysis& analysis, const AnalyzerOptions& options, AnalysisSink* sink = nullptr)
      : analysis_(analysis), options_(options), sink_(sink) {}

  Analysis& analysis() { return analysis_; }
  const AnalyzerOptions& options() const { return options_; }
  // A new input file: connections never span files, so nothing learned about the previous
  // file's notes or frames carries over (each file's analysis is independent of the others,
  // which `analyze -j N` relies on).
  void set_file(std::string f) {
    file_ = std::move(f);
    seen_notes_.clear();
    last_claimed_frame_ = 0;
  }

  // A new connection with the next index of its protocol ("l2tp-3").
  Connection& new_connection(Protocol p, const FrameInfo& f);

  void event(Connection& c, const FrameInfo& f, std::string entity, int from, EventKind kind, std::string text);
  // A diagnostic on a connection's timeline, or a capture-level one when c is null.
  void diag(Connection* c, const FrameInfo& f, std::string entity, const DiagnosticDef& def, std::string detail = {});
  // Decoder diagnostics of one message (inline: most messages have none, and this runs for
  // every layer of every packet).
  void diags(Connection* c, const FrameInfo& f, const std::string& entity, const Diagnostics& ds) {
    if (!ds.empty()) add_diags(c, f, entity, ds);
  }
  // The capture lost part of connection c at frame f: suspend behavioural checks from here.
  void suspend_checks(Connection& c, const FrameInfo& f, std::string why);
  // A decode that ran out of bytes: a snaplen cut (capture artefact) or a length field that
  // claims more than the frame holds (malformed).
  void truncated(Connection* c, const FrameInfo& f, const std::string& entity, std::string_view layer,
                 std::string_view field);
  // Marks the frame as belonging to a connection (for --packets and the tunnel frame count).
  void claim(Connection& c, const FrameInfo& f);
  // Frames claimed since the last call (each frame counted once).
  std::uint64_t take_claimed_frames() { return std::exchange(claimed_frames_, 0); }
  std::uint64_t claimed_frames() const { return claimed_frames_; }

  // Streaming: true when `c` is finished at capture time `now`: its teardown completed and
  // it has been quiet for kTeardownLinger, or it has been quiet for the idle timeout.
  // Always false without a sink (the analysis then keeps every connection).
  bool finished(const Connection& c, Instant now) const;
  bool streaming() const { return sink_ != nullptr; }
  // An observer is done with `c` and has dropped its own state for it. Nothing may be added
  // to `c` after this; retire_done() hands it to the sink.
  void done(Connection& c) { done_.push_back(&c); }
  // Hands every connection marked done to the sink, in order of first appearance, and frees
  // it. Without a sink it only forgets the marks (the connections stay in the analysis).
  void retire_done();
  // For an observer's list of followed items (each with a `Connection* conn`): every item
  // that is finished at f.ts, or every item when `all`, gets `finish(item)` (final checks,
  // dropping the observer's lookup entries for it), its connection is marked done and the
  // item erased. `items` must be a std::list (the others' addresses stay valid).
  template <typename List, typename Finish>
  void retire_items(List& items, const FrameInfo& f, bool all, Finish finish) {
    for (auto it = items.begin(); it != items.end();) {
      if (!all && !finished(*it->conn, f.ts)) {
        ++it;
        continue;
      }
      finish(*it);
      done(*it->conn);
      it = items.erase(it);
    }
  }

 private:
  void add_diags(Connection* c, const FrameInfo& f, const std::string& entity, const Diagnostics& ds);
  Analysis& analysis_;
  const AnalyzerOptions& options_;
  std::string file_;
  std::uint32_t next_index_[3] = {1, 1, 1};
  std::uint64_t claimed_frames_ = 0;
  AnalysisSink* sink_ = nullptr;
  // Notes kept, per connection id ("" for the capture): (id, entity, detail).
  std::unordered_map<std::string, std::unordered_set<std::string>> seen_notes_;
  std::vector<Connection*> done_;
  std::uint64_t last_claimed_frame_ = 0;
};

}  // namespace ts::observe
