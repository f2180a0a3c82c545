// Authenticatee, CHAP-MD5 (RFC 1994), MS-CHAPv1 (RFC 2433), MS-CHAPv2 (RFC 2759), and the
// MS-CHAPv2 computations EAP-MS-CHAPv2 shares.
#include <algorithm>
#include <string>

#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/mschap.h"
#include "dissectors/ppp/mschap_messages.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/auth_diagnostics.h"
#include "src/endpoints/ppp/auth_output.h"
#include "src/endpoints/ppp/authenticatee.h"

namespace ts::endpoints::ppp {

namespace {

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

bool equal_bytes(ByteView a, ByteView b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace

void Authenticatee::chap_receive(Instant now, ByteView info, AuthOutput& out) {
  const auto decoded = ts::ppp::decode_chap(info, algorithm_of(method_));
  if (!decoded.complete) {
    add_violation(out, diag::kMalformedPacket,
                  "CHAP packet truncated at " + std::string(decoded.truncated_field));
    return;
  }
  const auto& p = decoded.value;
  if (p.code == ts::ppp::chap_code::kChallenge) {
    chap_challenge(now, p, out);
    return;
  }
  const bool success = p.code == ts::ppp::chap_code::kSuccess;
  if (!success && p.code != ts::ppp::chap_code::kFailure) return;  // the other role's
  // RFC 1994 §4.2: the Identifier is copied from the Response that caused the reply;
  // anything else answers nothing we sent.
  if (!responded_ || p.identifier != last_id_ || state_ == State::failure) return;
  if (success) {
    chap_success(p, out);
  } else {
    decide(false, text_of(p.message), out);
  }
}

void Authenticatee::chap_challenge(Instant now, const ts::ppp::ChapPacket& p, AuthOutput& out) {
  if (state_ == State::failure) return;
  // The same Challenge again (a retransmission by a peer that keeps its Identifier, which
  // RFC 1994 §4.1 forbids but is harmless): the same Response.
  if (responded_ && p.identifier == last_id_ && equal_bytes(p.value, last_request_)) {
    add_packet(out, ts::ppp::kChap, last_response_);
    ++packets_sent_;
    return;
  }
  auto value = chap_response_value(p.identifier, p.value, out);
  if (!value) return;
  result_.peer_name = text_of(p.name);
  // RFC 1994 §4.1: whenever a Challenge is received, the peer MUST send a Response with
  // the Challenge's Identifier (§4.1 Identifier) and its Name.
  ts::ppp::ChapPacket r;
  r.code = ts::ppp::chap_code::kResponse;
  r.identifier = p.identifier;
  r.value = *value;
  r.name = as_bytes(config_.name);
  last_request_.assign(p.value.begin(), p.value.end());
  respond(now, ts::ppp::kChap, p.identifier, ts::ppp::encode_chap(r), out);
}

std::optional<Bytes> Authenticatee::chap_response_value(std::uint8_t identifier, ByteView challenge,
                                                        AuthOutput& out) {
  namespace ms = ts::ppp::mschap;
  if (method_ == AuthMethod::chap_md5) {
    // RFC 1994 §4.1: MD5(Identifier || secret || Challenge).
    const auto h = ms::chap_md5_response(identifier, as_bytes(config_.password), challenge);
    if (!h) return std::nullopt;
    return Bytes(h->begin(), h->end());
  }
  if (method_ == AuthMethod::mschap_v1) {
    // RFC 2433 §5: the Challenge is 8 octets; we send the NT-Response only (Use-NT = 1).
    if (challenge.size() != 8) {
      add_violation(out, diag::kBadValueSize,
                    "MS-CHAPv1 Challenge of " + std::to_string(challenge.size()) + " octets");
      return std::nullopt;
    }
    const auto nt = ms::nt_challenge_response(challenge, config_.password);
    if (!nt) return std::nullopt;
    ts::ppp::MsChapV1Response r;
    r.nt_response = *nt;
    r.use_nt = 1;
    auth_challenge_.assign(challenge.begin(), challenge.end());
    nt_response_.assign(nt->begin(), nt->end());
    return ts::ppp::encode_mschap_v1_response(r);
  }
  if (challenge.size() != 16) {
    add_violation(out, diag::kBadValueSize,
                  "MS-CHAPv2 Challenge of " + std::to_string(challenge.size()) + " octets");
    return std::nullopt;
  }
  return mschapv2_value(challenge);
}

std::optional<Bytes> Authenticatee::mschapv2_value(ByteView auth_challenge) {
  namespace ms = ts::ppp::mschap;
  // RFC 2759 §4: a 16-octet Peer-Challenge, 8 reserved zero octets, the NT-Response (§8.1)
  // and a zero Flags octet.
  peer_challenge_ = challenge_octets(random_, config_.fixed_peer_challenge, 16);
  const auto nt = ms::generate_nt_response(auth_challenge, peer_challenge_,
                                           ms::mschap_user_name(config_.name), config_.password);
  if (!nt || peer_challenge_.size() != 16) return std::nullopt;
  ts::ppp::MsChapV2Response r;
  std::copy(peer_challenge_.begin(), peer_challenge_.end(), r.peer_challenge.begin());
  r.nt_response = *nt;
  auth_challenge_.assign(auth_challenge.begin(), auth_challenge.end());
  nt_response_.assign(nt->begin(), nt->end());
  return ts::ppp::encode_mschap_v2_response(r);
}

bool Authenticatee::mschapv2_check(std::string_view success_message, AuthOutput& out) {
  namespace ms = ts::ppp::mschap;
  const auto s = ts::ppp::parse_mschap_v2_success(success_message).value;
  // RFC 2759 §8.8 / §5: the peer MUST verify the authenticator response and end the link
  // when it is wrong.
  if (config_.skip_authenticator_response_check ||  // fault injection (ppp_faults.h)
      ms::check_authenticator_response(config_.password, nt_response_, peer_challenge_,
                                       auth_challenge_, ms::mschap_user_name(config_.name),
                                       s.authenticator_response))
    return true;
  add_violation(out, diag::kBadAuthenticatorResponse,
                "got \"" + std::string(success_message.substr(0, 60)) + "\"");
  return false;
}

void Authenticatee::chap_success(const ts::ppp::ChapPacket& p, AuthOutput& out) {
  const std::string message = text_of(p.message);
  if (method_ == AuthMethod::mschap_v2 && !mschapv2_check(message, out)) {
    decide(false, "wrong authenticator response in the MS-CHAPv2 Success", out);
    return;
  }
  decide(true, message, out);
}

}  // namespace ts::endpoints::ppp
