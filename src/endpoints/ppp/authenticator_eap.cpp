// Authenticator, EAP (RFC 3748) with MD5-Challenge (§5.4) and EAP-MS-CHAPv2
// (draft-kamath-pppext-eap-mschapv2, the RFC 2759 computations).
#include <algorithm>
#include <string>

#include "dissectors/ppp/eap.h"
#include "dissectors/ppp/mschap.h"
#include "dissectors/ppp/mschap_messages.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/auth_diagnostics.h"
#include "src/endpoints/ppp/auth_output.h"
#include "src/endpoints/ppp/authenticator.h"
#include "src/endpoints/ppp/eap_method.h"

namespace ts::endpoints::ppp {

namespace {

namespace opcode {
constexpr std::uint8_t kChallenge = 1;
constexpr std::uint8_t kResponse = 2;
constexpr std::uint8_t kSuccess = 3;
constexpr std::uint8_t kFailure = 4;
}  // namespace opcode

template <std::size_t N>
bool same(const std::optional<std::array<std::uint8_t, N>>& a, ByteView b) {
  return a && b.size() == N && std::equal(a->begin(), a->end(), b.begin());
}

std::string v2_failure_message(engine::RandomSource& random) {
  // RFC 2759 §6, carried in the Failure Request (draft-kamath §2).
  ts::ppp::MsChapFailure f;
  f.error = 691;
  f.retry = false;
  f.challenge = random.bytes(16);
  f.version = 3;
  f.message = "Authentication failed";
  return ts::ppp::format_mschap_failure(f);
}

}  // namespace

void Authenticator::eap_send_request(Instant now, std::uint8_t type, Bytes type_data,
                                     AuthOutput& out) {
  // RFC 3748 §4.1: every new (non-retransmitted) Request MUST modify the Identifier.
  ++identifier_;
  ts::ppp::EapPacket r;
  r.code = ts::ppp::eap_code::kRequest;
  r.identifier = identifier_;
  r.type = type;
  r.type_data = type_data;
  request_ = AuthPacket{ts::ppp::kEap, ts::ppp::encode_eap(r)};
  add_packet(out, request_->protocol, request_->info);
  transmits_ = 1;
  ++challenges_sent_;
  timers_.set(Timer::retransmit, now + config_.restart);
}

void Authenticator::eap_send_method_request(Instant now, AuthOutput& out) {
  challenge_ = challenge_octets(random_, config_.fixed_challenge, 16);
  if (method_ == AuthMethod::eap_md5) {
    eap_send_request(now, ts::ppp::eap_type::kMd5Challenge, eap_md5_data(challenge_, config_.name),
                     out);
  } else {
    ts::ppp::EapMsChapV2 m;
    m.opcode = opcode::kChallenge;
    m.ms_chap_id = static_cast<std::uint8_t>(identifier_ + 1);  // the Request's Identifier
    m.value = challenge_;
    m.name = as_bytes(config_.name);
    eap_send_request(now, ts::ppp::eap_type::kMsChapV2, ts::ppp::encode_eap_mschapv2_data(m), out);
  }
  set_state(State::eap_method_sent, out);
}

void Authenticator::eap_receive(Instant now, ByteView info, AuthOutput& out) {
  const auto decoded = ts::ppp::decode_eap(info);
  if (!decoded.complete) {
    add_violation(out, diag::kMalformedPacket,
                  "EAP packet truncated at " + std::string(decoded.truncated_field));
    return;
  }
  const auto& p = decoded.value;
  if (p.code != ts::ppp::eap_code::kResponse) return;  // the other role's
  // RFC 3748 §4.1: a Response whose Identifier is not the outstanding Request's MUST be
  // silently discarded.
  if (!request_ || p.identifier != identifier_) return;
  if (state_ == State::identity_sent) {
    if (p.type == ts::ppp::eap_type::kIdentity) {
      eap_identity(now, p, out);
    } else if (p.type == ts::ppp::eap_type::kNak) {
      // RFC 3748 §5.3.1: Nak answers only a Request for an authentication Type (>= 4).
      add_violation(out, diag::kNakToNonAuthRequest, "Nak in reply to the Identity Request");
    }
  } else if (state_ == State::eap_method_sent) {
    if (p.type == ts::ppp::eap_type::kNak) {
      eap_nak(now, p, out);
    } else if (p.type == ts::ppp::eap_type::kMd5Challenge && method_ == AuthMethod::eap_md5) {
      eap_md5_response(now, p, out);
    } else if (p.type == ts::ppp::eap_type::kMsChapV2 && method_ == AuthMethod::eap_mschap_v2) {
      eap_mschapv2_response(now, p, out);
    }
  } else if (state_ == State::eap_result_sent) {
    // draft-kamath §2: the peer acknowledges the Success/Failure Request with the same
    // opcode; then EAP Success/Failure ends the conversation.
    if (p.type == ts::ppp::eap_type::kMsChapV2 && p.mschapv2 &&
        (p.mschapv2->opcode == opcode::kSuccess || p.mschapv2->opcode == opcode::kFailure))
      eap_finish(now, eap_ok_ && p.mschapv2->opcode == opcode::kSuccess, out);
  }
}

void Authenticator::eap_identity(Instant now, const ts::ppp::EapPacket& p, AuthOutput& out) {
  user_ = text_of(p.type_data);
  result_.peer_name = user_;
  eap_send_method_request(now, out);
}

void Authenticator::eap_nak(Instant now, const ts::ppp::EapPacket& p, AuthOutput& out) {
  // RFC 3748 §5.3.1: the Nak lists the Types the peer wants (0: none). We switch to the
  // first of our fallbacks it lists, else fail.
  for (AuthMethod m : config_.eap_fallbacks) {
    if (m == method_ || !is_eap(m)) continue;
    const std::uint8_t t = eap_type_of(m);
    if (std::find(p.nak_types.begin(), p.nak_types.end(), t) != p.nak_types.end()) {
      method_ = m;
      eap_send_method_request(now, out);
      return;
    }
  }
  result_.message = "the peer's Nak names no EAP method we accept";
  eap_finish(now, false, out);
}

void Authenticator::eap_md5_response(Instant now, const ts::ppp::EapPacket& p, AuthOutput& out) {
  bool ok = false;
  if (!p.md5 || p.md5->value.size() != 16) {
    add_violation(out, diag::kBadValueSize, "EAP MD5-Challenge Response value is not 16 octets");
  } else if (const std::string* password = password_of(user_)) {
    // RFC 3748 §5.4: as CHAP (RFC 1994) with the EAP Identifier.
    ok = same(ts::ppp::mschap::chap_md5_response(p.identifier, as_bytes(*password), challenge_),
              p.md5->value);
  }
  eap_finish(now, ok, out);
}

void Authenticator::eap_mschapv2_response(Instant now, const ts::ppp::EapPacket& p,
                                          AuthOutput& out) {
  namespace ms = ts::ppp::mschap;
  const auto& m = p.mschapv2;
  if (!m || m->opcode != opcode::kResponse) return;
  eap_ok_ = false;
  if (!m->response || m->value.size() != ts::ppp::kMsChapResponseSize) {
    add_violation(out, diag::kBadValueSize, "EAP-MS-CHAPv2 Response value is not 49 octets");
  } else {
    // The name in the Response is the one the peer hashed (RFC 2759 §8.2).
    user_ = text_of(m->name);
    result_.peer_name = user_;
    const std::string* password = password_of(user_);
    const auto& r = *m->response;
    const auto user = ms::mschap_user_name(user_);
    eap_ok_ =
        password && same(ms::generate_nt_response(challenge_, r.peer_challenge, user, *password),
                         ByteView(r.nt_response));
    if (eap_ok_)
      result_.keys = MppeKeyMaterial{
          method_, *password, Bytes(r.nt_response.begin(), r.nt_response.end()), {}};
    if (eap_ok_) {
      const auto s = ms::generate_authenticator_response(*password, r.nt_response, r.peer_challenge,
                                                         challenge_, user);
      result_.message = ts::ppp::format_mschap_v2_success({s.value_or(""), "Access granted"});
    }
  }
  if (!eap_ok_) result_.message = v2_failure_message(random_);
  ts::ppp::EapMsChapV2 reply;
  reply.opcode = eap_ok_ ? opcode::kSuccess : opcode::kFailure;
  reply.ms_chap_id = m->ms_chap_id;
  reply.message = as_bytes(result_.message);
  eap_send_request(now, ts::ppp::eap_type::kMsChapV2, ts::ppp::encode_eap_mschapv2_data(reply),
                   out);
  set_state(State::eap_result_sent, out);
}

void Authenticator::eap_finish(Instant now, bool ok, AuthOutput& out) {
  ts::ppp::EapPacket f;
  f.code = ok ? ts::ppp::eap_code::kSuccess : ts::ppp::eap_code::kFailure;
  // RFC 3748 §4.2: the Identifier MUST match the Response's.
  f.identifier = identifier_;
  add_packet(out, ts::ppp::kEap, ts::ppp::encode_eap(f));
  std::string message = result_.message;
  if (message.empty()) message = ok ? "EAP Success" : "EAP Failure";
  decide(now, ok, std::move(message), out);
}

}  // namespace ts::endpoints::ppp
