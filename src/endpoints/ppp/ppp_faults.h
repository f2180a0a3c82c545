#pragma once
// PppFaults: FAULT INJECTION FOR CONFORMANCE SELF-TESTS ONLY. Every switch makes the
// reference PPP peer break an RFC rule on purpose, so that tests can prove that a
// conformance script fails against a device that misbehaves the way the script's check
// describes (tests/unit/conformance/ppp_sim_runner_test.cpp). No CLI option and no profile
// sets them; all off is the correct peer.
//
// ControlFaults act inside every ControlProtocol automaton (LCP and the NCPs); the others
// act in PppPeer and its Authenticator.
#include <cstdint>

namespace ts::endpoints::ppp {

struct ControlFaults {
  // Options that deserve a Configure-Nak are Configure-Rejected instead (against RFC 1661
  // §5.3: a recognizable option with an unacceptable value is Nak'd).
  bool nak_as_reject = false;
  // Configure-Ack carries the request's Identifier + 1 (against RFC 1661 §5.2).
  bool wrong_ack_identifier = false;
  // Unknown Codes are silently discarded instead of Code-Rejected (against RFC 1661 §5.6).
  bool no_code_reject = false;
  // A Terminate-Request is not answered with a Terminate-Ack (against RFC 1661 §5.5).
  bool no_terminate_ack = false;
  // A Configure-Ack/Nak/Reject is taken whatever its Identifier (against RFC 1661 §5.2-§5.4:
  // a reply that does not match the last request is silently discarded).
  bool accept_stale_reply = false;
  // A Configure-Ack whose options differ from the request, or a Configure-Reject naming
  // options that were not requested, is taken (against RFC 1661 §5.2, §5.4: discarded).
  bool unchecked_reply_options = false;
  // In Opened, a Configure-Request is answered but the automaton stays Opened (no
  // This-Layer-Down, no new Configure-Request), and a Terminate-Ack is ignored (against the
  // RFC 1661 §4.1 state table: RCR and RTA in Opened renegotiate).
  bool stay_opened = false;
  // A received Code-Reject is taken the wrong way round: RXJ+ for codes the layer needs
  // (Configure-*, Terminate-*), RXJ- for the others (against RFC 1661 §4.3 RXJ+/RXJ-).
  bool code_reject_inverted = false;
  // Terminate-Request is sent once, not Max-Terminate times (against RFC 1661 §4.6, §5.5).
  bool terminate_once = false;
  // After acknowledging a Terminate-Request in Opened, the layer finishes at once instead
  // of waiting one Restart time (against RFC 1661 §3.7, §4.4 zrc).
  bool hangup_at_once = false;
  // The Restart timer runs twice as long as configured (against RFC 1661 §4.6).
  bool slow_restart = false;
  // Options that deserve a Configure-Reject are acknowledged instead (against RFC 1661
  // §5.4: options that are not recognizable or not acceptable for negotiation are Rejected).
  bool ack_instead_of_reject = false;
  // Options of this type (non-zero) are Configure-Rejected although acceptable (against
  // RFC 1661 §5.2: a request whose options are all acceptable is Acked).
  std::uint8_t reject_option = 0;
  // The hints of a Configure-Nak are not taken up (against RFC 1661 §5.3 SHOULD).
  bool ignore_nak = false;
};

struct PppFaults {
  ControlFaults control;
  // An Echo-Request in Opened gets no Echo-Reply (against RFC 1661 §5.8).
  bool no_echo_reply = false;
  // Frames of unknown protocols are discarded without a Protocol-Reject (against §5.7).
  bool no_protocol_reject = false;
  // The Authenticator takes any CHAP Response or PAP password as right (against RFC 1994
  // §4.2, RFC 1334 §2.2).
  bool accept_wrong_credentials = false;
  // The Authenticator takes a CHAP Response whatever its Identifier (against RFC 1994 §4.1).
  bool ignore_chap_identifier = false;
  // The Authenticatee takes any MS-CHAPv2 Success without checking the authenticator
  // response (against RFC 2759 §5, §8.8).
  bool skip_authenticator_response_check = false;
  // Code-Reject, Protocol-Reject and Echo-Reply are not truncated to the peer's MRU
  // (against RFC 1661 §5.6, §5.7, §6.1).
  bool ignore_peer_mru = false;
  // Echo-Requests are answered in any LCP state (against RFC 1661 §5.8).
  bool echo_in_any_state = false;
  // Discard-Request, Identification and Time-Remaining are Code-Rejected (against RFC 1661
  // §5.9: a Discard-Request is silently discarded; RFC 1570 §1).
  bool code_reject_extended = false;
  // Frames of unknown protocols are Protocol-Rejected before LCP is Opened (against
  // RFC 1661 §3.4: non-LCP packets in the Establish phase are silently discarded).
  bool protocol_reject_before_opened = false;
  // Octets past an LCP packet's Length field are read as part of it (against RFC 1661 §5:
  // they are padding and ignored).
  bool padding_as_options = false;
  // Malformed LCP and NCP packets (Length shorter than the header or longer than the
  // octets received) are Code-Rejected (against RFC 1661 §5: silently discarded).
  bool code_reject_malformed = false;
  // A received Protocol-Reject of an NCP does not stop it (against RFC 1661 §5.7).
  bool ignore_protocol_reject = false;
  // The Authentication phase never times out: the Authenticator retransmits its Challenge
  // forever and waits for a PAP request forever, the Authenticatee waits for a Challenge
  // forever (against RFC 1994 §4.1 / RFC 1334 §2.2.1 retry counters, RFC 1661 §3.5).
  bool no_auth_give_up = false;
};

}  // namespace ts::endpoints::ppp
