#pragma once
// CcpPolicy: CCP (RFC 1962) carrying only the MPPE option 18 (RFC 3078 §2, RFC 2118 §2).
//
// Operator policy (MppePolicy): strength none / automatic (128, 56 or 40, strongest first) /
// a fixed 40, 56 or 128; stateless (H bit) wanted or not; required or optional.
// Negotiation (RFC 3078 §2.1):
//  - we request every strength bit we allow, plus H when stateless;
//  - the peer's request is Acked when it names exactly one strength bit we allow, no MPPC
//    (C) or other bits, and carries H when we want stateless (a stateful side accepts
//    either H); otherwise it is Nak'd with the single strongest strength we allow among
//    those offered (our strongest when none is), plus H if wanted or offered;
//  - a Nak is taken when its strength is one we allow (with its H bit), else it is a
//    failure() (no common strength: "cancel the negotiation");
//  - a Reject of option 18 stops requesting it; failure() when MPPE is required.
// Every other CCP option (compressors) is Rejected. agreed() gives the MppeSettings of our
// acknowledged request once CCP is Opened.
#include <cstdint>
#include <optional>

#include "dissectors/ppp/mppe_keys.h"
#include "src/endpoints/ppp/mppe_settings.h"
#include "src/endpoints/ppp/option_policy.h"

namespace ts::endpoints::ppp {

enum class MppeStrength : std::uint8_t { none, automatic, bits40, bits56, bits128 };

struct MppePolicy {
  MppeStrength strength = MppeStrength::none;
  bool stateless = false;
  bool required = false;  // the link terminates when MPPE is not agreed (RFC 3078 §2)
};

// L/M/S bits a policy allows.
std::uint32_t mppe_allowed_bits(MppeStrength s);

class CcpPolicy final : public OptionPolicy {
 public:
  explicit CcpPolicy(MppePolicy policy) : policy_(policy) { reset(); }

  std::vector<OwnedOption> request() override;
  Judgement judge(const ts::ppp::ControlPacket& request) override;
  void peer_acked() override { acked_bits_ = send_ ? bits_ : 0; }
  void peer_request_acked(const ts::ppp::ControlPacket& request) override;
  void apply_nak(const ts::ppp::ControlPacket& nak) override;
  void apply_reject(const ts::ppp::ControlPacket& reject) override;
  void reset() override;

  // The settings both sides use, from our acknowledged request; nullopt when MPPE is not
  // part of it.
  std::optional<MppeSettings> agreed() const;
  std::uint32_t acked_bits() const { return acked_bits_; }
  std::uint32_t peer_bits() const { return peer_bits_; }
  const MppePolicy& policy() const { return policy_; }

 private:
  MppePolicy policy_;
  std::uint32_t bits_ = 0;  // our working request
  bool send_ = true;
  std::uint32_t acked_bits_ = 0;
  std::uint32_t peer_bits_ = 0;
};

}  // namespace ts::endpoints::ppp
