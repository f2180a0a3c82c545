#pragma once
// PptpRoleConfig: what a PPTP PAC or PNS exposes as settings (RFC 2637), as data with
// documented defaults. Used by PptpPac and PptpPns (pptp_pac.h, pptp_pns.h).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "src/core/time.h"
#include "src/endpoints/pptp/pptp_faults.h"
#include "src/engine/session_link.h"

namespace ts::endpoints::pptp {

// Why a PAC refuses an Outgoing-Call-Request (§2.8 Result Codes) or a PNS an
// Incoming-Call-Request (§2.10): none accepts.
enum class CallRefusal : std::uint8_t {
  none,
  general_error,
  no_carrier,
  busy,
  no_dial_tone,
  time_out,
  do_not_accept
};

// Why a receiver refuses a Start-Control-Connection-Request (§2.2 Result Codes).
enum class ControlRefusal : std::uint8_t {
  none,
  general_error,
  channel_exists,
  not_authorized,
  unsupported_version
};

struct PptpRoleConfig {
  // --- control connection (§2.1, §3.1) ---
  // The peer's IPv4 address (or simulator node name): the TCP connection goes to
  // "<peer>:1723" when this side connects, and GRE always goes to "<peer>".
  std::string peer;
  // This side's own address, for the §3.1.3 collision rule (higher address wins).
  std::uint32_t own_address = 0;
  std::uint32_t peer_address = 0;
  bool connects = true;  // true: "open" opens TCP to the peer; false: waits to be called
  std::uint16_t protocol_version = 0x0100;
  std::uint32_t framing_capabilities = 3;  // async | sync
  std::uint32_t bearer_capabilities = 3;   // analog | digital
  std::uint16_t maximum_channels = 64;     // also the most calls accepted at once
  std::uint16_t firmware_revision = 1;
  std::string host_name = "tunnelscope";
  std::string vendor = "tunnelscope";
  ControlRefusal refuse_control = ControlRefusal::none;
  // §3.1.4: the wait for SCCRQ/SCCRP, the silence before an Echo-Request and the wait for
  // its Echo-Reply are all 60 s in the RFC.
  Duration control_reply_timeout{std::chrono::seconds(60)};
  Duration echo_interval{std::chrono::seconds(60)};
  Duration echo_reply_timeout{std::chrono::seconds(60)};
  // How long a Stop-Control-Connection-Request waits for its reply before TCP is closed.
  Duration stop_reply_timeout{std::chrono::seconds(10)};
  // §3.2.1: the call messages have no timers in the RFC; a request unanswered this long is
  // cleared (a vendor setting).
  Duration call_reply_timeout{std::chrono::seconds(60)};
  bool stop_after_last_call = false;  // Stop-Control-Connection once the last call cleared

  // --- calls (§2.7 - §2.13) ---
  CallRefusal refuse_calls = CallRefusal::none;
  std::uint32_t connect_speed = 64000;     // OCRP / ICCN Connect Speed, bits/s
  std::uint32_t minimum_bps = 300;         // OCRQ
  std::uint32_t maximum_bps = 100000000;   // OCRQ
  std::string phone_number = "5551000";    // OCRQ number dialled / ICRQ dialed number
  std::string dialing_number = "5552000";  // ICRQ calling number
  std::uint16_t first_call_serial = 1;     // serial numbers count up from here
  // Call IDs: drawn from the injected RandomSource (non-zero, unused) when true, else a
  // counter from 1. Either way unique among this side's live calls.
  bool random_call_ids = true;
  std::uint64_t seed = 1;

  // --- data channel (§4) ---
  std::uint16_t receive_window = 64;          // our Packet Recv. Window Size
  std::uint16_t processing_delay_tenths = 1;  // our Packet Processing Delay, 1/10 s
  bool adaptive_timeout = true;               // §4.4 adaptive, else static
  // Static ATO, or the seed of RTT when the peer's PPD is 0.
  Duration initial_ack_timeout{std::chrono::milliseconds(500)};
  Duration min_ack_timeout{std::chrono::milliseconds(200)};
  Duration max_ack_timeout{std::chrono::seconds(5)};
  Duration ack_delay{std::chrono::milliseconds(20)};
  bool reorder = true;
  bool queue_when_window_full = true;
  std::size_t send_queue_limit = 64;

  // Creates the PPP side of each call once it is established (session_link.h).
  engine::SessionLinkFactory link_factory;

  // Conformance self-tests only: deliberate RFC violations (pptp_faults.h). Default: none.
  PptpFaults faults;
};

}  // namespace ts::endpoints::pptp
