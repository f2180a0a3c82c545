// The Authenticatee's common part (start, dispatch, timers, decision) and PAP (RFC 1334
// §2). CHAP is in authenticatee_chap.cpp, EAP in authenticatee_eap.cpp.
#include "src/endpoints/ppp/authenticatee.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "dissectors/ppp/pap.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/auth_diagnostics.h"
#include "src/endpoints/ppp/auth_output.h"

namespace ts::endpoints::ppp {

Authenticatee::Authenticatee(AuthMethod method, AuthenticateeConfig config,
                             engine::RandomSource random)
    : method_(method), config_(std::move(config)), random_(random) {
  identifier_ = random_.u8();
}

std::string_view Authenticatee::state_name() const {
  switch (state_) {
    case State::initial:
      return "initial";
    case State::request_sent:
      return "request-sent";
    case State::wait_challenge:
      return "wait-challenge";
    case State::response_sent:
      return "response-sent";
    case State::success:
      return "success";
    case State::failure:
      return "failure";
  }
  return "unknown";
}

void Authenticatee::set_state(State s, AuthOutput& out) {
  if (s == state_) return;
  const std::string_view from = state_name();
  state_ = s;
  add_state_change(out, from, state_name());
}

AuthOutput Authenticatee::start(Instant now) {
  AuthOutput out;
  if (state_ != State::initial) return out;
  if (method_ == AuthMethod::pap) {
    pap_send_request(now, out);
  } else if (method_ == AuthMethod::none) {
    decide(true, "no authentication", out);
  } else {
    // RFC 1994 §4.1 / RFC 3748 §4.1: the authenticator speaks first.
    set_state(State::wait_challenge, out);
    timers_.set(Timer::give_up, now + config_.wait_challenge);
  }
  return out;
}

AuthOutput Authenticatee::receive(Instant now, std::uint16_t protocol, ByteView info) {
  AuthOutput out;
  if (state_ == State::initial || protocol != auth_ppp_protocol(method_)) return out;
  if (method_ == AuthMethod::pap) {
    pap_receive(info, out);
  } else if (is_chap(method_)) {
    chap_receive(now, info, out);
  } else if (is_eap(method_)) {
    eap_receive(now, info, out);
  }
  return out;
}

AuthOutput Authenticatee::on_deadline(Instant now) {
  AuthOutput out;
  for (Timer t : timers_.expired(now)) {
    if (t == Timer::give_up) {
      decide(false,
             fmt::format("no answer from the authenticator within {}s",
                         to_seconds(config_.wait_challenge)),
             out);
    } else if (transmits_ >= config_.max_transmits) {
      // RFC 1334 §2.2.1: repeated "until a valid reply packet is received, or an optional
      // retry counter expires".
      decide(false, fmt::format("no reply after {} Authenticate-Requests", transmits_), out);
    } else {
      pap_send_request(now, out);
    }
  }
  return out;
}

std::optional<Instant> Authenticatee::next_deadline() const { return timers_.next(); }

void Authenticatee::decide(bool ok, std::string message, AuthOutput& out) {
  timers_.cancel(Timer::retransmit);
  timers_.cancel(Timer::give_up);
  result_.outcome = ok ? AuthOutcome::success : AuthOutcome::failure;
  result_.message = std::move(message);
  if (ok && (method_ == AuthMethod::mschap_v1 || method_ == AuthMethod::mschap_v2 ||
             method_ == AuthMethod::eap_mschap_v2))
    result_.keys = key_material();
  if (!ok) result_.keys.reset();
  set_state(ok ? State::success : State::failure, out);
}

MppeKeyMaterial Authenticatee::key_material() const {
  MppeKeyMaterial k{method_, config_.password, nt_response_, {}};
  if (method_ == AuthMethod::mschap_v1) k.challenge = auth_challenge_;
  return k;
}

void Authenticatee::respond(Instant now, std::uint16_t protocol, std::uint8_t identifier,
                            Bytes info, AuthOutput& out) {
  responded_ = true;
  last_id_ = identifier;
  last_response_ = info;
  add_packet(out, protocol, std::move(info));
  ++packets_sent_;
  // After a success (a rechallenge) we stay successful until told otherwise.
  if (state_ != State::success) {
    if (state_ != State::failure) set_state(State::response_sent, out);
    timers_.set(Timer::give_up, now + config_.wait_challenge);
  }
}

void Authenticatee::pap_send_request(Instant now, AuthOutput& out) {
  // RFC 1334 §2.2.1: the Identifier MUST change with every Authenticate-Request.
  ++identifier_;
  pap_ids_.push_back(identifier_);
  ts::ppp::PapPacket r;
  r.code = ts::ppp::pap_code::kAuthenticateRequest;
  r.identifier = identifier_;
  r.peer_id = as_bytes(config_.name);
  r.password = as_bytes(config_.password);
  add_packet(out, ts::ppp::kPap, ts::ppp::encode_pap(r));
  ++transmits_;
  ++packets_sent_;
  timers_.set(Timer::retransmit, now + config_.restart);
  set_state(State::request_sent, out);
}

void Authenticatee::pap_receive(ByteView info, AuthOutput& out) {
  const auto decoded = ts::ppp::decode_pap(info);
  if (!decoded.complete) {
    add_violation(out, diag::kMalformedPacket,
                  "PAP packet truncated at " + std::string(decoded.truncated_field));
    return;
  }
  const auto& p = decoded.value;
  const bool ack = p.code == ts::ppp::pap_code::kAuthenticateAck;
  if (!ack && p.code != ts::ppp::pap_code::kAuthenticateNak) return;  // the other role's
  if (state_ != State::request_sent) return;
  // RFC 1334 §2.2.2: the reply's Identifier is copied from the Request that caused it; a
  // reply to none of ours is not an answer.
  if (std::find(pap_ids_.begin(), pap_ids_.end(), p.identifier) == pap_ids_.end()) return;
  decide(ack, text_of(p.message), out);
}

}  // namespace ts::endpoints::ppp
