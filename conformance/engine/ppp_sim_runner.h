#pragma once
// Runs one conformance script against our reference PPP peer standing in for the device,
// in the deterministic simulator, the script playing the other end of the link through
// PppScriptPeer (ppp_script_peer.h). Timing and matching as in script_runner.h
// (SimHarness, sim_harness.h, runs it).
//
// Transport in simulation: the simulator has no serial lines, so the device is the
// reference PppStreamEndpoint (async HDLC, RFC 1662 §4) on a simulated TCP connection to
// port kSimPppLinePort, like a serial port behind a terminal server; the script side
// connects at the start (the line comes up: the device's LCP starts, RFC 1661 §3.2).
// TCP in the simulator is lossless, so every byte of the HDLC stream arrives; `drop-next`
// has no KIND for PPP (a lost octet would break the framing, not the PPP rule under test).
//
// Device roles (ppp_reference_config()):
//   ppp.authenticator: the device requires authentication: CHAP-MD5, then MS-CHAPv2, then
//     PAP (LCP Authentication-Protocol in that order of preference; a Nak moves it on), of
//     user "ts-script" with password "ts-secret"; IPCP: its address 192.0.2.1, ours
//     192.0.2.2, DNS 192.0.2.53 / 192.0.2.54 offered (RFC 1877).
//   ppp.peer: the device authenticates to us when asked (CHAP-MD5, MS-CHAPv2, PAP
//     accepted) as "ts-device" with password "ts-device-secret"; IPCP: it asks for its
//     address (0.0.0.0) and for DNS servers.
//   Both: Restart 3 s, Max-Configure 10, Max-Failure 5, Max-Terminate 2 (RFC 1661 §4.6),
//   Magic-Number, PFC, ACFC and ACCM 0 requested, no Echo keepalive.
#include <cstdint>
#include <optional>
#include <string>

#include "conformance/engine/script.h"
#include "conformance/engine/sim_runner.h"
#include "conformance/engine/verdict.h"
#include "src/endpoints/ppp/ppp_config.h"

namespace ts::conformance {

inline constexpr std::uint16_t kSimPppLinePort = 2001;

std::optional<endpoints::ppp::PppConfig> ppp_reference_config(const std::string& role);

// `faults` break the reference on purpose (ppp_faults.h); none: the correct peer.
Verdict run_ppp_script_in_sim(const Script& script, const endpoints::ppp::PppFaults& faults = {},
                              const SimRunOptions& options = {});

}  // namespace ts::conformance
