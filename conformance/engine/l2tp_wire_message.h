#pragma once
// l2tp_wire_message(): one L2TPv2 UDP payload as a WireMessage (wire_message.h).
//   name:   the message type abbreviation (SCCRQ, ICCN, HELLO ...), ZLB for a control
//           message without AVPs, DATA for a data message, TYPE<n> for an unknown type.
//   fields: tunnel_id, session_id, ns and nr (when present); for DATA then sequenced, ppp,
//           ppp_id, payload (l2tp_data_message.h: add_data_fields); for control messages each AVP under its
//           avp_table key (host, assigned_tunnel, window ...): integers in decimal, strings
//           as text, byte strings as lowercase hex; Result Code as result[, error,
//           error_message]; Protocol Version as "1.0"; capability and type bit masks as
//           integers; an AVP the table does not know as avp_<vendor>_<type> (hex). Hidden
//           AVPs are shown unhidden when `secret` is given and unhiding works, else as
//           hidden:<hex>.
// nullopt when the payload is not a decodable L2TPv2 message.
#include <optional>
#include <string_view>

#include "conformance/engine/wire_message.h"
#include "src/core/bytes.h"

namespace ts::conformance {

std::optional<WireMessage> l2tp_wire_message(ByteView udp_payload, std::string_view secret = {});

}  // namespace ts::conformance
