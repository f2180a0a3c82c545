#pragma once
// L2tpConfig: everything an operator sets on an L2TP LAC or LNS (RFC 2661), as data, with
// the RFC's defaults where it gives one. Vendors expose the same knobs: receive window,
// retransmission (initial timeout, cap, retries), setup timeout, hello interval, tunnel
// authentication, host name, AVP hiding and the shared secret.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "src/core/bytes.h"
#include "src/core/time.h"
#include "src/endpoints/l2tp/reliable_channel_config.h"
#include "src/engine/session_link.h"

namespace ts::endpoints::l2tp {

enum class L2tpRole : std::uint8_t { lac, lns };

// Data-channel sequencing (RFC 2661 §5.4).
//  off:      send data without Ns/Nr (an LAC still mirrors the LNS: S=1 data from the LNS
//            makes it send sequence numbers, S=0 makes it stop).
//  on:       LNS: send Ns on every data message (the LAC must follow). LAC: same as off.
//  required: LAC: send the Sequencing Required AVP in ICCN/OCCN; both sides MUST then
//            sequence every data message. LNS: behaves as on.
enum class DataSequencing : std::uint8_t { off, on, required };

// What an LAC that negotiated LCP and authentication with the caller itself forwards to the
// LNS in ICCN (RFC 2661 §4.4.5, §6.8), as data: the raw LCP Configure-Request Information
// fields and the caller's authentication exchange. Empty fields are not sent.
struct ProxyPpp {
  Bytes initial_received_lcp_confreq;  // §4.4.5 Initial Received LCP CONFREQ (type 26)
  Bytes last_sent_lcp_confreq;         // type 27
  Bytes last_received_lcp_confreq;     // type 28
  std::uint16_t authen_type = 0;       // type 29: 1 text, 2 CHAP, 3 PAP, 4 none, 5 MS-CHAPv1; 0 = not sent
  std::string authen_name;             // type 30
  Bytes authen_challenge;              // type 31
  std::optional<std::uint8_t> authen_id;  // type 32
  Bytes authen_response;               // type 33
};

struct L2tpConfig {
  L2tpRole role = L2tpRole::lns;
  std::string host_name = "tunnelscope";  // Host Name AVP (§4.4.3), MUST be present
  std::string vendor_name = "tunnelscope";
  std::uint16_t firmware_revision = 0x0100;
  std::uint16_t port = 1701;  // UDP port of the peer we open tunnels to (§8.1)

  // Shared secret for tunnel authentication (§5.1.1) and AVP hiding (§4.3); empty = none.
  std::string secret;
  // Send a Challenge AVP in our SCCRQ/SCCRP and insist on the right Challenge Response
  // (§5.1.1). Needs a secret.
  bool authenticate_peer = true;
  // Hide the AVPs the RFC allows to hide (§4.3; Assigned Session ID, numbers, speeds,
  // Call Serial Number ...). Needs a secret.
  bool hide_avps = false;
  // Send a Tie Breaker AVP in SCCRQ (§4.4.3): a single tunnel per LAC-LNS pair.
  bool tie_breaker = false;
  // Framing and bearer capabilities we advertise (§4.4.3).
  bool framing_sync = true, framing_async = true;
  bool bearer_analog = true, bearer_digital = true;

  // Reliable delivery (§5.8, Appendix A): our Receive Window Size, initial timeout, cap,
  // retries, ack delay, slow start. receive_window is advertised in SCCRQ/SCCRP.
  ReliableChannelConfig channel;
  // Hello keepalive (§5.5, §6.5) after this long without any message from the peer;
  // 0 = never. Cisco and xl2tpd default to 60 s.
  Duration hello_interval = std::chrono::seconds(60);
  // A tunnel not established (or a session not connected) this long after its first
  // request is cleared (§7.3 leaves the value to the implementation).
  Duration setup_timeout = std::chrono::seconds(60);
  // How long the receiver of a StopCCN keeps the tunnel to acknowledge retransmissions
  // (§5.7: "at least a full retransmission cycle", 31 s with the §5.8 defaults). 0 = the
  // channel's own full_retransmission_cycle().
  Duration stop_hold{0};

  // Sessions (§5.2). 0 = no limit.
  unsigned max_sessions = 0;
  // Accept the peer's call requests (LNS: ICRQ; LAC: OCRQ). When false, the request gets
  // a CDN with refuse_result / refuse_error (§6.12, §4.4.2).
  bool accept_calls = true;
  std::uint16_t refuse_result = 2;  // CDN Result Code for refused calls
  std::uint16_t refuse_error = 4;   // General Error Code (4: insufficient resources)
  // LAC, outgoing calls: how long "placing the call" takes before OCCN (§7.5.1).
  Duration dial_delay = std::chrono::milliseconds(200);
  // Connect speeds reported in ICCN/OCCN (§4.4.5 Tx/Rx Connect Speed), bps.
  std::uint32_t connect_speed = 100000000;
  DataSequencing sequencing = DataSequencing::off;
  // Set the L bit (Length present) on data messages (§3.1: optional for data).
  bool data_length_bit = true;
  // LNS: send Set-Link-Info with the link's ACCMs once its LCP is up (§6.14).
  bool send_sli = true;
  // Stop the control connection (StopCCN, result 1) when its last session is cleared and
  // we originated the tunnel (§5.6: "MAY ... and typically is").
  bool stop_when_idle = false;

  // LAC: proxy LCP and authentication AVPs sent in every ICCN (§4.4.5); none by default.
  ProxyPpp proxy;

  // What each established session carries (normally a PPP peer); null = sessions carry
  // nothing and their data is only counted.
  engine::SessionLinkFactory link_factory;
  std::uint64_t seed = 1;  // the endpoint's random stream (ids, challenges, vectors)
};

}  // namespace ts::endpoints::l2tp
