#pragma once
// Types shared by the PPP authentication components (Authenticator, Authenticatee): the
// methods, how they map to the LCP Authentication-Protocol option, the packets and notes a
// component returns, its result, and the configuration of each role.
// The components are sans-I/O: the owner (the PPP peer) hands in the Information field of
// every PAP (0xC023), CHAP (0xC223) or EAP (0xC227) packet it routes to the role
// (auth_packet_role()) and puts the returned AuthPackets in PPP frames.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dissectors/ppp/lcp_options.h"
#include "src/core/bytes.h"
#include "src/core/time.h"
#include "src/engine/endpoint.h"

namespace ts::endpoints::ppp {

enum class AuthMethod : std::uint8_t {
  none,
  pap,
  chap_md5,
  mschap_v1,
  mschap_v2,
  eap_md5,
  eap_mschap_v2
};

// "none", "PAP", "CHAP-MD5", "MS-CHAPv1", "MS-CHAPv2", "EAP-MD5", "EAP-MS-CHAPv2".
std::string_view to_string(AuthMethod m);
// The inverse of to_string(), case-insensitive; nullopt for an unknown name.
std::optional<AuthMethod> auth_method_from_name(std::string_view name);
// The LCP Authentication-Protocol option value for a method: PAP 0xC023 (RFC 1334 §3.1),
// CHAP 0xC223 with algorithm 5 MD5 (RFC 1994 §3), 0x80 MS-CHAPv1 (RFC 2433 §2.1 of the
// LCP option), 0x81 MS-CHAPv2 (RFC 2759 §2), EAP 0xC227 (RFC 3748 §7.x / RFC 2284).
// none gives protocol 0.
ts::ppp::AuthProtocol lcp_auth_protocol(AuthMethod m);
// nullopt when the option names nothing we implement. For 0xC227 returns eap_md5 unless
// `prefer` is an EAP method (EAP picks the method inside the protocol).
std::optional<AuthMethod> auth_method_from_lcp(const ts::ppp::AuthProtocol& a,
                                               AuthMethod prefer = AuthMethod::none);
// The PPP protocol number that carries a method (0 for none).
std::uint16_t auth_ppp_protocol(AuthMethod m);
bool is_eap(AuthMethod m);
bool is_chap(AuthMethod m);  // chap_md5, mschap_v1, mschap_v2

// Which role handles a received authentication packet, by protocol and Code: PAP Request,
// CHAP Response and EAP Response go to the Authenticator; PAP Ack/Nak, CHAP Challenge/
// Success/Failure, EAP Request/Success/Failure go to the Authenticatee. Both directions
// may authenticate at once over the same protocol, so the owner routes with this.
enum class AuthRole : std::uint8_t { none, authenticator, authenticatee };
AuthRole auth_packet_role(std::uint16_t protocol, ByteView info);

struct AuthPacket {
  std::uint16_t protocol = 0;  // 0xC023 PAP, 0xC223 CHAP, 0xC227 EAP
  Bytes info;                  // the PPP Information field (the auth packet)
};
// What a call produced: packets to send now, in order, and notes for the timeline
// (StateChange with entity "auth", Violation for the peer's faults).
struct AuthOutput {
  std::vector<AuthPacket> packets;
  engine::Actions notes;
};

enum class AuthOutcome : std::uint8_t { pending, success, failure };
std::string_view to_string(AuthOutcome o);  // "pending", "success", "failure"

// What MPPE key derivation needs after a successful MS-CHAP (RFC 3079 §2 for v1, §3 for
// v2): both sides know the password.
struct MppeKeyMaterial {
  AuthMethod method = AuthMethod::none;
  std::string password;
  Bytes nt_response;  // 24 octets, MS-CHAPv2 and v1
  Bytes challenge;    // 8 octets, MS-CHAPv1 (the authenticator's challenge)
};

struct AuthResult {
  AuthOutcome outcome = AuthOutcome::pending;
  // Authenticator: the name the peer gave; authenticatee: the authenticator's Name.
  std::string peer_name;
  // The Success/Failure/Ack/Nak message, or why we failed.
  std::string message;
  // After a successful MS-CHAPv1/v2 or EAP-MS-CHAPv2.
  std::optional<MppeKeyMaterial> keys;
};

struct AuthenticatorConfig {
  std::string name = "tunnelscope";          // our Name in CHAP/EAP challenges
  std::map<std::string, std::string> users;  // peer name -> password
  // Challenge / EAP Request retransmission (RFC 1994 §4.1; RFC 1661 §4.6 Restart default).
  Duration restart = std::chrono::seconds(3);
  // Challenges (or one EAP Request's transmissions) without answer before failure.
  unsigned max_transmits = 10;
  // CHAP/MS-CHAP rechallenge in the network phase (RFC 1994 §2.2, §4.1); 0 = never.
  Duration rechallenge_interval{0};
  // Random rechallenge spacing (RFC 1994 §2.2 "at random intervals"): each rechallenge
  // comes after rechallenge_interval plus a uniform draw in [0, rechallenge_jitter]
  // (millisecond steps, from the injected RandomSource). 0 = exactly the interval.
  Duration rechallenge_jitter{0};
  // PAP: how long to wait for an Authenticate-Request.
  Duration wait_request = std::chrono::seconds(30);
  // EAP methods we accept in place of ours when the peer's legacy Nak asks for them
  // (RFC 3748 §5.3.1), in our order of preference.
  std::vector<AuthMethod> eap_fallbacks = {AuthMethod::eap_mschap_v2, AuthMethod::eap_md5};
  // Tests only: when not empty, every challenge is this value instead of random octets
  // (e.g. the RFC 2759 §9.2 vector). Breaks RFC 1994 §4.1 "MUST be changed": never in use.
  Bytes fixed_challenge;
  // Conformance self-tests only (ppp_faults.h): every Response / password is taken as right;
  // Responses are taken whatever their Identifier.
  bool accept_wrong_credentials = false;
  bool ignore_chap_identifier = false;
};

struct AuthenticateeConfig {
  std::string name;  // our Peer-ID / Name
  std::string password;
  // PAP Authenticate-Request retransmission (RFC 1334 §2.2.1).
  Duration restart = std::chrono::seconds(3);
  unsigned max_transmits = 10;
  // CHAP/EAP: give up when no challenge/request (or, after a Response, no answer) comes.
  Duration wait_challenge = std::chrono::seconds(30);
  // Tests only: when not empty, the MS-CHAPv2 Peer-Challenge instead of random octets.
  Bytes fixed_peer_challenge;
  // Conformance self-tests only (ppp_faults.h): MS-CHAPv2 Success taken unchecked.
  bool skip_authenticator_response_check = false;
};

}  // namespace ts::endpoints::ppp
