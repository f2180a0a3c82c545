// PppPeer, Authentication phase (RFC 1661 §3.5): runs the Authenticator and/or the
// Authenticatee for the protocols LCP agreed, and moves to the Network phase when all
// succeeded or closes the link on a failure.
#include <fmt/format.h>

#include "src/endpoints/ppp/ppp_endpoint_diagnostics.h"
#include "src/endpoints/ppp/ppp_peer.h"

namespace ts::endpoints::ppp {

namespace {

// The EAP method to run when LCP agreed EAP (the option does not name one): our first.
AuthMethod preferred_eap(const std::vector<AuthMethod>& methods) {
  for (const auto m : methods)
    if (is_eap(m)) return m;
  return AuthMethod::none;
}

void earliest(std::optional<Instant>& best, std::optional<Instant> t) {
  if (t && (!best || *t < *best)) best = t;
}
}  // namespace

void PppPeer::absorb_auth(AuthOutput&& o, engine::LinkOutput& out) {
  for (const auto& p : o.packets) emit(p.protocol, p.info, out);
  for (auto& n : o.notes) engine::append_action(out.notes, std::move(n));
}

void PppPeer::start_authentication(Instant now, engine::LinkOutput& out) {
  const auto& a = lcp_policy_.agreement();
  if (a.we_authenticate) {
    const auto m = auth_method_from_lcp(*a.we_authenticate, preferred_eap(config_.auth.require));
    if (!m) {
      close_link(now, "no authenticator for " + ts::ppp::auth_protocol_text(*a.we_authenticate),
                 out);
      return;
    }
    authenticator_.emplace(*m, config_.auth.authenticator, random_.fork(1));
    absorb_auth(authenticator_->start(now), out);
  }
  if (a.peer_authenticates) {
    const auto m = auth_method_from_lcp(*a.peer_authenticates, preferred_eap(config_.auth.accept));
    if (!m) {
      close_link(now,
                 "cannot authenticate with " + ts::ppp::auth_protocol_text(*a.peer_authenticates),
                 out);
      return;
    }
    authenticatee_.emplace(*m, config_.auth.authenticatee, random_.fork(2));
    absorb_auth(authenticatee_->start(now), out);
  }
  check_auth(now, out);
}

void PppPeer::receive_auth(Instant now, const ts::ppp::PppFrame& f, engine::LinkOutput& out) {
  const AuthRole role = auth_packet_role(f.protocol, f.info);
  if (role == AuthRole::authenticator && authenticator_) {
    absorb_auth(authenticator_->receive(now, f.protocol, f.info), out);
  } else if (role == AuthRole::authenticatee && authenticatee_) {
    absorb_auth(authenticatee_->receive(now, f.protocol, f.info), out);
  } else {
    ++counters_.discarded;  // no such role running: nothing asked for this packet
    return;
  }
  check_auth(now, out);
}

void PppPeer::auth_deadline(Instant now, engine::LinkOutput& out) {
  auto due = [now](std::optional<Instant> t) { return t && *t <= now; };
  if (authenticator_ && due(authenticator_->next_deadline()))
    absorb_auth(authenticator_->on_deadline(now), out);
  if (authenticatee_ && due(authenticatee_->next_deadline()))
    absorb_auth(authenticatee_->on_deadline(now), out);
  check_auth(now, out);
}

std::optional<Instant> PppPeer::auth_next_deadline() const {
  std::optional<Instant> t;
  if (authenticator_) earliest(t, authenticator_->next_deadline());
  if (authenticatee_) earliest(t, authenticatee_->next_deadline());
  return t;
}

void PppPeer::check_auth(Instant now, engine::LinkOutput& out) {
  if (closing_ || finished_) return;
  const AuthResult* results[] = {authenticator_ ? &authenticator_->result() : nullptr,
                                 authenticatee_ ? &authenticatee_->result() : nullptr};
  bool all_ok = true;
  for (const AuthResult* r : results) {
    if (!r) continue;
    // RFC 1661 §3.5: if authentication fails, the authenticator should proceed to the Link
    // Termination phase; the authenticatee of a failed exchange has nothing to wait for.
    if (r->outcome == AuthOutcome::failure) {
      close_link(now, fmt::format("authentication failed: {}", r->message), out);
      return;
    }
    all_ok = all_ok && r->outcome == AuthOutcome::success;
  }
  if (all_ok && phase_ == Phase::authenticate) enter_network(now, out);
}

std::string PppPeer::auth_status() const {
  if (!authenticator_ && !authenticatee_) return {};
  std::string s;
  if (authenticator_)
    s += fmt::format(", auth peer {} {}", to_string(authenticator_->method()),
                     to_string(authenticator_->result().outcome));
  if (authenticatee_)
    s += fmt::format(", auth self {} {}", to_string(authenticatee_->method()),
                     to_string(authenticatee_->result().outcome));
  return s;
}

}  // namespace ts::endpoints::ppp
