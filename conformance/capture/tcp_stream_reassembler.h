#pragma once
// TcpStreamReassembler: one direction of a recorded TCP connection as the receiving
// application read it: the sender's bytes in sequence order, each byte once. For the capture
// harness, which hands the device's PPTP control stream to the script peer as the live
// driver's socket would have (recorded_conversation.h).
// Contract, per segment of that direction in capture order (segment()):
//  - a SYN sets the initial sequence number (its data, if any, follows it); without one in
//    the recording the first segment's sequence number starts the stream;
//  - bytes before the next expected one (retransmissions, overlaps) are skipped; bytes past
//    it are held until the gap before them is filled, then returned with the segment that
//    filled it (the time the application would have read them); sequence numbers wrap
//    (RFC 9293 §3.4: comparisons modulo 2^32);
//  - a FIN counts once the stream reaches its sequence number (fin() from then on);
//  - an RST ends the stream at once (reset()); later segments are ignored.
// Never throws; a sender's misbehaviour (data after its FIN) is ignored, not reported.
#include <cstdint>
#include <optional>
#include <vector>

#include "dissectors/net/tcp.h"
#include "src/core/bytes.h"

namespace ts::conformance {

class TcpStreamReassembler {
 public:
  // The bytes this segment makes readable, in order (empty: none new).
  Bytes segment(const net::TcpHeader& h);
  bool fin() const { return fin_; }
  bool reset() const { return reset_; }

 private:
  struct Pending {
    std::uint32_t seq;
    Bytes data;
    bool fin;
  };
  // Appends what `p` holds past next_ (if it starts at or before next_); false: still a gap.
  bool take(const Pending& p, Bytes& out);

  std::optional<std::uint32_t> next_;  // the next sequence number the reader expects
  std::vector<Pending> pending_;       // out of order, waiting for the gap before them
  bool fin_ = false, reset_ = false;
};

}  // namespace ts::conformance
