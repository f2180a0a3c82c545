// Authenticator, CHAP-MD5 (RFC 1994), MS-CHAPv1 (RFC 2433) and MS-CHAPv2 (RFC 2759).
#include <algorithm>
#include <string>

#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/mschap.h"
#include "dissectors/ppp/mschap_messages.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/auth_diagnostics.h"
#include "src/endpoints/ppp/auth_output.h"
#include "src/endpoints/ppp/authenticator.h"

namespace ts::endpoints::ppp {

namespace {

constexpr std::string_view kGranted = "Access granted";
constexpr std::string_view kDenied = "Access denied";

ts::ppp::ChapAlgorithm algorithm_of(AuthMethod m) {
  switch (m) {
    case AuthMethod::chap_md5:
      return ts::ppp::ChapAlgorithm::md5;
    case AuthMethod::mschap_v1:
      return ts::ppp::ChapAlgorithm::mschap_v1;
    case AuthMethod::mschap_v2:
      return ts::ppp::ChapAlgorithm::mschap_v2;
    default:
      return ts::ppp::ChapAlgorithm::unknown;
  }
}

// RFC 2433 §2 (8 octets), RFC 2759 §3 (16); MD5 has no fixed size (RFC 1994 §4.1): 16.
std::size_t challenge_size(AuthMethod m) { return m == AuthMethod::mschap_v1 ? 8 : 16; }

// The expected Value size of a Response: MD5 16 (RFC 1994 §4.1), MS-CHAP 49 (RFC 2433 §5,
// RFC 2759 §4).
std::size_t response_size(AuthMethod m) {
  return m == AuthMethod::chap_md5 ? 16 : ts::ppp::kMsChapResponseSize;
}

template <std::size_t N>
bool same(const std::optional<std::array<std::uint8_t, N>>& a, ByteView b) {
  return a && b.size() == N && std::equal(a->begin(), a->end(), b.begin());
}

}  // namespace

void Authenticator::chap_send_challenge(Instant now, AuthOutput& out) {
  // RFC 1994 §4.1: the Identifier and the Challenge Value MUST change with every Challenge.
  ++identifier_;
  challenge_ = challenge_octets(random_, config_.fixed_challenge, challenge_size(method_));
  last_reply_.reset();
  ts::ppp::ChapPacket c;
  c.code = ts::ppp::chap_code::kChallenge;
  c.identifier = identifier_;
  c.value = challenge_;
  c.name = as_bytes(config_.name);
  add_packet(out, ts::ppp::kChap, ts::ppp::encode_chap(c));
  ++transmits_;
  ++challenges_sent_;
  timers_.set(Timer::retransmit, now + config_.restart);
  set_state(State::challenge_sent, out);
}

void Authenticator::chap_receive(Instant now, ByteView info, AuthOutput& out) {
  const auto decoded = ts::ppp::decode_chap(info, algorithm_of(method_));
  if (!decoded.complete) {
    add_violation(out, diag::kMalformedPacket,
                  "CHAP packet truncated at " + std::string(decoded.truncated_field));
    return;
  }
  const auto& p = decoded.value;
  if (p.code != ts::ppp::chap_code::kResponse) return;  // the other role's
  // RFC 1994 §4.1: only Responses to the current Challenge Identifier count; any other
  // MUST be silently discarded.
  if (p.identifier != identifier_ && !config_.ignore_chap_identifier) return;  // fault: ppp_faults.h
  if (last_reply_) {
    // RFC 1994 §4.1 Implementation Note: a repeated Response to the current Challenge MUST
    // get the same reply Code (the Success may have been lost).
    add_packet(out, ts::ppp::kChap, *last_reply_);
    return;
  }
  if (state_ != State::challenge_sent) return;
  user_ = text_of(p.name);
  std::string message;
  const bool ok = chap_verify(p, message, out);
  ts::ppp::ChapPacket reply;
  // RFC 1994 §4.2: Success or Failure, the Identifier copied from the Response.
  reply.code = ok ? ts::ppp::chap_code::kSuccess : ts::ppp::chap_code::kFailure;
  reply.identifier = p.identifier;
  reply.message = as_bytes(message);
  last_reply_ = ts::ppp::encode_chap(reply);
  add_packet(out, ts::ppp::kChap, *last_reply_);
  result_.peer_name = user_;
  decide(now, ok, message, out);
}

bool Authenticator::chap_verify(const ts::ppp::ChapPacket& p, std::string& message,
                                AuthOutput& out) {
  namespace ms = ts::ppp::mschap;
  const std::string* password = password_of(user_);
  bool ok = false;
  if (p.value.size() != response_size(method_)) {
    add_violation(
        out, diag::kBadValueSize,
        std::to_string(p.value.size()) + " octets for " + std::string(to_string(method_)));
  } else if (method_ == AuthMethod::chap_md5) {
    // RFC 1994 §4.1: MD5(Identifier || secret || Challenge).
    ok = password &&
         same(ms::chap_md5_response(p.identifier, as_bytes(*password), challenge_), p.value);
    ok = ok || config_.accept_wrong_credentials;  // fault injection (ppp_faults.h)
  } else if (method_ == AuthMethod::mschap_v1) {
    const auto r = ts::ppp::decode_mschap_v1_response(p.value).value;
    // RFC 2433 §5: we only accept the NT-Response (Use-NT 1); LM is not supported.
    ok = password && r.use_nt == 1 &&
         same(ms::nt_challenge_response(challenge_, *password), ByteView(r.nt_response));
    if (ok)
      result_.keys = MppeKeyMaterial{method_, *password,
                                     Bytes(r.nt_response.begin(), r.nt_response.end()), challenge_};
  } else {
    const auto r = ts::ppp::decode_mschap_v2_response(p.value).value;
    const auto user = ms::mschap_user_name(user_);
    // RFC 2759 §8.1: GenerateNTResponse over both challenges and the user name.
    ok = password && same(ms::generate_nt_response(challenge_, r.peer_challenge, user, *password),
                          ByteView(r.nt_response));
    ok = ok || (password && config_.accept_wrong_credentials);  // fault injection (ppp_faults.h)
    if (ok) {
      // RFC 2759 §5: Success carries "S=<AuthenticatorResponse> M=<message>" (§8.7).
      const auto s = ms::generate_authenticator_response(*password, r.nt_response, r.peer_challenge,
                                                         challenge_, user);
      message = ts::ppp::format_mschap_v2_success({s.value_or(""), std::string(kGranted)});
      result_.keys = MppeKeyMaterial{
          method_, *password, Bytes(r.nt_response.begin(), r.nt_response.end()), {}};
      return true;
    }
  }
  if (ok) {
    message = std::string(kGranted);
  } else if (method_ == AuthMethod::mschap_v2) {
    // RFC 2759 §6: "E=691 R=0 C=<16 octets hex> V=3 M=<msg>"; no retry offered.
    ts::ppp::MsChapFailure f;
    f.error = 691;
    f.retry = false;
    f.challenge = random_.bytes(16);
    f.version = 3;
    f.message = "Authentication failed";
    message = ts::ppp::format_mschap_failure(f);
  } else if (method_ == AuthMethod::mschap_v1) {
    // RFC 2433 §6 (examples in §9): "E=691 R=0", no retry offered.
    message = "E=691 R=0";
  } else {
    message = std::string(kDenied);
  }
  return ok;
}

}  // namespace ts::endpoints::ppp
