#include "src/endpoints/ppp/lcp_policy.h"

#include <fmt/format.h>

#include <algorithm>

#include "dissectors/ppp/options.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/ppp_endpoint_diagnostics.h"

namespace ts::endpoints::ppp {

namespace opt = ts::ppp::lcp_opt;
using ts::ppp::AuthProtocol;
using ts::ppp::ConfigOption;
using ts::ppp::ControlPacket;

namespace {
// RFC 1661 §6.1 does not set a floor; 64 keeps every control packet sendable.
constexpr std::uint16_t kSmallestMru = 64;

OwnedOption auth_option(const AuthProtocol& a) {
  OwnedOption o = option_u16(opt::kAuthProtocol, a.protocol);
  if (a.protocol == ts::ppp::kChap) o.data.push_back(a.chap_algorithm);
  return o;
}

std::optional<AuthProtocol> auth_of(const ConfigOption& o) {
  if (o.data.size() < 2) return std::nullopt;
  AuthProtocol a;
  a.protocol = read_be16(o.data);
  if (a.protocol == ts::ppp::kChap) {
    if (o.data.size() < 3) return std::nullopt;
    a.chap_algorithm = o.data[2];
  }
  return a;
}
}  // namespace

bool same_auth(const AuthProtocol& a, const AuthProtocol& b) {
  return a.protocol == b.protocol &&
         (a.protocol != ts::ppp::kChap || a.chap_algorithm == b.chap_algorithm);
}

std::size_t auth_position(const std::vector<AuthProtocol>& list, const AuthProtocol& a) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (same_auth(list[i], a)) return i;
  return list.size();
}

LcpPolicy::LcpPolicy(LcpSettings settings, engine::RandomSource& random)
    : settings_(std::move(settings)), random_(random) {
  reset();
}

std::uint32_t LcpPolicy::fresh_magic() {
  std::uint32_t m = 0;
  while (m == 0 || m == magic_ || m == last_nak_magic_) m = random_.nonzero_u32();
  return m;
}

void LcpPolicy::reset() {
  clear_failure();
  agreed_ = LcpAgreement{};
  mru_ = settings_.mru;
  accm_ = settings_.accm;
  send_mru_ = settings_.mru != 1500;
  send_accm_ = settings_.accm != kDefaultAccm;
  send_magic_ = settings_.magic;
  // RFC 1661 §6.4: an implementation MUST choose its Magic-Number before requesting it.
  if (send_magic_) magic_ = fresh_magic();
  send_pfc_ = settings_.pfc;
  send_acfc_ = settings_.acfc;
  auth_index_ = 0;
  collisions_ = 0;
  last_nak_magic_ = 0;
}

std::vector<OwnedOption> LcpPolicy::request() {
  std::vector<OwnedOption> out;
  if (send_mru_) out.push_back(option_u16(opt::kMru, mru_));
  if (send_accm_) out.push_back(option_u32(opt::kAccm, accm_));
  if (auth_index_ < settings_.request_auth.size())
    out.push_back(auth_option(settings_.request_auth[auth_index_]));
  if (send_magic_) out.push_back(option_u32(opt::kMagicNumber, magic_));
  if (send_pfc_) out.push_back(OwnedOption{opt::kPfc, {}});
  if (send_acfc_) out.push_back(OwnedOption{opt::kAcfc, {}});
  return out;
}

Judgement LcpPolicy::judge(const ControlPacket& request) {
  JudgementBuilder b;
  for (const auto& o : request.options) judge_option(o, b);
  return b.finish();
}

void LcpPolicy::judge_option(const ConfigOption& o, JudgementBuilder& b) {
  if (!ts::ppp::option_fits(ts::ppp::lcp_option_specs(), o)) {
    if (ts::ppp::find_option_spec(ts::ppp::lcp_option_specs(), o.type))
      b.note(peer_diag::kBadOption,
             fmt::format("LCP option {} length {}", o.type, o.data.size() + 2));
    b.reject(o);  // RFC 1661 §5.4: not recognisable -> Configure-Reject
    return;
  }
  switch (o.type) {
    case opt::kMru:
      if (read_be16(o.data) < settings_.min_peer_mru)
        b.nak(option_u16(opt::kMru, settings_.min_peer_mru));
      return;
    case opt::kAccm:
      return;  // RFC 1662 §7.1: any map is acceptable; we escape what the peer asks
    case opt::kAuthProtocol:
      judge_auth(o, b);
      return;
    case opt::kMagicNumber:
      judge_magic(o, b);
      return;
    case opt::kPfc:
      if (!settings_.pfc) b.reject(o);
      return;
    case opt::kAcfc:
      if (!settings_.acfc) b.reject(o);
      return;
    default:
      b.reject(o);  // Quality-Protocol, Callback, MRRU ...: not negotiable here
  }
}

void LcpPolicy::judge_auth(const ConfigOption& o, JudgementBuilder& b) {
  // RFC 1661 §6.2 / RFC 1994 §3: an implementation that does not accept the requested
  // protocol Naks with the one it prefers; one that authenticates to nobody Rejects.
  if (settings_.accept_auth.empty()) {
    b.reject(o);
    return;
  }
  const auto asked = auth_of(o);
  if (asked && auth_position(settings_.accept_auth, *asked) < settings_.accept_auth.size()) return;
  b.nak(auth_option(settings_.accept_auth.front()));
}

void LcpPolicy::judge_magic(const ConfigOption& o, JudgementBuilder& b) {
  const std::uint32_t theirs = read_be32(o.data);
  // RFC 1661 §6.4: a zero Magic-Number MUST be Nak'd; one equal to ours may mean a
  // looped-back link, "a Configure-Nak MUST be sent specifying a different Magic-Number".
  if (theirs == 0 || (send_magic_ && theirs == magic_)) {
    if (theirs != 0) ++collisions_;
    last_nak_magic_ = fresh_magic();
    b.nak(option_u32(opt::kMagicNumber, last_nak_magic_));
  }
}

void LcpPolicy::peer_acked() {
  agreed_.our_mru = send_mru_ ? mru_ : 1500;
  agreed_.receive_accm = send_accm_ ? accm_ : kDefaultAccm;
  agreed_.our_magic = send_magic_ ? magic_ : 0;
  if (auth_index_ < settings_.request_auth.size())
    agreed_.we_authenticate = settings_.request_auth[auth_index_];
  else
    agreed_.we_authenticate.reset();
}

void LcpPolicy::peer_request_acked(const ControlPacket& request) {
  agreed_.peer_mru = 1500;
  agreed_.send_accm = kDefaultAccm;
  agreed_.peer_authenticates.reset();
  agreed_.peer_magic = 0;
  agreed_.send_pfc = agreed_.send_acfc = false;
  for (const auto& o : request.options) {
    if (!ts::ppp::option_fits(ts::ppp::lcp_option_specs(), o)) continue;
    if (o.type == opt::kMru) agreed_.peer_mru = read_be16(o.data);
    if (o.type == opt::kAccm) agreed_.send_accm = read_be32(o.data);
    if (o.type == opt::kAuthProtocol) agreed_.peer_authenticates = auth_of(o);
    if (o.type == opt::kMagicNumber) agreed_.peer_magic = read_be32(o.data);
    if (o.type == opt::kPfc) agreed_.send_pfc = true;
    if (o.type == opt::kAcfc) agreed_.send_acfc = true;
  }
}

void LcpPolicy::nak_auth(const ConfigOption& o) {
  const auto hint = auth_of(o);
  const auto& list = settings_.request_auth;
  if (hint) {
    const std::size_t at = auth_position(list, *hint);
    if (at < list.size() && at > auth_index_) {
      auth_index_ = at;
      return;
    }
  }
  // RFC 1994 §3: the authenticator moves to another protocol it can use, or gives up.
  if (++auth_index_ >= list.size())
    fail(fmt::format("the peer refuses every authentication protocol we require (last hint {})",
                     hint ? ts::ppp::auth_protocol_text(*hint) : std::string("none")));
}

void LcpPolicy::apply_nak(const ControlPacket& nak) {
  for (const auto& o : nak.options) {
    if (!ts::ppp::option_fits(ts::ppp::lcp_option_specs(), o)) continue;
    switch (o.type) {
      case opt::kMru:
        mru_ = std::max(kSmallestMru, read_be16(o.data));
        send_mru_ = true;
        break;
      case opt::kAccm:
        accm_ |= read_be32(o.data);  // RFC 1662 §7.1: we may escape more, never fewer
        send_accm_ = true;
        break;
      case opt::kAuthProtocol:
        if (auth_index_ < settings_.request_auth.size()) nak_auth(o);
        break;
      case opt::kMagicNumber:
        // RFC 1661 §6.4: the Magic-Number we last Nak'd coming back makes a loop likelier;
        // "in either case" a new number goes in the next request.
        if (read_be32(o.data) == last_nak_magic_ && last_nak_magic_ != 0) ++collisions_;
        if (send_magic_) magic_ = fresh_magic();
        break;
      default:
        break;  // a Nak may suggest options we did not ask for; we do not take them up
    }
  }
}

void LcpPolicy::apply_reject(const ControlPacket& reject) {
  for (const auto& o : reject.options) {
    switch (o.type) {
      case opt::kMru:
        send_mru_ = false;
        break;
      case opt::kAccm:
        send_accm_ = false;
        break;
      case opt::kMagicNumber:
        send_magic_ = false;
        break;
      case opt::kPfc:
        send_pfc_ = false;
        break;
      case opt::kAcfc:
        send_acfc_ = false;
        break;
      case opt::kAuthProtocol:
        if (auth_index_ < settings_.request_auth.size())
          fail("the peer rejected the Authentication-Protocol option: it will not authenticate");
        break;
      default:
        break;
    }
  }
}

}  // namespace ts::endpoints::ppp
