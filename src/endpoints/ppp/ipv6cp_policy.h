#pragma once
// Ipv6cpPolicy: the Interface-Identifier negotiation of IPv6CP (RFC 5072 §4.1).
// We request our identifier (random non-zero, "u" bit clear, or a configured one). For the
// peer's: non-zero and different from ours -> Ack; zero -> Nak with a fresh identifier
// different from ours; equal to ours -> Nak with a fresh one (and we pick a new one of our
// own, the collision rule); both zero cannot happen (ours is never zero). A Nak of ours
// makes us take the suggested identifier; a Reject stops requesting it. Other options
// (IPv6-Compression) are Rejected.
#include <optional>

#include "dissectors/ppp/ipv6cp_options.h"
#include "src/endpoints/ppp/option_policy.h"
#include "src/engine/random_source.h"

namespace ts::endpoints::ppp {

struct Ipv6cpAgreement {
  ts::ppp::InterfaceId local{};
  ts::ppp::InterfaceId peer{};
};

class Ipv6cpPolicy final : public OptionPolicy {
 public:
  Ipv6cpPolicy(std::optional<ts::ppp::InterfaceId> fixed, engine::RandomSource& random);

  std::vector<OwnedOption> request() override;
  Judgement judge(const ts::ppp::ControlPacket& request) override;
  void peer_acked() override;
  void peer_request_acked(const ts::ppp::ControlPacket& request) override;
  void apply_nak(const ts::ppp::ControlPacket& nak) override;
  void apply_reject(const ts::ppp::ControlPacket& reject) override;
  void reset() override;

  const Ipv6cpAgreement& agreement() const { return agreed_; }
  unsigned collisions() const { return collisions_; }

 private:
  ts::ppp::InterfaceId fresh(const ts::ppp::InterfaceId& avoid);

  std::optional<ts::ppp::InterfaceId> fixed_;
  engine::RandomSource& random_;
  ts::ppp::InterfaceId ours_{};
  bool send_ = true;
  unsigned collisions_ = 0;
  Ipv6cpAgreement agreed_;
};

}  // namespace ts::endpoints::ppp
