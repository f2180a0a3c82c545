#include "dissectors/l2tp/required_avps.h"

#include <algorithm>

#include <fmt/format.h>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/l2tp_diagnostics.h"

namespace ts::l2tp {

namespace {
// Attribute type numbers (avp_table.h); Message Type (0) is implied for every message.
// RFC 2661 §6.1 SCCRQ and §6.2 SCCRP
constexpr std::uint16_t kSccrqMust[] = {2, 7, 3, 9};
constexpr std::uint16_t kSccrqMay[] = {4, 10, 11, 5, 6, 8};
constexpr std::uint16_t kSccrpMust[] = {2, 3, 7, 9};
constexpr std::uint16_t kSccrpMay[] = {4, 6, 8, 10, 11, 13};
// §6.3 SCCCN, §6.4 StopCCN, §6.5 HELLO
constexpr std::uint16_t kScccnMay[] = {13};
constexpr std::uint16_t kStopccnMust[] = {9, 1};
// §6.6 ICRQ, §6.7 ICRP, §6.8 ICCN
constexpr std::uint16_t kIcrqMust[] = {14, 15};
constexpr std::uint16_t kIcrqMay[] = {18, 25, 22, 21, 23};
constexpr std::uint16_t kIcrpMust[] = {14};
constexpr std::uint16_t kIccnMust[] = {24, 19};
constexpr std::uint16_t kIccnMay[] = {26, 27, 28, 29, 30, 31, 32, 33, 37, 38, 39};
// §6.9 OCRQ, §6.10 OCRP, §6.11 OCCN
constexpr std::uint16_t kOcrqMust[] = {14, 15, 16, 17, 18, 19, 21};
constexpr std::uint16_t kOcrqMay[] = {23};
constexpr std::uint16_t kOcrpMust[] = {14};
constexpr std::uint16_t kOcrpMay[] = {25};
constexpr std::uint16_t kOccnMust[] = {24, 19};
constexpr std::uint16_t kOccnMay[] = {38, 39};
// §6.12 CDN, §6.13 WEN, §6.14 SLI
constexpr std::uint16_t kCdnMust[] = {1, 14};
constexpr std::uint16_t kCdnMay[] = {12};
constexpr std::uint16_t kWenMust[] = {34};
constexpr std::uint16_t kSliMust[] = {35};

constexpr MessageAvpRule kRules[] = {
    {1, "RFC 2661 §6.1", kSccrqMust, kSccrqMay},
    {2, "RFC 2661 §6.2", kSccrpMust, kSccrpMay},
    {3, "RFC 2661 §6.3", {}, kScccnMay},
    {4, "RFC 2661 §6.4", kStopccnMust, {}},
    {6, "RFC 2661 §6.5", {}, {}},
    {10, "RFC 2661 §6.6", kIcrqMust, kIcrqMay},
    {11, "RFC 2661 §6.7", kIcrpMust, {}},
    {12, "RFC 2661 §6.8", kIccnMust, kIccnMay},
    {7, "RFC 2661 §6.9", kOcrqMust, kOcrqMay},
    {8, "RFC 2661 §6.10", kOcrpMust, kOcrpMay},
    {9, "RFC 2661 §6.11", kOccnMust, kOccnMay},
    {14, "RFC 2661 §6.12", kCdnMust, kCdnMay},
    {15, "RFC 2661 §6.13", kWenMust, {}},
    {16, "RFC 2661 §6.14", kSliMust, {}},
};

bool contains(std::span<const std::uint16_t> list, std::uint16_t t) {
  return std::find(list.begin(), list.end(), t) != list.end();
}

// RFC 2661 §4.4.5: the proxy authentication AVPs a given Proxy Authen Type requires.
// Name: types 1, 2, 3, 5; Challenge: 2, 5; ID: 2, 3, 5; Response: 1, 2, 3, 5.
void check_proxy_authen(const Message& msg, Diagnostics& out) {
  const Avp* type_avp = msg.find(to_u16(AvpType::proxy_authen_type));
  if (type_avp == nullptr || !type_avp->value_known()) return;
  const auto type = parse_u16(type_avp->value());
  if (!type) return;
  const auto need = [&](AvpType t, bool required) {
    if (required && msg.find(to_u16(t)) == nullptr)
      add_diag(out, diag::kMsgAvpMissing,
               fmt::format("{} for Proxy Authen Type {} (RFC 2661 §4.4.5)", avp_name(0, to_u16(t)), *type));
  };
  const bool t1 = *type == 1, t2 = *type == 2, t3 = *type == 3, t5 = *type == 5;
  need(AvpType::proxy_authen_name, t1 || t2 || t3 || t5);
  need(AvpType::proxy_authen_challenge, t2 || t5);
  need(AvpType::proxy_authen_id, t2 || t3 || t5);
  need(AvpType::proxy_authen_response, t1 || t2 || t3 || t5);
}
}  // namespace

std::span<const MessageAvpRule> message_avp_rules() { return kRules; }

const MessageAvpRule* find_message_avp_rule(std::uint16_t message_type) {
  for (const auto& r : kRules)
    if (r.message_type == message_type) return &r;
  return nullptr;
}

Diagnostics check_required_avps(const Message& msg) {
  Diagnostics out;
  if (!msg.message_type) return out;
  const MessageAvpRule* rule = find_message_avp_rule(*msg.message_type);
  if (rule == nullptr) return out;
  // RFC 2661 §6.x: "The following AVPs MUST be present in the <message>".
  for (const std::uint16_t t : rule->must)
    if (msg.find(t) == nullptr)
      add_diag(out, diag::kMsgAvpMissing, fmt::format("{} ({})", avp_name(0, t), rule->clause));
  for (const auto& a : msg.avps) {
    if (a.vendor_id != 0 || find_avp_info(0, a.attribute_type) == nullptr) continue;
    const std::uint16_t t = a.attribute_type;
    if (t == to_u16(AvpType::message_type) || t == to_u16(AvpType::random_vector)) continue;
    if (!contains(rule->must, t) && !contains(rule->may, t))
      add_diag(out, diag::kMsgAvpUnexpected, fmt::format("{} ({})", avp_name(0, t), rule->clause));
  }
  check_proxy_authen(msg, out);
  return out;
}

}  // namespace ts::l2tp
