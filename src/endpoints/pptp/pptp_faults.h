#pragma once
// PptpFaults: FAULT INJECTION FOR CONFORMANCE SELF-TESTS ONLY. Every switch makes the
// reference PAC/PNS break RFC 2637 on purpose, so that tests can prove that a conformance
// script fails against a device that misbehaves the way the script's check describes
// (tests/unit/conformance/pptp_sim_runner_test.cpp). No CLI option and no profile sets
// them; all off is the correct endpoint.
#include <cstdint>
#include <set>

namespace ts::endpoints::pptp {

struct PptpFaults {
  // Control messages of these Control Message Types (RFC 2637 §1.4 codes) are read and then
  // ignored: no answer, no state change (a mute peer: Echo-Request 5, StopCCRQ 3, CCRQ 12 ...).
  std::set<std::uint16_t> ignore_types;
  // A malformed message (bad Magic Cookie, Length or PPTP Message Type, unknown Control
  // Message Type) is dropped but the control connection stays open (against §3).
  bool keep_connection_on_malformed = false;
  // Any Echo-Reply stops the keep-alive wait, whatever its Identifier (against §2.6).
  bool accept_any_echo_reply = false;
};

}  // namespace ts::endpoints::pptp
