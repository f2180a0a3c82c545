#pragma once
// GreDataChannelConfig: the knobs of one PPTP call's enhanced GRE data channel (RFC 2637
// §4), as data, with documented defaults. Durations are protocol time.
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "src/core/time.h"
#include "src/endpoints/pptp/pptp_faults.h"

namespace ts::endpoints::pptp {

struct GreDataChannelConfig {
  std::uint16_t call_id = 0;       // ours: the Key's Call ID the peer puts on its packets
  std::uint16_t peer_call_id = 0;  // the peer's: written in the Key of every packet we send
  // The peer's Packet Recv. Window Size (from its OCRQ/OCRP/ICRQ/ICRP/ICCN): at most this
  // many of our packets may await acknowledgement (§4.2). 0 is treated as 1.
  std::uint16_t peer_window = 64;
  // Our own Packet Recv. Window Size: how far ahead of the next expected sequence number a
  // packet is held for reordering (§4.3); packets further ahead skip the gap.
  std::uint16_t receive_window = 64;
  // §4.3: out-of-sequence packets "MUST be silently discarded, or they may be reordered by
  // the receiver". true = hold them (within receive_window, at most reorder_hold) and
  // deliver in order; false = deliver only increasing sequence numbers, discard the rest.
  bool reorder = true;
  Duration reorder_hold{std::chrono::milliseconds(50)};
  // §4.2.4: "packets are buffered for transmission": true = frames beyond the window wait
  // in a queue of at most send_queue_limit frames (the excess is dropped and counted);
  // false = frames beyond the window are dropped and counted at once.
  bool queue_when_window_full = true;
  std::size_t send_queue_limit = 64;
  // §4.4: adaptive time-out (true) or a static one (false: ATO = initial_rtt for ever).
  bool adaptive = true;
  // The seed of RTT[n-1] (§4.4: "Initially, it is set to PPD"): the peer's Packet
  // Processing Delay (1/10 s units on the wire) converted, or a configured static time-out.
  Duration initial_rtt{std::chrono::milliseconds(500)};
  // §4.4: MinTimeOut / MaxTimeOut bounds of ATO. Vendor numbers, not the RFC's. The
  // sample is the age of the highest packet acknowledged (§4.2.5) while the time-out runs
  // for the oldest, which can be older by the peer's ack delay: MinTimeOut keeps a margin.
  Duration min_timeout{std::chrono::milliseconds(200)};
  Duration max_timeout{std::chrono::seconds(5)};
  // How long a received packet's acknowledgement waits for a data packet to ride on
  // (§4.2: acks "can also be sent separately") before an ack-only packet goes out. Kept
  // well below min_timeout so the peer never times out on a silent but healthy side.
  Duration ack_delay{std::chrono::milliseconds(20)};
  // Conformance self-tests only: deliberate RFC violations (pptp_faults.h). Default: none.
  GreFaults faults;
};

// §4.4.1 suggested gains, as the RFC gives them (alpha 1/8, beta 1/4, chi 4) and §4.4.2
// delta 2.
inline constexpr double kAtoAlpha = 0.125;
inline constexpr double kAtoBeta = 0.25;
inline constexpr double kAtoChi = 4.0;
inline constexpr double kAtoDelta = 2.0;

}  // namespace ts::endpoints::pptp
