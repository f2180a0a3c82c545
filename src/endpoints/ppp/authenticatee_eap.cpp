// Authenticatee, EAP (RFC 3748) with MD5-Challenge (§5.4) and EAP-MS-CHAPv2
// (draft-kamath-pppext-eap-mschapv2).
#include <string>

#include "dissectors/ppp/eap.h"
#include "dissectors/ppp/mschap.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/auth_diagnostics.h"
#include "src/endpoints/ppp/auth_output.h"
#include "src/endpoints/ppp/authenticatee.h"
#include "src/endpoints/ppp/eap_method.h"

namespace ts::endpoints::ppp {

namespace {

namespace opcode {
constexpr std::uint8_t kChallenge = 1;
constexpr std::uint8_t kResponse = 2;
constexpr std::uint8_t kSuccess = 3;
constexpr std::uint8_t kFailure = 4;
}  // namespace opcode

// The one-octet Success/Failure Response of draft-kamath §2.
Bytes mschapv2_ack(std::uint8_t op) {
  ts::ppp::EapMsChapV2 m;
  m.opcode = op;
  m.header_only = true;
  return ts::ppp::encode_eap_mschapv2_data(m);
}

}  // namespace

void Authenticatee::eap_receive(Instant now, ByteView info, AuthOutput& out) {
  const auto decoded = ts::ppp::decode_eap(info);
  if (!decoded.complete) {
    add_violation(out, diag::kMalformedPacket,
                  "EAP packet truncated at " + std::string(decoded.truncated_field));
    return;
  }
  const auto& p = decoded.value;
  if (p.code == ts::ppp::eap_code::kRequest) {
    if (state_ == State::failure) return;
    // RFC 3748 §4.1: a duplicate Request MUST get the original Response again, without
    // being processed again.
    if (responded_ && p.identifier == last_id_) {
      add_packet(out, ts::ppp::kEap, last_response_);
      ++packets_sent_;
      return;
    }
    eap_request(now, p, out);
  } else if (p.code == ts::ppp::eap_code::kSuccess || p.code == ts::ppp::eap_code::kFailure) {
    eap_result(p, out);
  }
}

void Authenticatee::eap_send_response(Instant now, std::uint8_t identifier, std::uint8_t type,
                                      Bytes data, AuthOutput& out) {
  ts::ppp::EapPacket r;
  r.code = ts::ppp::eap_code::kResponse;
  // RFC 3748 §4.1: the Response's Identifier matches the Request's.
  r.identifier = identifier;
  r.type = type;
  r.type_data = data;
  respond(now, ts::ppp::kEap, identifier, ts::ppp::encode_eap(r), out);
}

void Authenticatee::eap_request(Instant now, const ts::ppp::EapPacket& p, AuthOutput& out) {
  namespace t = ts::ppp::eap_type;
  const std::uint8_t ours = eap_type_of(method_);
  if (p.type == t::kIdentity) {
    // RFC 3748 §5.1: the Response carries our identity.
    const auto name = as_bytes(config_.name);
    eap_send_response(now, p.identifier, t::kIdentity, Bytes(name.begin(), name.end()), out);
  } else if (p.type == t::kNotification) {
    // RFC 3748 §5.2: the peer MUST answer a Notification with a Notification Response.
    eap_send_response(now, p.identifier, t::kNotification, {}, out);
  } else if (p.type == t::kMd5Challenge && method_ == AuthMethod::eap_md5) {
    if (!p.md5) return;
    // RFC 3748 §5.4: the CHAP computation (RFC 1994) with the EAP Identifier.
    const auto h =
        ts::ppp::mschap::chap_md5_response(p.identifier, as_bytes(config_.password), p.md5->value);
    if (!h) return;
    result_.peer_name = text_of(p.md5->name);
    eap_method_answered_ = true;
    eap_send_response(now, p.identifier, t::kMd5Challenge, eap_md5_data(*h, config_.name), out);
  } else if (p.type == t::kMsChapV2 && method_ == AuthMethod::eap_mschap_v2) {
    eap_mschapv2(now, p, out);
  } else if (p.type >= t::kMd5Challenge) {
    // RFC 3748 §5.3.1: a Request for an unacceptable authentication Type gets a legacy Nak
    // listing the Types we want (here, our one method).
    eap_send_response(now, p.identifier, t::kNak, Bytes{ours}, out);
  }
}

void Authenticatee::eap_mschapv2(Instant now, const ts::ppp::EapPacket& p, AuthOutput& out) {
  if (!p.mschapv2) return;
  const auto& m = *p.mschapv2;
  if (m.opcode == opcode::kChallenge) {
    if (m.value.size() != 16) {
      add_violation(out, diag::kBadValueSize,
                    "EAP-MS-CHAPv2 Challenge of " + std::to_string(m.value.size()) + " octets");
      return;
    }
    auto value = mschapv2_value(m.value);
    if (!value) return;
    result_.peer_name = text_of(m.name);
    eap_method_answered_ = true;
    ts::ppp::EapMsChapV2 r;
    r.opcode = opcode::kResponse;
    r.ms_chap_id = m.ms_chap_id;
    r.value = *value;
    r.name = as_bytes(config_.name);
    eap_send_response(now, p.identifier, ts::ppp::eap_type::kMsChapV2,
                      ts::ppp::encode_eap_mschapv2_data(r), out);
  } else if (m.opcode == opcode::kSuccess && eap_method_answered_) {
    if (!mschapv2_check(text_of(m.message), out)) {
      // RFC 2759 §8.8: a wrong authenticator response ends the link; we answer nothing.
      decide(false, "wrong authenticator response in the EAP-MS-CHAPv2 Success", out);
      return;
    }
    eap_mutual_ok_ = true;
    result_.message = text_of(m.message);
    eap_send_response(now, p.identifier, ts::ppp::eap_type::kMsChapV2,
                      mschapv2_ack(opcode::kSuccess), out);
  } else if (m.opcode == opcode::kFailure && eap_method_answered_) {
    result_.message = text_of(m.message);
    eap_send_response(now, p.identifier, ts::ppp::eap_type::kMsChapV2,
                      mschapv2_ack(opcode::kFailure), out);
  }
}

void Authenticatee::eap_result(const ts::ppp::EapPacket& p, AuthOutput& out) {
  // RFC 3748 §4.2: Success/Failure carry the Identifier of the Response they answer.
  if (!responded_ || p.identifier != last_id_ || state_ == State::failure ||
      state_ == State::success)
    return;
  if (p.code == ts::ppp::eap_code::kFailure) {
    // RFC 3748 §4.2: after both sides exchanged success indications a Failure MUST be
    // silently discarded.
    if (eap_mutual_ok_) return;
    decide(false, result_.message.empty() ? "EAP Failure" : result_.message, out);
    return;
  }
  if (method_ == AuthMethod::eap_mschap_v2 && !eap_mutual_ok_) {
    add_violation(out, diag::kEapSuccessWithoutMutualAuth,
                  "EAP Success id=" + std::to_string(p.identifier));
    decide(false, "EAP Success without a verified EAP-MS-CHAPv2 Success", out);
    return;
  }
  if (!eap_method_answered_) return;  // no method ran: not an authentication (RFC 3748 §4.2)
  decide(true, result_.message.empty() ? "EAP Success" : result_.message, out);
}

}  // namespace ts::endpoints::ppp
