#pragma once
// ChannelEvent: what the L2TP reliable control channel did or saw, for the owner's timeline
// and for tests (RFC 2661 §5.8). Events are facts, not faults: the peer's faults are
// engine::Violation values next to them (reliable_channel_diagnostics.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "src/core/time.h"

namespace ts::endpoints::l2tp {

namespace event {
// The oldest unacknowledged message went out again (§5.8); attempt counts from 1.
// cwnd/ssthresh are the Appendix A values after the reduction this retransmission caused.
struct Retransmitted {
  std::uint16_t ns = 0;
  unsigned attempt = 0;
  Duration next_timeout{};
  std::uint16_t cwnd = 0;
  std::uint16_t ssthresh = 0;
};
// max_retransmissions went unanswered: §5.8 says the tunnel and all its sessions MUST be
// cleared. The channel is inert afterwards; the owner cleans up.
struct TunnelDead {
  std::uint16_t ns = 0;  // the message never acknowledged
  unsigned retransmissions = 0;
};
// A queued message must wait: `outstanding` messages are unacknowledged and the window
// (min of CWND and the peer's Receive Window Size) is `limit`. Reported once per stall.
struct WindowStalled {
  std::size_t waiting = 0;
  std::uint16_t outstanding = 0;
  std::uint16_t limit = 0;
};
// Ns at or before the last received one (§5.8): not delivered again, but acknowledged.
struct DuplicateReceived {
  std::uint16_t ns = 0;
};
// Ns ahead of the expected one but within our window: held for in-order delivery.
struct OutOfOrderQueued {
  std::uint16_t ns = 0;
  std::uint16_t expected = 0;
};
// Ns ahead of the expected one and not kept (queueing disabled, or beyond our window).
struct OutOfOrderDropped {
  std::uint16_t ns = 0;
  std::uint16_t expected = 0;
  bool beyond_window = false;
};
// An explicit ZLB ACK went out (nothing to piggyback the acknowledgement on).
struct ZlbSent {
  std::uint16_t nr = 0;
};
// The input was not a sequenced control message the channel can use (decode failed, data
// message, S bit clear), or the channel is dead. `reason` is a static string.
struct Discarded {
  std::string_view reason;
};
}  // namespace event

using ChannelEvent =
    std::variant<event::Retransmitted, event::TunnelDead, event::WindowStalled,
                 event::DuplicateReceived, event::OutOfOrderQueued, event::OutOfOrderDropped,
                 event::ZlbSent, event::Discarded>;

// One line for a timeline: "retransmitted Ns=3 (attempt 2, next in 4.000000 s, cwnd 1/2)".
std::string describe(const ChannelEvent& e);

}  // namespace ts::endpoints::l2tp
