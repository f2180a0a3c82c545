#pragma once
// PppConfig: every setting of the reference PPP peer (ppp_peer.h), with the RFC defaults.
// Plain data; a scenario or the CLI fills it, and make_ppp_link_factory() copies it per call.
#include <cstdint>
#include <optional>

#include "dissectors/ppp/ipv6cp_options.h"
#include "src/core/time.h"
#include "src/endpoints/ppp/auth_types.h"
#include "src/endpoints/ppp/ccp_policy.h"
#include "src/endpoints/ppp/control_protocol.h"
#include "src/endpoints/ppp/ip_host.h"
#include "src/endpoints/ppp/ipcp_policy.h"
#include "src/endpoints/ppp/lcp_policy.h"
#include "src/endpoints/ppp/ppp_faults.h"

namespace ts::endpoints::ppp {

// The Authentication phase (RFC 1661 §3.5). Either, both or neither direction.
struct AuthSettings {
  // Authenticator: the methods we require of the peer, in preference order (LCP requests
  // the first and moves on when Nak'd); empty: we do not authenticate the peer.
  std::vector<AuthMethod> require;
  AuthenticatorConfig authenticator;  // our name, the users' passwords, timers
  // Authenticatee: the methods we accept when the peer requires one, preferred first;
  // empty: we refuse to authenticate (Reject the option).
  std::vector<AuthMethod> accept;
  AuthenticateeConfig authenticatee;  // our name and password, timers
};

struct PppConfig {
  // Restart timer, Max-Terminate, Max-Configure, Max-Failure (RFC 1661 §4.6), shared by
  // LCP and the NCPs.
  ControlProtocolConfig timers;
  // MRU, ACCM, magic on/off, PFC/ACFC. Its request_auth / accept_auth lists are filled from
  // `auth` when that names methods.
  LcpSettings lcp;
  AuthSettings auth;
  // LCP Echo-Request keepalive (RFC 1661 §5.8): 0 = off. After `echo_failures`
  // consecutive unanswered requests the peer is declared dead and the link closed.
  Duration echo_interval = Duration::zero();
  unsigned echo_failures = 3;
  // IPCP (RFC 1332, RFC 1877).
  bool ipcp = true;
  IpcpSettings ipcp_settings;
  // IPv6CP (RFC 5072); interface identifier random unless fixed.
  bool ipv6cp = false;
  std::optional<ts::ppp::InterfaceId> interface_id;
  // CCP with MPPE (RFC 1962, RFC 3078): strength, stateless, required. MPPE needs the keys
  // of an MS-CHAP (v1, v2, EAP-MS-CHAPv2) authentication; without them CCP is not run, and
  // a required MPPE terminates the link.
  MppePolicy mppe;
  // ICMP echo traffic sent once the network layer is up.
  TrafficPlan traffic;
  // The link's RandomSource seed (magic numbers, identifiers, challenges).
  std::uint64_t seed = 1;
  // Conformance self-tests only: deliberate RFC violations (ppp_faults.h). Default: none.
  // faults.control is copied into every control protocol's timers.faults.
  PppFaults faults;
};

}  // namespace ts::endpoints::ppp
