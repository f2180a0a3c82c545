#include "src/endpoints/ppp/ccp_policy.h"

#include <fmt/format.h>

#include "dissectors/ppp/ccp_options.h"
#include "src/endpoints/ppp/ppp_endpoint_diagnostics.h"

namespace ts::endpoints::ppp {

namespace {
using ts::ppp::kMppeBitH;
using ts::ppp::kMppeBitL;
using ts::ppp::kMppeBitM;
using ts::ppp::kMppeBitS;
constexpr std::uint32_t kStrengthBits = kMppeBitL | kMppeBitM | kMppeBitS;

// RFC 3078 §2.1: 128-bit is the strongest, then 56-bit, then 40-bit.
std::uint32_t strongest(std::uint32_t bits) {
  if (bits & kMppeBitS) return kMppeBitS;
  if (bits & kMppeBitM) return kMppeBitM;
  if (bits & kMppeBitL) return kMppeBitL;
  return 0;
}

bool single_strength(std::uint32_t bits) {
  const std::uint32_t s = bits & kStrengthBits;
  return s != 0 && (s & (s - 1)) == 0;
}
}  // namespace

std::uint32_t mppe_allowed_bits(MppeStrength s) {
  switch (s) {
    case MppeStrength::automatic:
      return kStrengthBits;
    case MppeStrength::bits40:
      return kMppeBitL;
    case MppeStrength::bits56:
      return kMppeBitM;
    case MppeStrength::bits128:
      return kMppeBitS;
    case MppeStrength::none:
      break;
  }
  return 0;
}

void CcpPolicy::reset() {
  clear_failure();
  bits_ = mppe_allowed_bits(policy_.strength) | (policy_.stateless ? kMppeBitH : 0);
  send_ = bits_ != 0;
  acked_bits_ = peer_bits_ = 0;
}

std::vector<OwnedOption> CcpPolicy::request() {
  if (!send_) return {};
  return {option_u32(ts::ppp::ccp_opt::kMppe, bits_)};
}

Judgement CcpPolicy::judge(const ts::ppp::ControlPacket& request) {
  JudgementBuilder b;
  const std::uint32_t allowed = mppe_allowed_bits(policy_.strength);
  for (const auto& o : request.options) {
    if (o.type != ts::ppp::ccp_opt::kMppe || allowed == 0) {
      b.reject(o);  // RFC 1962 §4: compressors we do not implement are Rejected
      continue;
    }
    if (o.data.size() != 4) {
      b.note(peer_diag::kBadOption, fmt::format("CCP MPPE option length {}", o.data.size() + 2));
      b.reject(o);
      continue;
    }
    const std::uint32_t bits = read_be32(o.data);
    const bool h_ok = !policy_.stateless || (bits & kMppeBitH);
    const bool exact = single_strength(bits) && (bits & kStrengthBits & allowed) &&
                       (bits & ~(kStrengthBits | kMppeBitH)) == 0;
    if (exact && h_ok) continue;
    // RFC 3078 §2.1: "The responder SHOULD NAK with a single encryption option", the
    // strongest offered that it supports (stateless may be negotiated in addition).
    std::uint32_t pick = strongest(bits & allowed);
    if (pick == 0) pick = strongest(allowed);
    const bool h = policy_.stateless || (bits & kMppeBitH);
    b.nak(option_u32(ts::ppp::ccp_opt::kMppe, pick | (h ? kMppeBitH : 0)));
  }
  return b.finish();
}

void CcpPolicy::peer_request_acked(const ts::ppp::ControlPacket& request) {
  const auto bits = ts::ppp::ccp_mppe(request);
  peer_bits_ = bits ? bits->raw : 0;
}

void CcpPolicy::apply_nak(const ts::ppp::ControlPacket& nak) {
  for (const auto& o : nak.options) {
    if (o.type != ts::ppp::ccp_opt::kMppe || o.data.size() != 4 || !send_) continue;
    const std::uint32_t hint = read_be32(o.data);
    const std::uint32_t pick = strongest(hint & mppe_allowed_bits(policy_.strength));
    // RFC 3078 §2.1: the initiator sends the responder's choice, or cancels the negotiation.
    if (pick == 0) {
      fail(fmt::format("no common MPPE strength (peer suggests 0x{:08x})", hint));
      return;
    }
    bits_ = pick | ((hint & kMppeBitH) || policy_.stateless ? kMppeBitH : 0);
  }
}

void CcpPolicy::apply_reject(const ts::ppp::ControlPacket& reject) {
  for (const auto& o : reject.options) {
    if (o.type != ts::ppp::ccp_opt::kMppe) continue;
    send_ = false;
    if (policy_.required) fail("the peer rejected MPPE, which is required");
  }
}

std::optional<MppeSettings> CcpPolicy::agreed() const {
  if (!single_strength(acked_bits_)) return std::nullopt;
  MppeSettings s;
  const std::uint32_t st = strongest(acked_bits_);
  s.strength = st == kMppeBitS   ? ts::ppp::mppe::KeyStrength::bits128
               : st == kMppeBitM ? ts::ppp::mppe::KeyStrength::bits56
                                 : ts::ppp::mppe::KeyStrength::bits40;
  s.stateless = (acked_bits_ & kMppeBitH) != 0;
  return s;
}

}  // namespace ts::endpoints::ppp
