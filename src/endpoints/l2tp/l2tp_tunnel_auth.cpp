// L2tpTunnel, tunnel authentication (RFC 2661 §5.1.1): the Challenge we send in SCCRQ/SCCRP,
// the Challenge Response we answer the peer's with, and the check of the peer's answer. See
// l2tp_tunnel.h for the contract.
#include <algorithm>

#include <fmt/format.h>

#include "dissectors/l2tp/tunnel_auth.h"
#include "src/endpoints/l2tp/l2tp_endpoint_diagnostics.h"
#include "src/endpoints/l2tp/l2tp_tunnel.h"
#include "src/endpoints/l2tp/l2tp_tunnel_internal.h"

namespace ts::endpoints::l2tp {

using namespace tunnel_detail;
using ts::l2tp::ResultCode;

namespace {
constexpr std::size_t kChallengeSize = 16;  // §4.4.3: "one or more octets"; CHAP-like 16
constexpr std::uint8_t kScccnId = 3;        // §4.4.3: ID = Message Type of the response's carrier
}  // namespace

void L2tpTunnel::add_challenge_avps(std::vector<Avp>& avps, const Message* peer_msg, std::uint8_t id) {
  // §5.1.1: answer the peer's Challenge with MD5(id, secret, challenge) ...
  if (peer_msg) {
    const auto* ch = peer_msg->find(u16(AvpType::challenge));
    if (ch && ch->value_known() && !config_.secret.empty()) {
      const Bytes r = ts::l2tp::challenge_response(id, config_.secret, ch->value());
      avps.push_back(hideable(ts::l2tp::make_avp_bytes(u16(AvpType::challenge_response), r, true)));
    }
  }
  // ... and challenge the peer when we authenticate it (SCCRQ and SCCRP only).
  if (id != kScccnId && config_.authenticate_peer && !config_.secret.empty()) {
    our_challenge_ = random_.bytes(kChallengeSize);
    avps.push_back(hideable(ts::l2tp::make_avp_bytes(u16(AvpType::challenge), our_challenge_, true)));
  }
}

bool L2tpTunnel::check_challenge_response(Ctx& c, const Message& m, std::uint8_t id) {
  if (our_challenge_.empty()) return true;
  const auto* r = m.find(u16(AvpType::challenge_response));
  const Bytes expected = ts::l2tp::challenge_response(id, config_.secret, our_challenge_);
  const bool ok = r && r->value_known() &&
                  std::equal(expected.begin(), expected.end(), r->value().begin(), r->value().end());
  if (ok) return true;
  // §5.1.1: "establishment of the tunnel MUST be disallowed"; StopCCN result 4.
  violation(c, diag::kAuthFailed,
            fmt::format("{} Challenge Response in {}", r ? "wrong" : "no", message_name(id)));
  do_stop(c, ResultCode{4, std::nullopt, {}});
  return false;
}

}  // namespace ts::endpoints::l2tp
