#pragma once
// PptpCall: one call of a PPTP control connection as a PAC or PNS holds it (RFC 2637
// §3.2): both Call IDs, its state in the role-agnostic call table
// (src/machines/pptp/control_machine.h), the peer's window and delay, and, once
// established, its GRE data channel and the SessionLink that carries its frames. Plain
// data owned by PptpRole.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "src/core/time.h"
#include "src/endpoints/pptp/gre_data_channel.h"
#include "src/engine/session_link.h"
#include "src/machines/pptp/control_machine.h"

namespace ts::endpoints::pptp {

struct PptpCall {
  std::uint16_t call_id = 0;       // ours
  std::uint16_t peer_call_id = 0;  // the peer's (0 until learned)
  std::uint16_t serial = 0;
  bool outgoing = true;  // started by an Outgoing-Call-Request (else Incoming-Call-Request)
  machines::pptp::CallState state = machines::pptp::CallState::idle;
  std::uint16_t peer_window = 0;
  std::uint16_t peer_delay_tenths = 0;  // Packet Processing / Transmit Delay, 1/10 s
  std::uint32_t connect_speed = 0;
  std::optional<Instant> reply_deadline;  // waiting for OCRP / ICRP / ICCN / CDN
  std::optional<Instant> close_deadline;  // graceful hangup: clear by then even if the link lingers
  std::optional<GreDataChannel> gre;
  std::unique_ptr<engine::SessionLink> link;
  bool link_info_sent = false;                // PNS: Set-Link-Info sent with the link's ACCMs
  std::optional<engine::LinkAccm> peer_accm;  // PAC: the last Set-Link-Info received
  std::uint64_t wan_errors = 0;               // PNS: sum of the error counters of WAN-Error-Notify

  std::string name() const { return "call " + std::to_string(call_id); }
};

}  // namespace ts::endpoints::pptp
