#include "src/observe/tcp_stream.h"

#include <algorithm>

#include <fmt/format.h>

namespace ts::observe {

namespace diag {
const DiagnosticDef kTcpMidstream{"capture.tcp_midstream", DiagKind::capture, Severity::info, "",
                                  "TCP stream joined after its SYN: the first segment seen starts it"};
const DiagnosticDef kTcpGap{"capture.tcp_gap", DiagKind::capture, Severity::warning, "",
                            "bytes of the TCP stream were never captured; the stream resumes after the hole"};
const DiagnosticDef kTcpBufferOverflow{"capture.tcp_buffer_overflow", DiagKind::capture, Severity::warning, "",
                                       "unconsumed TCP stream bytes exceeded the buffer bound; oldest discarded"};
namespace {
const DiagnosticDef* const kAllDefs[] = {&kTcpMidstream, &kTcpGap, &kTcpBufferOverflow};
const DiagnosticTable kRegister{kAllDefs};
}  // namespace
}  // namespace diag

void TcpStreamReassembler::start(std::uint32_t data_seq) {
  started_ = true;
  base_seq_ = data_seq;
  next_off_ = 0;
}

void TcpStreamReassembler::on_segment(std::uint32_t seq, bool syn, bool fin, bool rst, ByteView payload,
                                      Instant now, Diagnostics& out) {
  ++counters_.segments;
  last_seen_ = now;
  if (rst) {
    rst_seen_ = true;
    return;
  }
  if (syn) {
    if (!started_) {
      syn_seen_ = true;
      isn_ = seq;
      start(seq + 1);  // RFC 9293 §3.4: the SYN occupies sequence number ISN.
    } else if (!syn_seen_ || seq != isn_) {
      ++counters_.retransmitted;  // a SYN after the stream started: not ours to follow
      return;
    }
  } else if (!started_) {
    add_diag(out, diag::kTcpMidstream, fmt::format("first sequence number {}", seq));
    start(seq);
  }
  const std::uint32_t data_seq = syn ? seq + 1 : seq;
  // Serial arithmetic: the distance from the next expected byte, within +-2^31.
  const std::int64_t rel = static_cast<std::int32_t>(data_seq - next_seq());
  const std::int64_t off = static_cast<std::int64_t>(next_off_) + rel;
  const std::int64_t end = off + static_cast<std::int64_t>(payload.size());
  if (fin && end >= 0 && !fin_seen_) {
    fin_seen_ = true;
    fin_off_ = static_cast<std::uint64_t>(end);
  }
  if (payload.empty()) return;
  if (finished() && off >= static_cast<std::int64_t>(fin_off_)) return;  // data after FIN
  if (end <= static_cast<std::int64_t>(next_off_)) {
    ++counters_.retransmitted;
    return;
  }
  if (off < static_cast<std::int64_t>(next_off_)) {
    ++counters_.retransmitted;  // partly old: keep the new tail
    payload = payload.subspan(static_cast<std::size_t>(static_cast<std::int64_t>(next_off_) - off));
    deliver(payload);
  } else if (off == static_cast<std::int64_t>(next_off_)) {
    deliver(payload);
  } else {
    ++counters_.out_of_order;
    hold(static_cast<std::uint64_t>(off), payload);
    while (held_bytes_ > limits_.max_held_bytes && !held_.empty()) skip_hole(out);
    return;
  }
  drain();
  if (buf_.size() - head_ > limits_.max_readable_bytes) {
    const std::size_t excess = buf_.size() - head_ - limits_.max_readable_bytes;
    if (!overflow_reported_) {
      overflow_reported_ = true;
      add_diag(out, diag::kTcpBufferOverflow,
               fmt::format("{} unconsumed bytes > bound {}", buf_.size() - head_, limits_.max_readable_bytes));
    }
    counters_.dropped_bytes += excess;
    head_ += excess;
    gap_flag_ = true;
  }
}

void TcpStreamReassembler::deliver(ByteView data) {
  // Compact when the consumed prefix is at least half the buffer: amortised O(1) per byte.
  if (head_ > 0 && head_ * 2 >= buf_.size()) {
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
  buf_.insert(buf_.end(), data.begin(), data.end());
  next_off_ += data.size();
  counters_.bytes += data.size();
}

void TcpStreamReassembler::hold(std::uint64_t off, ByteView data) {
  auto [it, inserted] = held_.try_emplace(off);
  if (!inserted) {
    if (it->second.size() >= data.size()) {
      ++counters_.retransmitted;
      return;
    }
    held_bytes_ -= it->second.size();
  }
  it->second.assign(data.begin(), data.end());
  held_bytes_ += data.size();
}

void TcpStreamReassembler::drain() {
  while (!held_.empty() && held_.begin()->first <= next_off_) {
    auto node = held_.extract(held_.begin());
    held_bytes_ -= node.mapped().size();
    const std::uint64_t end = node.key() + node.mapped().size();
    if (end <= next_off_) continue;  // fully covered by data delivered meanwhile
    deliver(ByteView(node.mapped()).subspan(static_cast<std::size_t>(next_off_ - node.key())));
  }
}

void TcpStreamReassembler::drop_unconsumed() {
  counters_.dropped_bytes += buf_.size() - head_;
  buf_.clear();
  head_ = 0;
}

void TcpStreamReassembler::skip_hole(Diagnostics& out) {
  if (held_.empty()) return;
  const std::uint64_t first = held_.begin()->first;
  const std::uint64_t missing = first - next_off_;
  add_diag(out, diag::kTcpGap,
           fmt::format("{} bytes missing from sequence number {}", missing, next_seq()));
  ++counters_.gaps;
  counters_.gap_bytes += missing;
  drop_unconsumed();
  gap_flag_ = true;
  next_off_ = first;
  drain();
}

void TcpStreamReassembler::flush_gap(Diagnostics& out) {
  while (!held_.empty()) skip_hole(out);
}

void TcpStreamReassembler::consume(std::size_t n) {
  head_ += std::min(n, buf_.size() - head_);
  if (head_ == buf_.size()) {
    buf_.clear();
    head_ = 0;
  }
}

}  // namespace ts::observe
