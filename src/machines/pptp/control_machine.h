#pragma once
// PPTP control connection states (RFC 2637 §3.1.1 originator, §3.1.2 receiver, §3.1.3
// collision), role-agnostic: one instance per side, fed the control messages that side
// sends and receives. Negative replies (SCCRP with a Result Code other than 1) are decided
// by the caller, which then treats the connection as closed.
#include <span>
#include <string_view>

#include "src/machines/direction.h"

namespace ts::machines::pptp {

enum class ControlState : std::uint8_t { idle, wait_ctl_reply, established, wait_stop_reply };

std::string_view to_string(ControlState s);
std::span<const Transition<ControlState>> control_table();
inline constexpr std::string_view kControlTableClause = "RFC 2637 §3.1";

inline Step<ControlState> control_step(ControlState s, Direction d, std::uint16_t control_message_type) {
  return step(control_table(), kControlTableClause, s, d, control_message_type);
}

enum class CallState : std::uint8_t { idle, wait_reply, wait_connect, established, wait_disconnect };

std::string_view to_string(CallState s);
std::span<const Transition<CallState>> call_table();
inline constexpr std::string_view kCallTableClause = "RFC 2637 §3.2";

inline Step<CallState> call_step(CallState s, Direction d, std::uint16_t control_message_type) {
  return step(call_table(), kCallTableClause, s, d, control_message_type);
}

}  // namespace ts::machines::pptp
