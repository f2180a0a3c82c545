#pragma once
// Authenticatee: our side of the Authentication phase when the peer requires us to
// authenticate (RFC 1661 §3.5), for one method. Sans-I/O like the Authenticator: every
// call takes the protocol time and returns the packets to send; the owner calls
// on_deadline() at next_deadline(). Randomness (PAP identifiers, MS-CHAPv2 Peer-Challenge)
// comes from the injected source.
//
// Per method:
//  - PAP (RFC 1334 §2): start() sends an Authenticate-Request (Peer-ID = name), re-sent
//    with a new Identifier (§2.2.1) every `restart` until an Ack or Nak with the Identifier
//    of one of our Requests comes; after max_transmits Requests: failure.
//  - CHAP-MD5 / MS-CHAPv1 / MS-CHAPv2 (RFC 1994 §4.1): start() waits for a Challenge (up to
//    wait_challenge); every Challenge, in any phase, gets a Response with its Identifier.
//    Success/Failure count only with the Identifier of our last Response (§4.2). MS-CHAPv2
//    Success must carry the right authenticator response (RFC 2759 §5, §8.8): otherwise
//    diag::kBadAuthenticatorResponse and failure, so the owner fails the link. No answer
//    within wait_challenge after a Response: failure. A Failure after a success (a failed
//    rechallenge) makes the result failure.
//  - EAP-MD5 / EAP-MS-CHAPv2 (RFC 3748): Identity Requests get our name (§5.1),
//    Notifications an empty Notification Response (§5.2); a Request of a Type other than
//    our method's gets a legacy Nak naming ours (§5.3.1); a duplicate Request gets our
//    original Response again (§4.1). EAP-MS-CHAPv2 (draft-kamath-pppext-eap-mschapv2):
//    Response to the Challenge, one-octet Success Response after checking the
//    authenticator response, then EAP Success; an EAP Success before that check is
//    diag::kEapSuccessWithoutMutualAuth and failure. Success/Failure count only with the
//    Identifier of our last Response (§4.2).
// Packets of the other role (e.g. a CHAP Response) are ignored.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/eap.h"
#include "src/endpoints/ppp/auth_types.h"
#include "src/engine/random_source.h"
#include "src/engine/timer_set.h"

namespace ts::endpoints::ppp {

class Authenticatee {
 public:
  Authenticatee(AuthMethod method, AuthenticateeConfig config, engine::RandomSource random);

  // The Authentication phase begins (LCP Opened). Called once.
  AuthOutput start(Instant now);
  // One received packet of `protocol` (its Information field). Other protocols are ignored.
  AuthOutput receive(Instant now, std::uint16_t protocol, ByteView info);
  AuthOutput on_deadline(Instant now);
  std::optional<Instant> next_deadline() const;
  const AuthResult& result() const { return result_; }

  AuthMethod method() const { return method_; }
  std::string_view state_name() const;
  unsigned packets_sent() const { return packets_sent_; }  // PAP Requests, CHAP/EAP Responses

 private:
  enum class Timer : std::uint8_t { retransmit, give_up };
  enum class State : std::uint8_t {
    initial,
    request_sent,
    wait_challenge,
    response_sent,
    success,
    failure
  };

  void set_state(State s, AuthOutput& out);
  void decide(bool ok, std::string message, AuthOutput& out);
  void respond(Instant now, std::uint16_t protocol, std::uint8_t identifier, Bytes info,
               AuthOutput& out);

  // PAP (authenticatee.cpp)
  void pap_send_request(Instant now, AuthOutput& out);
  void pap_receive(ByteView info, AuthOutput& out);
  // CHAP family (authenticatee_chap.cpp)
  void chap_receive(Instant now, ByteView info, AuthOutput& out);
  void chap_challenge(Instant now, const ts::ppp::ChapPacket& p, AuthOutput& out);
  std::optional<Bytes> chap_response_value(std::uint8_t identifier, ByteView challenge,
                                           AuthOutput& out);
  void chap_success(const ts::ppp::ChapPacket& p, AuthOutput& out);
  // EAP (authenticatee_eap.cpp)
  void eap_receive(Instant now, ByteView info, AuthOutput& out);
  void eap_request(Instant now, const ts::ppp::EapPacket& p, AuthOutput& out);
  void eap_send_response(Instant now, std::uint8_t identifier, std::uint8_t type, Bytes data,
                         AuthOutput& out);
  void eap_mschapv2(Instant now, const ts::ppp::EapPacket& p, AuthOutput& out);
  void eap_result(const ts::ppp::EapPacket& p, AuthOutput& out);
  // MS-CHAPv2 (RFC 2759 §4): the 49-octet Response value to `auth_challenge`; remembers
  // the challenges and NT-Response for the Success check and the key material.
  std::optional<Bytes> mschapv2_value(ByteView auth_challenge);
  bool mschapv2_check(std::string_view success_message, AuthOutput& out);
  MppeKeyMaterial key_material() const;

  AuthMethod method_;
  AuthenticateeConfig config_;
  engine::RandomSource random_;
  engine::TimerSet<Timer> timers_;
  AuthResult result_;
  State state_ = State::initial;
  std::uint8_t identifier_ = 0;        // PAP: of the last Request
  std::vector<std::uint8_t> pap_ids_;  // Identifiers of every PAP Request sent
  unsigned transmits_ = 0;
  unsigned packets_sent_ = 0;
  bool responded_ = false;            // a CHAP/EAP Response was sent
  std::uint8_t last_id_ = 0;          // its Identifier
  Bytes last_request_;                // CHAP: the Challenge Value it answered
  Bytes last_response_;               // and the Response itself, for duplicates
  Bytes auth_challenge_;              // MS-CHAP: the authenticator's challenge
  Bytes peer_challenge_;              // MS-CHAPv2
  Bytes nt_response_;                 // MS-CHAP v1/v2
  bool eap_method_answered_ = false;  // EAP: we answered a method Request (not Identity)
  bool eap_mutual_ok_ = false;        // EAP-MS-CHAPv2: the authenticator response checked
};

}  // namespace ts::endpoints::ppp
