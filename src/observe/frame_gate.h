#pragma once
// FrameGate: what the analysis decides about a frame from the order of the frames alone,
// before any protocol is looked at. The Analyzer runs it on every frame; the sharded
// analysis of one file (`analyze -j N`, src/cli/sharded_file.h) runs it once, in the thread
// that reads the file, and hands the periodic work to every worker as ticks. That is what
// makes the sharded report identical to one thread's: none of these decisions depends on
// which worker analyses a frame.
//
// Per frame, in this order (the Analyzer acts on them in the same order):
// tick():
// - retire_due: once a second of capture time (or when time runs backwards), finished
//   connections are handed over before this frame (streaming only);
// - expiry_due: once a second of capture time, incomplete IP datagrams time out;
// admit():
// - time_jump_from: the capture clock stepped by more than 24 h since the last frame kept;
// - duplicate: the same bytes (for an IPv4 frame: the same IP packet, i.e. addresses,
//   protocol, ID, offset and payload) again within 2 ms among the last 8 frames kept: the
//   capture saw one packet twice (a SPAN of both directions, two interfaces, before and
//   after a bridge), not the device sending it twice. A duplicate is counted and skipped.
// The link layer and an outer IPv4 header are decoded here (the duplicate check needs them)
// and handed on, so that the analysis does not decode them twice.
#include <array>
#include <cstdint>
#include <optional>

#include "dissectors/net/ipv4.h"
#include "dissectors/net/link_type.h"
#include "src/core/decoded.h"
#include "src/observe/model.h"
#include "src/observe/observe_context.h"

namespace ts::observe {

// The periodic work due before a frame, from its timestamp alone.
struct FrameTick {
  bool retire_due = false;
  bool expiry_due = false;
  bool any() const { return retire_due || expiry_due; }
};

struct FrameVerdict {
  std::optional<Instant> time_jump_from;
  bool duplicate = false;
  // The frame was identified by its IPv4 packet (else by its bytes); decides the wording of
  // a duplicate's --packets summary.
  bool by_ip_packet = false;
  Decoded<net::LinkLayer> link;
  std::optional<Decoded<net::Ipv4Header>> ip;  // the outer IPv4 header, when the link carries one
};

class FrameGate {
 public:
  // `streaming`: connections are retired as they finish (an AnalysisSink is attached).
  explicit FrameGate(bool streaming) : streaming_(streaming) {}

  // Forgets everything (a new input file).
  void reset();
  // First, per frame: the periodic work due before it (acted on before the frame counts).
  FrameTick tick(Instant ts);
  // Then: decides for the frame and counts it in `input` (frames and bytes always; first and
  // last time for a frame that is not a duplicate).
  FrameVerdict admit(std::uint64_t number, Instant ts, std::uint32_t linktype, ByteView data,
                     std::uint32_t original_length, InputSummary& input);
  // The last frame that was not a duplicate (what end-of-input diagnostics point at).
  const FrameInfo& last_kept() const { return last_kept_; }
  // Duplicates skipped since reset().
  std::uint64_t duplicates() const { return duplicates_; }

 private:
  bool seen_just_before(std::uint64_t hash, std::size_t length, Instant ts);

  bool streaming_;
  Instant last_retire_check_{};
  Instant last_expiry_{};
  FrameInfo last_kept_;
  struct Recent {
    std::uint64_t hash = 0;
    std::size_t length = 0;
    Instant ts{};
  };
  std::array<Recent, 8> recent_{};
  std::size_t recent_next_ = 0;
  std::uint64_t duplicates_ = 0;
};

}  // namespace ts::observe
