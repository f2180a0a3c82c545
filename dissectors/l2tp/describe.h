#pragma once
// Text and field views of a decoded L2TP message for `--packets` and reports.
//
// Contract: pure functions of the decoded Message; never throw; safe on partial messages.
//   summarize(): one line, e.g. "SCCRQ tunnel=0 Ns=0 Nr=0 host=lac1 assigned_tunnel=12
//     window=4", "ZLB tunnel=12 Ns=1 Nr=2", "DATA tunnel=12 session=3 PPP 48 bytes",
//     "CDN tunnel=12 session=3 Ns=4 Nr=7 result=3 (Administrative) error=0 ...".
//   describe(): fills `layer` with every header field and, per AVP, its name, M/H bits,
//     reserved bits, vendor, length and decoded value (typed sub-objects for structured
//     AVPs; hex for unknown or still-hidden values).
//   format_avp_value(): the value as short text ("12", "\"lac1\"", "3 (Administrative)
//     error=0", "<hidden>"); message_type selects the Result Code meanings (StopCCN/CDN).
#include <cstdint>
#include <optional>
#include <string>

#include "dissectors/l2tp/message.h"
#include "src/core/fields.h"

namespace ts::l2tp {

std::string summarize(const Message& msg);
void describe(const Message& msg, Field& layer);
std::string format_avp_value(const Avp& avp, std::optional<std::uint16_t> message_type = std::nullopt);

}  // namespace ts::l2tp
