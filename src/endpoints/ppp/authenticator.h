#pragma once
// Authenticator: our side of the Authentication phase when we require the peer to
// authenticate (RFC 1661 §3.5), for one method. Sans-I/O: every call takes the protocol
// time, returns the packets to send (AuthOutput) and the owner calls on_deadline() at
// next_deadline(). Randomness (identifiers, challenges) comes from the injected source.
//
// Per method:
//  - PAP (RFC 1334 §2): start() waits up to wait_request for an Authenticate-Request; each
//    Request is answered with Ack (known Peer-ID, right password) or Nak. Requests after
//    the decision get the same Code again (§2.2.1 Implementation Note). No request within
//    wait_request: failure.
//  - CHAP-MD5 / MS-CHAPv1 / MS-CHAPv2 (RFC 1994 §4.1, RFC 2433, RFC 2759): start() sends a
//    Challenge (16, 8, 16 octets) with a fresh Identifier and Value, re-sent (new Identifier
//    and Value, §4.1) every `restart` until a Response with the current Identifier comes;
//    after max_transmits Challenges without one: failure. A Response with another
//    Identifier is silently discarded; one with the current Identifier after the decision
//    gets the same Success/Failure again. Success carries "S=<authenticator response>
//    M=..." for MS-CHAPv2; Failure carries "E=691 R=0" (v1, RFC 2433 §9) or "E=691 R=0
//    C=<hex> V=3 M=..." (v2). With rechallenge_interval > 0, a new Challenge follows each
//    success after that interval (plus a random [0, rechallenge_jitter]); a wrong or missing
//    answer turns the result into failure.
//  - EAP-MD5 / EAP-MS-CHAPv2 (RFC 3748): Request/Identity first (§5.1), then the method's
//    Request; Requests are retransmitted with the same Identifier (§4.1), Responses with
//    another Identifier are discarded. A legacy Nak (§5.3.1) naming a method listed in
//    eap_fallbacks switches to it; otherwise EAP Failure. EAP-MS-CHAPv2
//    (draft-kamath-pppext-eap-mschapv2): Challenge, Response, then a Success (or Failure)
//    Request the peer acknowledges, then EAP Success (or Failure).
// result() is pending until decided; a later rechallenge may change success to failure.
// Unknown users and wrong passwords fail alike. Packets of the other role (e.g. a CHAP
// Challenge) are ignored: the owner routes with auth_packet_role().
#include <cstdint>
#include <optional>
#include <string_view>

#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/eap.h"
#include "src/endpoints/ppp/auth_types.h"
#include "src/engine/random_source.h"
#include "src/engine/timer_set.h"

namespace ts::endpoints::ppp {

class Authenticator {
 public:
  Authenticator(AuthMethod method, AuthenticatorConfig config, engine::RandomSource random);

  // The Authentication phase begins (LCP Opened). Called once.
  AuthOutput start(Instant now);
  // One received packet of `protocol` (its Information field). Other protocols are ignored.
  AuthOutput receive(Instant now, std::uint16_t protocol, ByteView info);
  AuthOutput on_deadline(Instant now);
  std::optional<Instant> next_deadline() const;
  const AuthResult& result() const { return result_; }

  // The method in use: the constructor's, or an EAP method the peer's Nak chose.
  AuthMethod method() const { return method_; }
  std::string_view state_name() const;
  // CHAP Challenges and EAP Requests sent, retransmissions included.
  unsigned challenges_sent() const { return challenges_sent_; }

 private:
  enum class Timer : std::uint8_t { retransmit, give_up, rechallenge };
  enum class State : std::uint8_t {
    initial,
    wait_request,
    challenge_sent,
    identity_sent,
    eap_method_sent,
    eap_result_sent,
    success,
    failure
  };

  void set_state(State s, AuthOutput& out);
  void decide(Instant now, bool ok, std::string message, AuthOutput& out);
  const std::string* password_of(const std::string& user) const;

  // PAP (authenticator_pap.cpp)
  void pap_receive(Instant now, ByteView info, AuthOutput& out);
  // CHAP family (authenticator_chap.cpp)
  void chap_send_challenge(Instant now, AuthOutput& out);
  void chap_receive(Instant now, ByteView info, AuthOutput& out);
  // Checks a Response to the current Challenge for user_; fills the Success/Failure
  // message and, for MS-CHAP, result_.keys.
  bool chap_verify(const ts::ppp::ChapPacket& p, std::string& message, AuthOutput& out);
  // EAP (authenticator_eap.cpp)
  void eap_send_request(Instant now, std::uint8_t type, Bytes type_data, AuthOutput& out);
  void eap_send_method_request(Instant now, AuthOutput& out);
  void eap_receive(Instant now, ByteView info, AuthOutput& out);
  void eap_identity(Instant now, const ts::ppp::EapPacket& p, AuthOutput& out);
  void eap_nak(Instant now, const ts::ppp::EapPacket& p, AuthOutput& out);
  void eap_md5_response(Instant now, const ts::ppp::EapPacket& p, AuthOutput& out);
  void eap_mschapv2_response(Instant now, const ts::ppp::EapPacket& p, AuthOutput& out);
  void eap_finish(Instant now, bool ok, AuthOutput& out);
  void retransmit(Instant now, AuthOutput& out);

  AuthMethod method_;
  AuthenticatorConfig config_;
  engine::RandomSource random_;
  engine::TimerSet<Timer> timers_;
  AuthResult result_;
  State state_ = State::initial;
  std::uint8_t identifier_ = 0;  // of the current Challenge / outstanding EAP Request
  Bytes challenge_;              // the current challenge value
  unsigned transmits_ = 0;       // of the current Challenge cycle / EAP Request
  unsigned challenges_sent_ = 0;
  std::optional<Bytes> last_reply_;    // CHAP Success/Failure for identifier_
  std::optional<AuthPacket> request_;  // the outstanding EAP Request (retransmitted as is)
  bool pap_accepted_ = false;
  bool eap_ok_ = false;  // EAP-MS-CHAPv2: the verdict sent in the result Request
  std::string user_;     // the peer's name being checked
};

}  // namespace ts::endpoints::ppp
