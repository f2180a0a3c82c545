#pragma once
// PptpFaults: FAULT INJECTION FOR CONFORMANCE SELF-TESTS ONLY. Every switch makes the
// reference PAC/PNS break RFC 2637 on purpose, so that tests can prove that a conformance
// script fails against a device that misbehaves the way the script's check describes
// (tests/unit/conformance/pptp_sim_runner_test.cpp, pptp_fault_scripts_test.cpp). No CLI
// option and no profile sets them; all off is the correct endpoint.
#include <cstdint>
#include <set>

namespace ts::endpoints::pptp {

// The data channel's faults (§4), handed to each call's GreDataChannel.
struct GreFaults {
  // Data packets are sent with the Strict Source Route bit set (§4.1: "Set to zero").
  bool reserved_bit_set = false;
  // Ack-only packets carry a 4-octet payload (§4.1: S=0 means no payload).
  bool ack_only_with_payload = false;
  // A duplicate sequence number is delivered again (§4.3: discard duplicates).
  bool deliver_duplicates = false;
  // A packet behind the next expected one is delivered anyway (§4.3: out-of-sequence
  // packets MUST be discarded or reordered, never passed on out of order).
  bool deliver_late = false;
  // The Acknowledgment Number is the last packet delivered in order, not the highest
  // received (§4.1, §4.3).
  bool ack_delivered_only = false;
  // Frames are sent whatever the number of packets awaiting acknowledgement (§4.2: the
  // transmitter stops at the window).
  bool ignore_window = false;
};

struct PptpFaults {
  // Control messages of these Control Message Types (RFC 2637 §1.4 codes) are read and then
  // ignored: no answer, no state change (a mute peer: Echo-Request 5, StopCCRQ 3, CCRQ 12 ...).
  std::set<std::uint16_t> ignore_types;
  // A malformed message (bad Magic Cookie, Length or PPTP Message Type, unknown Control
  // Message Type) is dropped but the control connection stays open (against §3).
  bool keep_connection_on_malformed = false;
  // Any Echo-Reply stops the keep-alive wait, whatever its Identifier (against §2.6).
  bool accept_any_echo_reply = false;
  // Every control message sent has Reserved0 = 1 (§1.4: "This field MUST be 0").
  bool nonzero_reserved0 = false;
  // Replies whose Result Code is not General Error carry Error Code 1 (§2.16: 0 = None).
  bool nonzero_error_code = false;
  // A PNS's SCCRQ announces its Maximum Channels (§2.1: SHOULD be 0 from a PNS).
  bool pns_announces_channels = false;
  // A PAC refuses an OCRQ once it has as many calls as the PNS's SCCRQ Maximum Channels
  // (§2.1: the PAC MUST ignore that field).
  bool honour_pns_maximum_channels = false;
  // Call messages are acted upon before the control connection is established (§2.1).
  bool accept_before_established = false;
  // OCRP/ICRP announce the Call ID of the oldest call instead of the new call's (§3.2:
  // "This Call ID value MUST be unique").
  bool reuse_call_id = false;
  // A cleared call (CDN sent or received) keeps its data channel running (§2.13, §3.2).
  bool keep_call_after_clear = false;
  // An OCRP/ICRP refusing our call is taken as a success (§2.8, §2.10 Result Codes).
  bool ignore_call_refusal = false;
  // An SCCRP refusing our SCCRQ is taken as a success (§2.2 Result Codes).
  bool ignore_sccrp_result = false;
  // A message naming an unknown Call ID closes the control connection (§2.16 Bad-Call ID
  // is an error of that request, not of the connection).
  bool close_on_unknown_call = false;
  // A refused SCCRQ (Result Code other than 1) leaves the TCP connection open (§3.1.2).
  bool keep_connection_on_refusal = false;
  // GRE packets of any header (not version 1, not protocol 0x880B) are taken as data (§4.1).
  bool accept_any_gre_header = false;
  // GRE data naming no call of ours is taken as data of the first call (§4.1 Key).
  bool accept_any_gre_call_id = false;
  GreFaults gre;
};

}  // namespace ts::endpoints::pptp
