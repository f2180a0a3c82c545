#pragma once
// L2TP control connection states (RFC 2661 §7.2.1), role-agnostic: one instance per side,
// fed the control messages that side sends and receives (retransmissions filtered out by
// the reliable-delivery layer first). ZLB acknowledgements carry no message type and never
// reach the table.
#include <span>
#include <string_view>

#include "src/machines/direction.h"

namespace ts::machines::l2tp {

enum class ControlState : std::uint8_t { idle, wait_ctl_reply, wait_ctl_conn, established };

std::string_view to_string(ControlState s);
std::span<const Transition<ControlState>> control_table();
inline constexpr std::string_view kControlTableClause = "RFC 2661 §7.2.1";

inline Step<ControlState> control_step(ControlState s, Direction d, std::uint16_t message_type) {
  return step(control_table(), kControlTableClause, s, d, message_type);
}

}  // namespace ts::machines::l2tp
