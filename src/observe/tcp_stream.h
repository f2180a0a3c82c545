#pragma once
// TcpStreamReassembler: the byte stream of ONE direction of a TCP connection, rebuilt from
// captured segments (RFC 9293 §3.4, §3.10.7.4). Sans-I/O: time comes in as `now`.
//
// Contract
// - on_segment() takes the segment's sequence number, SYN/FIN/RST flags and payload (a
//   view that may die after the call: bytes are copied). Sequence numbers wrap: offsets
//   are tracked in 64 bits from the first sequence number (serial arithmetic, RFC 1982).
// - The stream starts at the SYN (data from ISN+1). Without a SYN the first segment seen
//   starts it, with capture.tcp_midstream (once). A later SYN with another ISN is ignored
//   (counted in retransmitted); a SYN repeating the ISN is a retransmission.
// - Contiguous bytes become readable(); the consumer frames messages out of them and
//   calls consume(n). Views from readable() are valid until the next non-const call.
// - Data already delivered (retransmissions, overlaps) is dropped and counted; segments
//   ahead of the next expected byte are held until the hole fills. Held bytes are bounded
//   (limits.max_held_bytes): past the bound, or on flush_gap() (end of capture), the hole
//   is skipped with capture.tcp_gap (missing byte count) and the stream resumes after it.
// - At a gap, unconsumed bytes before the hole are discarded (counted in dropped_bytes):
//   consumers are expected to frame everything they can after each on_segment(), so what
//   is left is a message the gap cut. gap_before_readable() then stays true until
//   clear_gap(): readable() begins after a hole and framing must resynchronise.
// - Unconsumed readable bytes are bounded too (limits.max_readable_bytes): past it the
//   oldest bytes are discarded as at a gap, with capture.tcp_buffer_overflow (once).
// - RST: rst_seen() becomes true and the segment's data is ignored. FIN: fin_seen(); when
//   the stream has delivered every byte up to the FIN, finished() is true and later data
//   is ignored.
// - Diagnostics go to the `out` passed per call (no stored reference: streams can move).
// - The common in-order path does not allocate once the buffer has grown to its working
//   size; out-of-order segments allocate their held copy.
#include <cstdint>
#include <map>

#include "src/core/bytes.h"
#include "src/core/diagnostic.h"
#include "src/core/time.h"

namespace ts::observe {

namespace diag {
extern const DiagnosticDef kTcpMidstream;       // capture.tcp_midstream
extern const DiagnosticDef kTcpGap;             // capture.tcp_gap
extern const DiagnosticDef kTcpBufferOverflow;  // capture.tcp_buffer_overflow
}  // namespace diag

struct TcpStreamLimits {
  std::size_t max_held_bytes = 1u << 20;      // out-of-order bytes waiting for a hole
  std::size_t max_readable_bytes = 4u << 20;  // delivered but unconsumed bytes
};

struct TcpStreamCounters {
  std::uint64_t segments = 0;       // every on_segment() call
  std::uint64_t bytes = 0;          // bytes delivered in order to readable()
  std::uint64_t retransmitted = 0;  // segments carrying only or partly old data
  std::uint64_t out_of_order = 0;   // segments held ahead of a hole
  std::uint64_t gaps = 0;           // holes skipped
  std::uint64_t gap_bytes = 0;      // bytes never seen in those holes
  std::uint64_t dropped_bytes = 0;  // unconsumed bytes discarded at gaps / overflow
};

class TcpStreamReassembler {
 public:
  explicit TcpStreamReassembler(TcpStreamLimits limits = {}) : limits_(limits) {}

  void on_segment(std::uint32_t seq, bool syn, bool fin, bool rst, ByteView payload, Instant now,
                  Diagnostics& out);

  ByteView readable() const { return ByteView(buf_.data() + head_, buf_.size() - head_); }
  // Marks the first n readable bytes as used (n larger than readable() is clipped).
  void consume(std::size_t n);
  // End of capture (or consumer's choice): skip every remaining hole, delivering held data.
  void flush_gap(Diagnostics& out);

  bool gap_before_readable() const { return gap_flag_; }
  void clear_gap() { gap_flag_ = false; }

  bool started() const { return started_; }
  bool syn_seen() const { return syn_seen_; }
  bool fin_seen() const { return fin_seen_; }
  bool rst_seen() const { return rst_seen_; }
  bool finished() const { return fin_seen_ && next_off_ >= fin_off_; }
  // Sequence number of the next expected byte (valid once started()).
  std::uint32_t next_seq() const { return static_cast<std::uint32_t>(base_seq_ + next_off_); }
  std::size_t held_bytes() const { return held_bytes_; }
  Instant last_seen() const { return last_seen_; }
  const TcpStreamCounters& counters() const { return counters_; }

 private:
  void start(std::uint32_t data_seq);
  void deliver(ByteView data);
  void hold(std::uint64_t off, ByteView data);
  void drain();
  void skip_hole(Diagnostics& out);
  void drop_unconsumed();

  TcpStreamLimits limits_;
  Bytes buf_;             // readable bytes live in [head_, size)
  std::size_t head_ = 0;
  std::map<std::uint64_t, Bytes> held_;  // stream offset -> bytes ahead of next_off_
  std::size_t held_bytes_ = 0;
  std::uint32_t base_seq_ = 0;  // sequence number of stream offset 0
  std::uint32_t isn_ = 0;
  std::uint64_t next_off_ = 0;
  std::uint64_t fin_off_ = 0;
  bool started_ = false;
  bool syn_seen_ = false;
  bool fin_seen_ = false;
  bool rst_seen_ = false;
  bool gap_flag_ = false;
  bool overflow_reported_ = false;
  Instant last_seen_{};
  TcpStreamCounters counters_;
};

}  // namespace ts::observe
