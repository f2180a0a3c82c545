#pragma once
// TcpSequencer: the sequence and acknowledgement numbers of one simulated TCP connection,
// so the tap writes a connection Wireshark and the analyzer accept (SYN, SYN-ACK, ACK,
// data with PSH, pure ACKs, FIN). Side 0 is the client, side 1 the server. The simulator's
// TCP is reliable and in order, so a segment is "delivered" exactly once, in sending order:
// the receiver's next expected number is then simply seq + length (+1 for SYN or FIN).
#include <array>
#include <cstdint>

#include "dissectors/net/tcp.h"

namespace ts::sim {

class TcpSequencer {
 public:
  static constexpr std::uint16_t kWindow = 65535;
  static constexpr std::uint16_t kMss = 1460;

  TcpSequencer(std::uint32_t client_isn, std::uint32_t server_isn) : snd_nxt_{client_isn, server_isn} {}

  // Header of the next segment side `s` sends with `flags` and `length` payload bytes; the
  // acknowledgement is what `s` has received so far. A SYN carries the MSS option.
  net::TcpHeader next(int s, std::uint16_t src_port, std::uint16_t dst_port, std::uint16_t flags, std::size_t length) {
    net::TcpHeader h;
    h.src_port = src_port;
    h.dst_port = dst_port;
    h.seq = snd_nxt_[s];
    h.ack = (flags & net::tcp_flag::kAck) ? rcv_nxt_[s] : 0;
    h.flags = flags;
    h.window = kWindow;
    if (flags & net::tcp_flag::kSyn) {
      h.opt.has_mss = true;
      h.opt.mss = kMss;
    }
    snd_nxt_[s] += static_cast<std::uint32_t>(length) + span_extra(flags);
    return h;
  }
  // A segment side `s` sent reached the other side.
  void delivered(int s, const net::TcpHeader& h, std::size_t length) {
    rcv_nxt_[1 - s] = h.seq + static_cast<std::uint32_t>(length) + span_extra(h.flags);
  }

 private:
  static std::uint32_t span_extra(std::uint16_t flags) {
    return ((flags & net::tcp_flag::kSyn) ? 1U : 0U) + ((flags & net::tcp_flag::kFin) ? 1U : 0U);
  }
  std::array<std::uint32_t, 2> snd_nxt_;
  std::array<std::uint32_t, 2> rcv_nxt_{};
};

}  // namespace ts::sim
