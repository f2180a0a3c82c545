#pragma once
// Analyzer: the capture driver's single entry into protocol analysis. Frames in (with
// their capture timestamps), the Analysis model filled. Link layer -> IP (fragments
// reassembled) -> UDP/TCP/GRE -> L2TP / PPTP / enhanced GRE -> PPP, plus PPP on bare links
// (PPPoE sessions, DLT_PPP). Sans-I/O: the caller reads the file.
//
// Each input file is analysed on its own (connections never span files, and begin_input
// resets every per-file state, so a file's analysis does not depend on the files before it:
// `analyze -j N` relies on that); frame numbers are per file. Bad bytes never stop the analysis: every problem becomes a diagnostic.
//
// Two ways to run it:
// - collecting (no sink): `out` ends up holding every connection of the capture with its
//   whole timeline, and every capture-level diagnostic; memory grows with the capture.
// - streaming (an AnalysisSink): a connection is handed to the sink and freed as soon as it
//   is finished (teardown complete and quiet for kTeardownLinger, or idle for
//   AnalyzerOptions::idle_timeout, both in capture time, checked once per second of it; at
//   the latest at end_input). `out` then holds only the live connections, so memory is
//   bounded by what is live, not by the length of the capture.
#include <array>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "dissectors/net/ipv4.h"
#include "src/core/decoded.h"
#include "src/observe/analyzer_options.h"
#include "src/observe/frame_gate.h"
#include "src/observe/ip_reassembler.h"
#include "src/observe/model.h"
#include "src/observe/observe_context.h"

namespace ts::observe {

class L2tpObserver;
class PptpObserver;
class BarePppObserver;

class Analyzer {
 public:
  Analyzer(const AnalyzerOptions& options, Analysis& out, AnalysisSink* sink = nullptr);
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  void begin_input(const std::string& path, std::uint32_t linktype);
  // `packet` non-null: filled with this frame's layers and summary (--packets).
  void on_frame(std::uint64_t number, Instant ts, std::uint32_t linktype, ByteView data,
                std::uint32_t original_length, PacketRecord* packet);
  // `truncated`: libpcap's message when the file ended mid-record, else empty.
  void end_input(const std::string& truncated);

  // Sharded analysis of one file (src/cli/sharded_file.h): the reading thread runs the
  // FrameGate's tick() and time_jump() for every frame (on_frame's first steps) and each
  // worker's Analyzer gets, instead of on_frame / end_input,
  // - on_tick: the periodic work due before frame `number` (every worker gets it);
  // - on_sharded_frame: a frame of this worker's address-pair buckets (the rest of on_frame:
  //   duplicate check, analysis);
  // - end_shard (with the last frame kept of the whole input), then the end-of-input
  //   diagnostics from the merging thread, then finish_shard.
  // In between, the same calls as on_frame / end_input make, in the same order.
  void on_tick(std::uint64_t number, Instant ts, bool retire, bool expire);
  void on_sharded_frame(std::uint64_t number, Instant ts, std::uint32_t linktype, ByteView data,
                        std::uint32_t original_length, PacketRecord* packet);
  void end_shard(const FrameInfo& last);
  void finish_shard();
  // IPsec ESP frames seen in this input (one diagnostic with the count at its end).
  std::uint64_t esp_frames() const { return esp_frames_; }
  // Duplicates skipped and the last frame kept so far, in this input.
  std::uint64_t duplicates() const { return gate_.duplicates(); }
  const FrameInfo& last_kept() const { return gate_.last_kept(); }
  // Frames of this input that belonged to a tunnel so far.
  std::uint64_t tunnel_frames() const { return ctx_.claimed_frames(); }

  // What the observers hold (for tests of the memory bound): connections they still
  // follow, and entries of their lookup tables (addresses, ids -> connection).
  struct Held {
    std::size_t connections = 0;
    std::size_t index_entries = 0;
  };
  Held held() const;

 private:
  // Everything after the gate: link layer, IP, tunnels.
  void analyse_frame(FrameInfo& f, std::uint32_t original_length, const Decoded<net::LinkLayer>& link,
                     const std::optional<Decoded<net::Ipv4Header>>& ip);
  void on_ip_in_ppp(FrameInfo& f, ByteView ppp_frame);
  void on_ipv4(FrameInfo& f, ByteView packet);
  // The IPv4 layer of a decoded header (the outermost one is decoded by on_frame, for the
  // duplicate check).
  void on_ipv4(FrameInfo& f, const Decoded<net::Ipv4Header>& d);
  void on_ipv6(FrameInfo& f, ByteView packet);
  void on_transport(FrameInfo& f, const net::IpAddress& src, const net::IpAddress& dst, std::uint8_t protocol,
                    ByteView payload);
  void on_icmp(FrameInfo& f, const net::IpAddress& reporter, bool v6, ByteView message);
  void on_udp(FrameInfo& f, const net::IpAddress& src, const net::IpAddress& dst, ByteView segment);
  void on_tcp(FrameInfo& f, const net::IpAddress& src, const net::IpAddress& dst, ByteView segment);
  // Plain truncation of a layer: a snaplen cut (capture) or a lying length field (malformed).
  void truncated(FrameInfo& f, std::string_view layer, std::string_view field);
  // Streaming: finishes and hands over the connections that are done at f.ts.
  void retire_finished(const FrameInfo& f);

  Analysis& out_;
  ObserveContext ctx_;
  std::unique_ptr<L2tpObserver> l2tp_;
  std::unique_ptr<PptpObserver> pptp_;
  std::unique_ptr<BarePppObserver> bare_;
  IpReassembler reassembler_;
  std::set<std::pair<net::IpAddress, std::uint16_t>> l2tp_ports_;  // flows seen as L2TP off port 1701
  InputSummary* input_ = nullptr;
  FrameGate gate_;
  // Encapsulation depth (IP in IP, IP in a bare PPP link): bounded so crafted nesting
  // cannot recurse without end.
  static constexpr int kMaxDepth = 3;
  int depth_ = 0;
  std::uint64_t esp_frames_ = 0;  // IPsec ESP seen (reported once per input)
};

// Registers every diagnostic table (codecs and observers) for `tunnelscope diagnostics`.
void link_all_diagnostic_tables();

// An input's summary before its first frame.
InputSummary input_summary_for(const std::string& path, std::uint32_t linktype);
// The --packets record of a frame the gate skipped as a duplicate.
PacketRecord duplicate_record(std::uint64_t number, Instant ts, std::uint32_t length, bool by_ip_packet);
// Detail text of capture.time_jump.
std::string time_jump_detail(Instant from, Instant to);
// The capture-level diagnostics of an input's end, in order: duplicates skipped, ESP frames
// seen, the file cut off (libpcap's message).
Diagnostics end_of_input_diagnostics(std::uint64_t duplicates, std::uint64_t esp_frames, const std::string& truncated);

}  // namespace ts::observe
