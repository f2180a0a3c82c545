#include "src/endpoints/l2tp/congestion_window.h"

#include <algorithm>

namespace ts::endpoints::l2tp {

CongestionWindow::CongestionWindow(std::uint16_t advertised_window, bool enabled)
    : advertised_(std::max<std::uint16_t>(advertised_window, 1)),
      enabled_(enabled),
      ssthresh_(advertised_) {}

void CongestionWindow::set_advertised(std::uint16_t window) {
  advertised_ = std::max<std::uint16_t>(window, 1);
  // RFC 2661 Appendix A: SSTHRESH starts at the advertised window; a later AVP (the SCCRP
  // after our SCCRQ) is still the start unless congestion has already halved it.
  if (!reduced_) ssthresh_ = advertised_;
  cwnd_ = std::min(cwnd_, advertised_);
}

void CongestionWindow::on_ack() {
  if (cwnd_ >= advertised_) return;  // Appendix A: CWND never exceeds the advertised window
  if (cwnd_ < ssthresh_) {
    ++cwnd_;  // slow start: +1 per ACK, doubling per round trip
    acks_in_round_ = 0;
    return;
  }
  // Congestion avoidance: +1/CWND per ACK, i.e. +1 once CWND acks have arrived.
  if (++acks_in_round_ >= cwnd_) {
    ++cwnd_;
    acks_in_round_ = 0;
  }
}

void CongestionWindow::on_retransmit() {
  // Appendix A: half of CWND is saved in SSTHRESH and CWND is set to one. SSTHRESH is kept
  // at least 1 so a window of 1 stays usable.
  ssthresh_ = std::max<std::uint16_t>(1, static_cast<std::uint16_t>(cwnd_ / 2));
  cwnd_ = 1;
  acks_in_round_ = 0;
  reduced_ = true;
}

std::uint16_t CongestionWindow::limit() const {
  return enabled_ ? std::min(cwnd_, advertised_) : advertised_;
}

}  // namespace ts::endpoints::l2tp
