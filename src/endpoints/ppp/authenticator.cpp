// The Authenticator's common part: start, dispatch, timers and the decision. The methods
// are in authenticator_pap.cpp, authenticator_chap.cpp and authenticator_eap.cpp.
#include "src/endpoints/ppp/authenticator.h"

#include <fmt/format.h>

#include <utility>

#include "dissectors/ppp/eap.h"
#include "src/endpoints/ppp/auth_output.h"

namespace ts::endpoints::ppp {

Authenticator::Authenticator(AuthMethod method, AuthenticatorConfig config,
                             engine::RandomSource random)
    : method_(method), config_(std::move(config)), random_(random) {
  // RFC 3748 §4.1: starting the Identifier at a random value is recommended; CHAP (RFC 1994
  // §4.1) only asks that it change, which incrementing from here does.
  identifier_ = random_.u8();
}

std::string_view Authenticator::state_name() const {
  switch (state_) {
    case State::initial:
      return "initial";
    case State::wait_request:
      return "wait-request";
    case State::challenge_sent:
      return "challenge-sent";
    case State::identity_sent:
      return "identity-sent";
    case State::eap_method_sent:
      return "method-sent";
    case State::eap_result_sent:
      return "result-sent";
    case State::success:
      return "success";
    case State::failure:
      return "failure";
  }
  return "unknown";
}

void Authenticator::set_state(State s, AuthOutput& out) {
  if (s == state_) return;
  const std::string_view from = state_name();
  state_ = s;
  add_state_change(out, from, state_name());
}

const std::string* Authenticator::password_of(const std::string& user) const {
  auto it = config_.users.find(user);
  return it == config_.users.end() ? nullptr : &it->second;
}

AuthOutput Authenticator::start(Instant now) {
  AuthOutput out;
  if (state_ != State::initial) return out;
  if (method_ == AuthMethod::pap) {
    set_state(State::wait_request, out);
    timers_.set(Timer::give_up, now + config_.wait_request);
  } else if (is_chap(method_)) {
    chap_send_challenge(now, out);
  } else if (is_eap(method_)) {
    // RFC 3748 §5.1: the Identity Request comes first; it is not an authentication Type.
    eap_send_request(now, ts::ppp::eap_type::kIdentity, {}, out);
    set_state(State::identity_sent, out);
  } else {
    decide(now, true, "no authentication", out);
  }
  return out;
}

AuthOutput Authenticator::receive(Instant now, std::uint16_t protocol, ByteView info) {
  AuthOutput out;
  if (state_ == State::initial || protocol != auth_ppp_protocol(method_)) return out;
  if (method_ == AuthMethod::pap) {
    pap_receive(now, info, out);
  } else if (is_chap(method_)) {
    chap_receive(now, info, out);
  } else if (is_eap(method_)) {
    eap_receive(now, info, out);
  }
  return out;
}

AuthOutput Authenticator::on_deadline(Instant now) {
  AuthOutput out;
  for (Timer t : timers_.expired(now)) {
    switch (t) {
      case Timer::give_up:
        decide(now, false,
               fmt::format("no Authenticate-Request within {}s", to_seconds(config_.wait_request)),
               out);
        break;
      case Timer::retransmit:
        retransmit(now, out);
        break;
      case Timer::rechallenge:
        // RFC 1994 §4.1: a Challenge MAY be sent at any time in the Network-Layer phase.
        if (state_ == State::success) {
          transmits_ = 0;
          chap_send_challenge(now, out);
        }
        break;
    }
  }
  return out;
}

std::optional<Instant> Authenticator::next_deadline() const { return timers_.next(); }

void Authenticator::retransmit(Instant now, AuthOutput& out) {
  // RFC 1994 §4.1 / RFC 3748 §4.1: re-sent until a valid Response "or an optional retry
  // counter expires".
  if (transmits_ >= config_.max_transmits) {
    decide(now, false, fmt::format("no valid Response after {} transmissions", transmits_), out);
    return;
  }
  if (is_chap(method_)) {
    chap_send_challenge(now, out);
  } else if (request_) {
    // RFC 3748 §4.1: a retransmitted Request keeps its Identifier.
    add_packet(out, request_->protocol, request_->info);
    ++transmits_;
    ++challenges_sent_;
    timers_.set(Timer::retransmit, now + config_.restart);
  }
}

void Authenticator::decide(Instant now, bool ok, std::string message, AuthOutput& out) {
  timers_.cancel(Timer::retransmit);
  timers_.cancel(Timer::give_up);
  request_.reset();
  result_.outcome = ok ? AuthOutcome::success : AuthOutcome::failure;
  result_.message = std::move(message);
  if (!ok) result_.keys.reset();
  set_state(ok ? State::success : State::failure, out);
  // RFC 1994 §4.1: rechallenges in the Network-Layer phase, at the configured interval.
  if (ok && is_chap(method_) && config_.rechallenge_interval > Duration::zero()) {
    Duration wait = config_.rechallenge_interval;
    const auto jitter_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(config_.rechallenge_jitter).count();
    if (jitter_ms > 0)
      wait += std::chrono::milliseconds(random_.between(0, static_cast<std::uint32_t>(jitter_ms)));
    timers_.set(Timer::rechallenge, now + wait);
  }
}

}  // namespace ts::endpoints::ppp
