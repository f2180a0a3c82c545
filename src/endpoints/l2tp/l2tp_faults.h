#pragma once
// L2tpFaults: FAULT INJECTION FOR CONFORMANCE SELF-TESTS ONLY. Every switch makes the
// reference L2TP endpoint break RFC 2661 on purpose (the reliable transport of §5.8, the
// message rules of §4, §6 and §7), so that tests can prove that a conformance script fails
// against a device that misbehaves the way the script's check describes
// (tests/unit/conformance/impairment_scripts_test.cpp, l2tp_fault_scripts_test.cpp). No CLI
// option and no profile sets them; all off is the correct endpoint.
#include <cstdint>

namespace ts::endpoints::l2tp {

struct L2tpFaults {
  // A duplicate control message (Ns at or before the last one received) is still
  // acknowledged, but also handed up again: the tunnel acts on it twice (against §5.8,
  // "ignored from processing").
  bool process_duplicates = false;
  // A control message whose Ns is ahead of the expected one (within the window) is handed up
  // at once, out of order (against §5.8, "delivered in order"); Nr does not move past the gap.
  bool deliver_out_of_order = false;
  // The peer's Nr is not processed: our messages stay unacknowledged and are retransmitted
  // until the tunnel is declared dead (against §5.8: a message is held "until a control
  // message arrives from the peer in which the Nr field indicates receipt").
  bool ignore_acknowledgements = false;
  // The first control message of the tunnel gets this Ns instead of 0 (against §5.8, "Ns,
  // begins at 0").
  std::uint16_t first_ns = 0;
  // New control messages carry an Nr one less than the next Ns expected: the latest message
  // received is never acknowledged by them (against §5.8). ZLBs and retransmissions are right.
  bool nr_behind = false;
  // The peer's Receive Window Size AVP is ignored: up to the default 4 messages go out
  // unacknowledged whatever it says (against §5.8, §4.4.3).
  bool ignore_peer_window = false;
  // Header rules (§3.1, §7.1), where datagrams are routed and sequenced.
  // A packet whose Ver is not 2 is taken as L2TPv2, its Ver read as 2 (against §3.1: "MUST
  // be discarded").
  bool accept_unknown_version = false;
  // A control message with a malformed header (truncated by its Length, or without Ns/Nr) is
  // discarded, but its sequence number is taken as received (Nr moves past it), so the
  // peer's right copy looks like a duplicate (against §7.1: discarded means not counted).
  bool malformed_takes_ns = false;
  // A packet with reserved header bits set is dropped (against §3.1: "ignored on incoming").
  bool reject_reserved_bits = false;
  // A packet for an unknown Tunnel ID is handed to some open tunnel (against §3.1).
  bool route_unknown_tunnel = false;
  // Every new control message is sent with the same Ns as the one before (against §5.8:
  // "each subsequent message is sent with the next increment").
  bool ns_not_incremented = false;
  // Each ZLB sent takes up an Ns (against §5.8: "Ns is not incremented after a ZLB").
  bool zlb_takes_slot = false;

  // Message rules (l2tp_tunnel*.cpp, l2tp_endpoint.cpp).
  // Non-zero: this Attribute Type is left out of every control message we send, also where
  // §6 says it MUST be present (the required-AVP checks).
  std::uint16_t omit_avp = 0;
  // An Assigned Tunnel ID or Assigned Session ID of 0 from the peer is taken as it comes
  // (against §5.3: 0 is never assigned, so such a request is malformed, §7.1).
  bool accept_zero_ids = false;
  // An unknown AVP without the M bit is treated like one with it: the tunnel or session is
  // cleared (against §4.2: "MUST ... be ignored").
  bool reject_unknown_optional = false;
  // A message missing a required AVP (§6) is accepted as if complete (against §7.1).
  bool ignore_missing_avps = false;
  // A received StopCCN is acknowledged, but the tunnel and its sessions go on (against §5.7).
  bool keep_tunnel_after_stopccn = false;
  // A control message in an improper sequence (a session message before the tunnel is
  // established, an SCCRQ or SCCCN on an established one) is ignored instead of clearing the
  // control connection (against §7.1).
  bool tolerate_improper_sequence = false;
  // The header of our control messages names Tunnel ID 0, not the peer's Assigned Tunnel ID
  // (against §5.3, §3.1). ZLBs from the reliable channel are right.
  bool header_tunnel_id_zero = false;
  // The retransmission back-off is capped at 4 s (against §5.8: "no less than 8 seconds").
  bool low_backoff_cap = false;
  // Any Protocol Version in SCCRQ/SCCRP is accepted (against §4.4.3: StopCCN result 5).
  bool accept_any_version = false;
  // A message for an unknown Session ID is dropped without the CDN of §4.4.2 (error 5).
  bool silent_on_unknown_session = false;
  // An unknown AVP with the M bit is ignored like one without (against §4.2).
  bool ignore_unknown_mandatory = false;
  // Non-zero: every StopCCN we send carries this Result Code instead of the right one
  // (against §4.4.2, e.g. result 4 for a failed tunnel authentication).
  std::uint16_t stop_result_override = 0;

  // Hiding and the data channel (l2tp_tunnel.cpp, l2tp_session.cpp).
  // Hidden AVPs are never unhidden, even with the shared secret configured: they read as
  // ciphertext (against §4.3).
  bool no_unhiding = false;
  // Data messages from the peer are discarded, also on an established session (against
  // §7.4.2, §5.4: after ICCN the session carries data).
  bool discard_data = false;
  // A Sequencing Required AVP in ICCN or OCCN is not acted upon: data goes out with or without
  // Ns as before (against §5.4: "sequence numbers MUST be present at all times").
  bool ignore_sequencing_required = false;
  // An LAC never changes whether it sends Ns on data (against §5.4: without Sequencing Required
  // it "MUST" start and stop as the LNS does).
  bool lac_sequencing_fixed = false;
  // An LAC starts sending Ns when the LNS does, but never stops again (against §5.4).
  bool lac_sequencing_sticky = false;
};

}  // namespace ts::endpoints::l2tp
