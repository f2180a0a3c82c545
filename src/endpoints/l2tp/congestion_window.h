#pragma once
// CongestionWindow: the sender's slow start and congestion avoidance for one control
// connection, RFC 2661 Appendix A (after Stevens, TCP/IP Illustrated vol. 1 §21.6), which
// §5.8 says SHOULD be used when retransmitting.
//
// Contract (counts are messages, not octets):
//  - CWND starts at 1 and SSTHRESH at the peer's advertised Receive Window Size;
//  - CWND never exceeds the advertised window;
//  - on_ack() is called once per newly acknowledged message: while CWND < SSTHRESH (slow
//    start) CWND grows by 1; after that (congestion avoidance) by 1 every CWND acks;
//  - on_retransmit(): SSTHRESH = max(1, CWND / 2), CWND = 1, back to slow start;
//  - set_advertised() (the peer's Receive Window Size AVP arrived): clamps CWND and, while no
//    retransmission has lowered it yet, SSTHRESH takes the new value too;
//  - disabled (enabled = false): limit() is the advertised window and nothing else changes.
#include <cstdint>

namespace ts::endpoints::l2tp {

class CongestionWindow {
 public:
  CongestionWindow(std::uint16_t advertised_window, bool enabled);

  void set_advertised(std::uint16_t window);
  void on_ack();
  void on_retransmit();

  // How many messages may be outstanding now.
  std::uint16_t limit() const;
  std::uint16_t cwnd() const { return cwnd_; }
  std::uint16_t ssthresh() const { return ssthresh_; }
  std::uint16_t advertised() const { return advertised_; }
  bool in_slow_start() const { return cwnd_ < ssthresh_; }

 private:
  std::uint16_t advertised_;
  bool enabled_;
  std::uint16_t cwnd_ = 1;
  std::uint16_t ssthresh_;
  std::uint16_t acks_in_round_ = 0;  // congestion avoidance: acks since CWND last grew
  bool reduced_ = false;             // a retransmission has set SSTHRESH
};

}  // namespace ts::endpoints::l2tp
