#pragma once
// ReliableChannelConfig: the knobs of one L2TP control connection's reliable transport
// (RFC 2661 §5.8), as data, with the RFC's recommended defaults. Durations are protocol
// time (the channel never reads a clock).
#include <chrono>
#include <cstdint>

#include "src/core/time.h"
#include "src/endpoints/l2tp/l2tp_faults.h"

namespace ts::endpoints::l2tp {

struct ReliableChannelConfig {
  // Our Receive Window Size, advertised by the owner in SCCRQ/SCCRP (§4.4.3, §5.8): how many
  // out-of-order messages we queue beyond the next expected one, and the limit the peer's
  // Ns may run ahead of our Nr. 0 is invalid (§5.8) and treated as 1. RFC default 4.
  std::uint16_t receive_window = 4;
  // The peer's Receive Window Size until its AVP is learned (§4.4.3: "If absent, the peer
  // must assume a Window Size of 4"). set_peer_receive_window() replaces it.
  std::uint16_t peer_receive_window = 4;
  // §5.8: "a recommended default is 1 second" before the first retransmission.
  Duration initial_timeout = std::chrono::seconds(1);
  // §5.8: exponential back-off "MAY" be capped; the cap "MUST be no less than 8 seconds".
  // Values below 8 s are raised to 8 s. With 1 s and 8 s the retransmissions go out at
  // +1, +3, +7, +15, +23 s and the tunnel is dead at +31 s, the full retransmission cycle
  // §5.7 recommends.
  Duration max_timeout = std::chrono::seconds(8);
  // §5.8: "a recommended default is 5, but SHOULD be configurable": retransmissions of one
  // message before the tunnel is declared dead.
  unsigned max_retransmissions = 5;
  // How long a received message's acknowledgement waits for an outgoing message to ride
  // on before an explicit ZLB ACK goes out. Not an RFC number: §5.8 only allows either
  // piggybacking or a ZLB, and forbids withholding acks as flow control; 0.5 s is half the
  // peer's recommended 1 s retransmission timeout. 0 = a ZLB at the next on_deadline()
  // unless the owner sent something in between (e.g. its reply in the same input).
  Duration ack_delay = std::chrono::milliseconds(500);
  // Appendix A slow start and congestion avoidance (§5.8: SHOULD). false = send up to the
  // peer's whole window at once.
  bool slow_start = true;
  // §5.8: out-of-order messages "may be queued for in-order delivery ... or they may be
  // discarded requiring a retransmission by the peer". true = queue (within our window).
  bool queue_out_of_order = true;
  // The peer's Assigned Tunnel ID, written in the ZLB ACKs the channel sends; the owner
  // updates it with set_peer_tunnel_id() once learned (§3.1, §4.4.3).
  std::uint16_t peer_tunnel_id = 0;
  // Conformance self-tests only: deliberate RFC violations (l2tp_faults.h). Default: none.
  L2tpFaults faults;
};

}  // namespace ts::endpoints::l2tp
