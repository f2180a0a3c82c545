#pragma once
// FrameGate: what the analysis decides about a frame before any protocol is looked at.
//
// Per frame, in this order (the Analyzer acts on them in the same order):
// tick(ts), from the timestamps alone:
// - retire_due: once a second of capture time (or when time runs backwards), finished
//   connections are handed over before this frame (streaming only);
// - expiry_due: once a second of capture time, incomplete IP datagrams time out;
// time_jump(ts), from the timestamps alone: the capture clock stepped by more than 24 h since
//   the frame before;
// admit(...):
// - duplicate: the same bytes (for an IPv4 frame: the same IP packet, i.e. addresses,
//   protocol, ID, offset and payload) again within 2 ms, among the last 8 frames kept of its
//   address-pair bucket (address_pair.h): the capture saw one packet twice (a SPAN of both
//   directions, two interfaces, before and after a bridge), not the device sending it twice.
//   A duplicate is counted and skipped. Comparing within the bucket means busy unrelated
//   traffic cannot push the original out of sight, and it makes the check local to a bucket.
// The link layer and an outer IPv4 header are decoded by admit (the duplicate check needs
// them) and handed on, so that the analysis does not decode them twice.
//
// The sharded analysis of one file (`analyze -j N`, src/cli/sharded_file.h) relies on that
// split: its reading thread runs tick() and time_jump() for every frame and hands the ticks to
// every worker; each worker's own gate runs admit() on the frames of its buckets, which is the
// same decision one thread takes, because nothing in it looks outside the bucket.
#include <cstdint>
#include <optional>
#include <vector>

#include "dissectors/net/ipv4.h"
#include "dissectors/net/link_type.h"
#include "dissectors/net/plain_ipv4.h"
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
  // First, so that admit() can build it in place from the decoder's result.
  Decoded<net::LinkLayer> link;
  std::optional<Decoded<net::Ipv4Header>> ip;  // the outer IPv4 header, when the link carries one
  bool duplicate = false;
  // The frame was identified by its IPv4 packet (else by its bytes); decides the wording of
  // a duplicate's --packets summary.
  bool by_ip_packet = false;
};

class FrameGate {
 public:
  // `streaming`: connections are retired as they finish (an AnalysisSink is attached).
  explicit FrameGate(bool streaming) : streaming_(streaming) { reset(); }

  // Forgets everything (a new input file).
  void reset();
  // First, per frame: the periodic work due before it (acted on before the frame counts).
  FrameTick tick(Instant ts);
  // Then: the time of the frame before when the clock jumped more than 24 h since it.
  std::optional<Instant> time_jump(Instant ts);
  // Then: decides for the frame and counts it in `input` (frames and bytes always; first and
  // last time for a frame that is not a duplicate).
  FrameVerdict admit(std::uint64_t number, Instant ts, std::uint32_t linktype, ByteView data,
                     std::uint32_t original_length, InputSummary& input);
  // admit() for a frame read_plain_ipv4() accepted, without decoding it again: the same
  // decision (by its IPv4 packet) and the same counting; true for a duplicate.
  bool admit_plain_ipv4(std::uint64_t number, Instant ts, ByteView data, std::uint32_t original_length,
                        const net::PlainIpv4& p, InputSummary& input);
  // The last frame that was not a duplicate (what end-of-input diagnostics point at).
  const FrameInfo& last_kept() const { return last_kept_; }
  // Duplicates skipped since reset().
  std::uint64_t duplicates() const { return duplicates_; }

 private:
  bool seen_just_before(std::size_t bucket, std::uint64_t hash, std::size_t length, Instant ts);
  void count(std::uint64_t number, Instant ts, std::size_t captured, std::uint32_t original_length, bool duplicate,
             InputSummary& input);

  bool streaming_;
  Instant last_retire_check_{};
  Instant last_expiry_{};
  std::optional<Instant> previous_;
  FrameInfo last_kept_;
  struct Recent {
    std::uint64_t hash = 0;
    std::size_t length = 0;
    Instant ts{};
  };
  static constexpr std::size_t kRecentPerBucket = 8;
  // kRecentPerBucket entries per address-pair bucket, and where the next one goes.
  std::vector<Recent> recent_;
  std::vector<std::uint8_t> recent_next_;
  std::uint64_t duplicates_ = 0;
};

// Inline: both run for every frame, ahead of everything else.
inline FrameTick FrameGate::tick(Instant ts) {
  FrameTick v;
  // A connection idle for the timeout is finished before this frame, and this frame, if it
  // is one of that connection's, starts a new one.
  if (streaming_ && (ts - last_retire_check_ >= std::chrono::seconds(1) || ts < last_retire_check_)) {
    last_retire_check_ = ts;
    v.retire_due = true;
  }
  if (ts - last_expiry_ > std::chrono::seconds(1)) {
    last_expiry_ = ts;
    v.expiry_due = true;
  }
  return v;
}

inline std::optional<Instant> FrameGate::time_jump(Instant ts) {
  // RFC-free capture sanity: the capturing host's clock stepped (NTP at boot, a reset).
  std::optional<Instant> from;
  if (previous_ && (ts - *previous_ > std::chrono::hours(24) || *previous_ - ts > std::chrono::hours(24)))
    from = previous_;
  previous_ = ts;
  return from;
}

}  // namespace ts::observe
