#include "src/endpoints/l2tp/channel_event.h"

#include <fmt/format.h>

namespace ts::endpoints::l2tp {

namespace {
struct Describe {
  std::string operator()(const event::Retransmitted& e) const {
    return fmt::format("retransmitted Ns={} (attempt {}, next in {} s, cwnd {}/ssthresh {})",
                       e.ns, e.attempt, format_seconds(e.next_timeout), e.cwnd, e.ssthresh);
  }
  std::string operator()(const event::TunnelDead& e) const {
    return fmt::format("tunnel dead: Ns={} unacknowledged after {} retransmissions", e.ns,
                       e.retransmissions);
  }
  std::string operator()(const event::WindowStalled& e) const {
    return fmt::format("window stalled: {} waiting, {} outstanding of {}", e.waiting,
                       e.outstanding, e.limit);
  }
  std::string operator()(const event::DuplicateReceived& e) const {
    return fmt::format("duplicate Ns={} acknowledged, not delivered", e.ns);
  }
  std::string operator()(const event::OutOfOrderQueued& e) const {
    return fmt::format("out-of-order Ns={} queued (expected {})", e.ns, e.expected);
  }
  std::string operator()(const event::OutOfOrderDropped& e) const {
    return fmt::format("out-of-order Ns={} dropped (expected {}{})", e.ns, e.expected,
                       e.beyond_window ? ", beyond our window" : "");
  }
  std::string operator()(const event::ZlbSent& e) const {
    return fmt::format("ZLB ACK sent, Nr={}", e.nr);
  }
  std::string operator()(const event::Discarded& e) const {
    return fmt::format("discarded: {}", e.reason);
  }
};
}  // namespace

std::string describe(const ChannelEvent& e) { return std::visit(Describe{}, e); }

}  // namespace ts::endpoints::l2tp
