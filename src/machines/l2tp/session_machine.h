#pragma once
// L2TP session states for incoming (RFC 2661 §7.4) and outgoing (§7.5) calls, merged into
// one role-agnostic table: the LAC's and LNS's rows differ only in which side sends which
// message, and each side is fed what it sends and receives. Session-scoped messages only
// (ICRQ, ICRP, ICCN, OCRQ, OCRP, OCCN, CDN, WEN, SLI).
#include <span>
#include <string_view>

#include "src/machines/direction.h"

namespace ts::machines::l2tp {

enum class SessionState : std::uint8_t { idle, wait_reply, wait_connect, wait_cs_answer, established };

std::string_view to_string(SessionState s);
std::span<const Transition<SessionState>> session_table();
inline constexpr std::string_view kSessionTableClause = "RFC 2661 §7.4, §7.5";

inline Step<SessionState> session_step(SessionState s, Direction d, std::uint16_t message_type) {
  return step(session_table(), kSessionTableClause, s, d, message_type);
}

}  // namespace ts::machines::l2tp
