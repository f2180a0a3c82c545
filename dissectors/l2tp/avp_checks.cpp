#include "dissectors/l2tp/avp_checks.h"

#include <fmt/format.h>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/l2tp_diagnostics.h"

namespace ts::l2tp {

namespace {
void check_unknown(const Avp& avp, Diagnostics& diags) {
  const std::string name = avp_name(avp.vendor_id, avp.attribute_type);
  // RFC 2661 §4.1: an unrecognized AVP with M set MUST terminate the session or tunnel;
  // without M it MUST be ignored.
  if (avp.mandatory)
    add_diag(diags, diag::kAvpMandatoryUnknown, name);
  else
    add_diag(diags, diag::kAvpUnknown, name);
}

// Rules stated inside the value of specific AVPs.
void check_value_rules(const Avp& avp, ByteView v, Diagnostics& diags) {
  switch (static_cast<AvpType>(avp.attribute_type)) {
    case AvpType::assigned_tunnel_id:
    case AvpType::assigned_session_id:
      // RFC 2661 §4.4.3, §4.4.4: the assigned ID is a non-zero unsigned integer.
      if (parse_u16(v) == std::uint16_t{0}) add_diag(diags, diag::kAvpZeroId, avp_name(0, avp.attribute_type));
      break;
    case AvpType::result_code:
      // RFC 2661 §4.4.2: "0 - Reserved" for both StopCCN and CDN.
      if (const auto rc = parse_result_code(v); rc && rc->result == 0)
        add_diag(diags, diag::kAvpResultCodeReserved,
                 rc->error ? fmt::format("Result Code 0, Error Code {}", *rc->error) : "Result Code 0");
      break;
    case AvpType::protocol_version:
      // RFC 2661 §4.4.3: Ver MUST contain 1 and Rev 0.
      if (const auto pv = parse_protocol_version(v); pv && (pv->ver != 1 || pv->rev != 0))
        add_diag(diags, diag::kAvpProtocolVersion, fmt::format("Ver {} Rev {}", pv->ver, pv->rev));
      break;
    case AvpType::proxy_authen_id:
      // RFC 2661 §4.4.5: the most significant octet MUST be 0.
      if (v.size() == 2 && v[0] != 0)
        add_diag(diags, diag::kAvpValueReserved, fmt::format("Proxy Authen ID high octet 0x{:02x}", v[0]));
      break;
    case AvpType::call_errors:
      // RFC 2661 §4.4.6: Reserved - not used, MUST be 0.
      if (const auto e = parse_call_errors(v); e && e->reserved != 0)
        add_diag(diags, diag::kAvpValueReserved, fmt::format("Call Errors reserved 0x{:04x}", e->reserved));
      break;
    case AvpType::accm:
      // RFC 2661 §6.0: reserved fields MUST be sent as 0.
      if (const auto a = parse_accm(v); a && a->reserved != 0)
        add_diag(diags, diag::kAvpValueReserved, fmt::format("ACCM reserved 0x{:04x}", a->reserved));
      break;
    default: break;
  }
}
}  // namespace

void check_avp(const Avp& avp, Diagnostics& diags) {
  // RFC 2661 §4.1: reserved bits MUST be 0; such an AVP is treated as unrecognized.
  if (avp.reserved != 0)
    add_diag(diags, diag::kAvpReservedBits,
             fmt::format("{}: rsvd=0x{:x}", avp_name(avp.vendor_id, avp.attribute_type), avp.reserved));
  const AvpInfo* info = find_avp_info(avp.vendor_id, avp.attribute_type);
  if (info == nullptr) return check_unknown(avp, diags);
  // RFC 2661 §4.4.x: each AVP states the value its M bit MUST have.
  if (avp.mandatory != info->mandatory)
    add_diag(diags, diag::kAvpMandatoryBit,
             fmt::format("{}: M={}, {} requires M={}", info->name, int{avp.mandatory}, info->clause,
                         int{info->mandatory}));
  // RFC 2661 §4.4.x: some AVPs MUST NOT be hidden.
  if (avp.hidden && !info->may_hide)
    add_diag(diags, diag::kAvpHiddenForbidden, fmt::format("{} ({})", info->name, info->clause));
  if (!avp.value_known()) return;
  const ByteView v = avp.value();
  // RFC 2661 §4.4.x: the value length each AVP's format allows (Result Code: 2, 4 or more).
  const bool bad_len = v.size() < info->min_len || v.size() > info->max_len ||
                       (avp.is_ietf(to_u16(AvpType::result_code)) && v.size() == 3);
  if (bad_len) {
    add_diag(diags, diag::kAvpBadValueLength,
             fmt::format("{}: {} value octets, {} allows {}..{}", info->name, v.size(), info->clause,
                         info->min_len, info->max_len));
    return;
  }
  check_value_rules(avp, v, diags);
}

}  // namespace ts::l2tp
