// Authenticator, PAP (RFC 1334 §2.2).
#include <string>

#include "dissectors/ppp/pap.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/auth_diagnostics.h"
#include "src/endpoints/ppp/auth_output.h"
#include "src/endpoints/ppp/authenticator.h"

namespace ts::endpoints::ppp {

namespace {
constexpr std::string_view kAckMessage = "Login ok";
constexpr std::string_view kNakMessage = "Login incorrect";
}  // namespace

void Authenticator::pap_receive(Instant now, ByteView info, AuthOutput& out) {
  const auto decoded = ts::ppp::decode_pap(info);
  if (!decoded.complete) {
    add_violation(out, diag::kMalformedPacket,
                  "PAP packet truncated at " + std::string(decoded.truncated_field));
    return;
  }
  const auto& p = decoded.value;
  if (p.code != ts::ppp::pap_code::kAuthenticateRequest) return;  // the other role's
  bool ok = pap_accepted_;
  if (state_ == State::wait_request) {
    user_ = text_of(p.peer_id);
    const std::string* password = password_of(user_);
    // RFC 1334 §2.2.1: "recognizable and acceptable" -> Ack, otherwise Nak.
    ok = password != nullptr && *password == text_of(p.password);
    ok = ok || config_.accept_wrong_credentials;  // fault injection (ppp_faults.h)
    pap_accepted_ = ok;
    result_.peer_name = user_;
  }
  // RFC 1334 §2.2.1 Implementation Note: a repeated Request after the decision MUST get the
  // same reply Code (the Ack may have been lost).
  ts::ppp::PapPacket reply;
  reply.code = ok ? ts::ppp::pap_code::kAuthenticateAck : ts::ppp::pap_code::kAuthenticateNak;
  // RFC 1334 §2.2.2: the Identifier MUST be copied from the Request that caused the reply.
  reply.identifier = p.identifier;
  reply.message = as_bytes(ok ? kAckMessage : kNakMessage);
  add_packet(out, ts::ppp::kPap, ts::ppp::encode_pap(reply));
  if (state_ == State::wait_request) {
    decide(now, ok, std::string(ok ? kAckMessage : kNakMessage), out);
  }
}

}  // namespace ts::endpoints::ppp
