#pragma once
// PppFaults: FAULT INJECTION FOR CONFORMANCE SELF-TESTS ONLY. Every switch makes the
// reference PPP peer break an RFC rule on purpose, so that tests can prove that a
// conformance script fails against a device that misbehaves the way the script's check
// describes (tests/unit/conformance/ppp_sim_runner_test.cpp). No CLI option and no profile
// sets them; all off is the correct peer.
//
// ControlFaults act inside every ControlProtocol automaton (LCP and the NCPs); the others
// act in PppPeer and its Authenticator.

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
};

}  // namespace ts::endpoints::ppp
