#pragma once
// LcpPolicy: what our LCP asks for and accepts (RFC 1661 §6, RFC 1662 §7.1, RFC 1994 §3).
//
// We request: MRU (when not 1500), ACCM (when not the default 0xFFFFFFFF),
// Authentication-Protocol (authenticator: the first method of `request_auth` the peer has
// not refused), Magic-Number (when enabled), PFC and ACFC (when enabled). A Nak adjusts the
// value (MRU: the hint when >= 64; ACCM: ours OR the hint; Auth: the hint if it is in our
// list, else our next method; Magic: a new random number); a Reject drops the option, except
// Authentication-Protocol, whose rejection (or the exhaustion of our list) is a failure().
//
// We accept from the peer: any MRU >= min_peer_mru (else Nak with it), any ACCM, an
// Authentication-Protocol in `accept_auth` (else Nak with accept_auth[0]; Reject when we
// accept none), any non-zero Magic-Number different from ours (§6.4: equal -> Nak with a
// new value; zero -> Nak), PFC/ACFC when enabled (else Reject). Every other option, and
// options with a bad Length (peer_diag::kBadOption), are Rejected.
//
// Loopback (§6.4): a peer request carrying our Magic-Number, or a Nak carrying the
// Magic-Number we last Nak'd, counts as a collision; `loopback_threshold` collisions in one
// negotiation set looped_back().
#include <cstdint>
#include <optional>
#include <vector>

#include "dissectors/ppp/lcp_options.h"
#include "src/endpoints/ppp/option_policy.h"
#include "src/engine/random_source.h"

namespace ts::endpoints::ppp {

inline constexpr std::uint32_t kDefaultAccm = 0xFFFFFFFF;  // RFC 1662 §7.1

struct LcpSettings {
  std::uint16_t mru = 1500;          // our receive MRU
  std::uint16_t min_peer_mru = 128;  // the smallest MRU we accept from the peer
  std::uint32_t accm = 0x00000000;   // characters we need escaped (requested when != default)
  bool magic = true;
  bool pfc = true;
  bool acfc = true;
  std::vector<ts::ppp::AuthProtocol> request_auth;  // authenticator: preference order
  std::vector<ts::ppp::AuthProtocol> accept_auth;   // authenticatee: acceptable, preferred first
  unsigned loopback_threshold = 3;
};

// What is in force once LCP is Opened.
struct LcpAgreement {
  std::uint16_t peer_mru = 1500;  // the largest Information field we may send
  std::uint16_t our_mru = 1500;
  std::uint32_t send_accm = kDefaultAccm;                   // characters to escape when we send
  std::uint32_t receive_accm = kDefaultAccm;                // characters the peer escapes for us
  std::optional<ts::ppp::AuthProtocol> we_authenticate;     // the peer must authenticate to us
  std::optional<ts::ppp::AuthProtocol> peer_authenticates;  // we must authenticate to the peer
  std::uint32_t our_magic = 0;                              // 0 when not negotiated
  std::uint32_t peer_magic = 0;
  bool send_pfc = false;   // we may compress the Protocol field
  bool send_acfc = false;  // we may omit Address/Control
};

// Same protocol (and, for CHAP, the same algorithm).
bool same_auth(const ts::ppp::AuthProtocol& a, const ts::ppp::AuthProtocol& b);
// Position of `a` in `list`, or list.size().
std::size_t auth_position(const std::vector<ts::ppp::AuthProtocol>& list,
                          const ts::ppp::AuthProtocol& a);

class LcpPolicy final : public OptionPolicy {
 public:
  LcpPolicy(LcpSettings settings, engine::RandomSource& random);

  std::vector<OwnedOption> request() override;
  Judgement judge(const ts::ppp::ControlPacket& request) override;
  void peer_acked() override;
  void peer_request_acked(const ts::ppp::ControlPacket& request) override;
  void apply_nak(const ts::ppp::ControlPacket& nak) override;
  void apply_reject(const ts::ppp::ControlPacket& reject) override;
  void reset() override;

  const LcpAgreement& agreement() const { return agreed_; }
  const LcpSettings& settings() const { return settings_; }
  bool looped_back() const { return collisions_ >= settings_.loopback_threshold; }
  unsigned collisions() const { return collisions_; }
  std::uint32_t current_magic() const { return magic_; }

 private:
  void judge_option(const ts::ppp::ConfigOption& o, JudgementBuilder& b);
  void judge_auth(const ts::ppp::ConfigOption& o, JudgementBuilder& b);
  void judge_magic(const ts::ppp::ConfigOption& o, JudgementBuilder& b);
  void nak_auth(const ts::ppp::ConfigOption& o);
  std::uint32_t fresh_magic();

  LcpSettings settings_;
  engine::RandomSource& random_;
  LcpAgreement agreed_;
  // Our working request.
  std::uint16_t mru_ = 1500;
  std::uint32_t accm_ = kDefaultAccm;
  std::uint32_t magic_ = 0;
  std::size_t auth_index_ = 0;
  bool send_mru_ = false, send_accm_ = false, send_magic_ = false, send_pfc_ = false,
       send_acfc_ = false;
  std::uint32_t last_nak_magic_ = 0;
  unsigned collisions_ = 0;
};

}  // namespace ts::endpoints::ppp
