#pragma once
// Per-message AVP requirements of RFC 2661 §6.1-§6.14 as data, and the check that applies
// them to a decoded message.
//
// Contract: check_required_avps() looks only at IETF (vendor 0) AVPs and only at messages
// whose type is known; it returns l2tp.msg.avp_missing (violation) for each AVP that MUST be
// present and is absent, and l2tp.msg.avp_unexpected (note) for a known AVP the clause does
// not list. Message Type and Random Vector (§4.4.1, all messages) are allowed everywhere.
// Also checks the proxy authentication AVPs a Proxy Authen Type requires (§4.4.5).
// Conditional rules that need earlier messages (Challenge Response after a Challenge,
// Bearer Capabilities before an OCRQ) are not checked here.
#include <cstdint>
#include <span>
#include <string_view>

#include "dissectors/l2tp/message.h"
#include "src/core/diagnostic.h"

namespace ts::l2tp {

struct MessageAvpRule {
  std::uint16_t message_type;
  std::string_view clause;             // "RFC 2661 §6.1"
  std::span<const std::uint16_t> must;  // attribute types, Message Type excluded
  std::span<const std::uint16_t> may;
};

std::span<const MessageAvpRule> message_avp_rules();
const MessageAvpRule* find_message_avp_rule(std::uint16_t message_type);

Diagnostics check_required_avps(const Message& msg);

}  // namespace ts::l2tp
