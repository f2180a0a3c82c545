#include "conformance/capture/tcp_stream_reassembler.h"

namespace ts::conformance {

namespace {

// a - b modulo 2^32 as a signed distance (RFC 9293 §3.4).
std::int32_t distance(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b); }

}  // namespace

bool TcpStreamReassembler::take(const Pending& p, Bytes& out) {
  const std::int32_t ahead = distance(p.seq, *next_);
  if (ahead > 0) return false;  // a gap before it
  const auto skip = static_cast<std::size_t>(-static_cast<std::int64_t>(ahead));
  if (skip < p.data.size()) {
    out.insert(out.end(), p.data.begin() + static_cast<std::ptrdiff_t>(skip), p.data.end());
    *next_ += static_cast<std::uint32_t>(p.data.size() - skip);
  }
  // The FIN occupies the sequence number after the data: reached when nothing is missing.
  if (p.fin && distance(p.seq + static_cast<std::uint32_t>(p.data.size()), *next_) == 0) {
    fin_ = true;
    *next_ += 1;
  }
  return true;
}

Bytes TcpStreamReassembler::segment(const net::TcpHeader& h) {
  Bytes out;
  if (reset_ || fin_) return out;
  if (h.rst()) {
    reset_ = true;
    pending_.clear();
    return out;
  }
  std::uint32_t seq = h.seq;
  if (h.syn()) {
    if (!next_) next_ = seq + 1;
    seq += 1;  // the SYN takes one sequence number
  }
  if (!next_) next_ = seq;
  if (h.payload.empty() && !h.fin()) return out;  // a pure ACK
  pending_.push_back(Pending{seq, Bytes(h.payload.begin(), h.payload.end()), h.fin()});
  // Deliver whatever became contiguous; each delivery may close the next gap.
  for (bool progress = true; progress && !fin_;) {
    progress = false;
    for (std::size_t i = 0; i < pending_.size(); ++i)
      if (take(pending_[i], out)) {
        pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(i));
        progress = true;
        break;
      }
  }
  return out;
}

}  // namespace ts::conformance
