#pragma once
// Shared between the two halves of L2tpTunnel (control connection, sessions). Not a public
// header.
#include <string>
#include <utility>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"
#include "dissectors/l2tp/message_types.h"
#include "src/endpoints/l2tp/l2tp_tunnel.h"

namespace ts::endpoints::l2tp {

struct L2tpTunnel::Ctx {
  Instant now;
  TunnelOutput out;
};

namespace tunnel_detail {

using ts::l2tp::AvpType;
using ts::l2tp::MessageType;
using ts::l2tp::to_u16;

constexpr std::uint16_t u16(MessageType t) { return to_u16(t); }
constexpr std::uint16_t u16(AvpType t) { return to_u16(t); }


std::string message_name(std::uint16_t type);  // "SCCRQ"
std::optional<std::uint16_t> avp_u16(const ts::l2tp::Message& m, AvpType t);
std::optional<std::uint32_t> avp_u32(const ts::l2tp::Message& m, AvpType t);
std::string avp_string(const ts::l2tp::Message& m, AvpType t);

}  // namespace tunnel_detail
}  // namespace ts::endpoints::l2tp
