#pragma once
// MppeCodec: the MPPE data engine of one PPP link (RFC 3078, keys from RFC 3079), sans-I/O.
// The PPP peer owns one after CCP reaches Opened with option 18 (RFC 3078 §3: "Before any
// MPPE packets are transmitted, ... CCP ... MUST reach the Opened state"), and:
//  - for each outgoing packet whose protocol mppe_encrypts() (0x0021-0x00FA) calls
//    encrypt(Protocol + Information) and sends the result as the Information of a 0x00FD
//    packet; other protocols (LCP, CCP, ...) go out unencrypted;
//  - for each received 0x00FD packet calls decrypt(Information) and, on `plaintext`, handles
//    the inner packet; on `send_reset_request` makes sure a CCP Reset-Request is outstanding
//    (sends one unless one is, RFC 1962 §2.1); on `problem` records an engine::Violation;
//  - on a received CCP Reset-Request calls on_reset_request() (and answers Reset-Ack, as
//    RFC 1962 §2.1 asks; RFC 3078 §8.2 does not need it for MPPE itself).
// Protocol field (RFC 3078 §3.1: "The encrypted data begins with the protocol field"):
// encrypt() encrypts what it is given, and the owner gives the 2-octet form, never PFC-
// compressed (what the RFC's example shows and peers expect). decrypt() requires the
// 2-octet form, or also accepts the 1-octet form with MppeSettings::accept_pfc_protocol,
// and always returns the 2-octet form.
// See mppe_sender.h and mppe_receiver.h for the key-change and synchronisation rules.
// No clock, no randomness: MPPE has none. Not thread-safe; one codec per link.
#include <optional>
#include <string_view>

#include "src/core/bytes.h"
#include "src/engine/endpoint.h"
#include "src/endpoints/ppp/mppe_key_chain.h"
#include "src/endpoints/ppp/mppe_protocol.h"
#include "src/endpoints/ppp/mppe_receiver.h"
#include "src/endpoints/ppp/mppe_sender.h"
#include "src/endpoints/ppp/mppe_settings.h"

namespace ts::endpoints::ppp {

class MppeCodec {
 public:
  using Decrypted = MppeDecrypted;

  // Session keys from MS-CHAPv2 (RFC 3079 §3): the password, the 24-octet NT-Response of
  // the MS-CHAPv2 Response, and our role (is_server = the authenticator). The server's
  // send key is the client's receive key. nullopt on a wrong NT-Response size or when
  // libcrypto lacks MD4/SHA-1/RC4.
  static std::optional<MppeCodec> from_mschap_v2(std::string_view password, ByteView nt_response,
                                                 bool is_server, MppeSettings s);
  // From MS-CHAPv1 (RFC 3079 §2): one key for both directions. 40/56-bit: the first 8
  // octets of the LM password hash (§2.1, §2.2; the challenge is not used); 128-bit:
  // Get_Start_Key(challenge8, NtPasswordHashHash) (§2.3). nullopt on a challenge that is
  // not 8 octets (128-bit) or missing crypto.
  static std::optional<MppeCodec> from_mschap_v1(std::string_view password, ByteView challenge8,
                                                 MppeSettings s);
  // Master keys as RADIUS MS-MPPE-Send-Key / MS-MPPE-Recv-Key carry them (RFC 2548 §2.4):
  // the StartKeys of each direction; the initial session keys follow (RFC 3079 §3.1).
  // nullopt when a key is shorter than the strength's key length.
  static std::optional<MppeCodec> from_start_keys(ByteView send_start, ByteView receive_start,
                                                  MppeSettings s);
  // For tests and vectors: explicit initial send/receive session keys, already reduced to
  // the strength, key_length(s.strength) octets each (precondition). Each key is also the
  // StartKey of its direction's key changes (RFC 3078 §7.3: "SessionKey is the same as
  // StartKey in the first call"). Requires ts::ppp::crypto::available().
  static MppeCodec from_keys(Bytes send_key, Bytes receive_key, MppeSettings s);

  // One packet's Protocol field + Information -> the Information of a 0x00FD packet: MPPE
  // header (D set, coherency count, FLUSHED as RFC 3078 §3.1/§7/§8.2 say) + ciphertext of
  // the same length. Never fails.
  Bytes encrypt(ByteView protocol_and_info);
  // `info` = Information of a received 0x00FD packet. See mppe_receiver.h.
  Decrypted decrypt(ByteView info);
  // A CCP Reset-Request arrived (RFC 3078 §8.2): the next packet restarts the RC4 tables
  // with the current send key and carries FLUSHED (stateful); nothing to do when stateless.
  void on_reset_request();

  const MppeSettings& settings() const { return settings_; }
  MppeCounters counters() const;
  // Current session keys (for vectors and the analyzer's key display).
  const Bytes& send_key() const { return sender_.keys().key(); }
  const Bytes& receive_key() const { return receiver_.keys().key(); }
  std::uint16_t next_send_count() const { return sender_.next_count(); }
  bool resynchronising() const { return receiver_.resynchronising(); }

 private:
  MppeCodec(MppeKeyChain send, MppeKeyChain receive, MppeSettings s);

  MppeSettings settings_;
  MppeSender sender_;
  MppeReceiver receiver_;
};

// The peer's fault a decrypt() reported, as the engine::Violation the PPP peer returns
// (by_us = false); nullopt when there was none.
std::optional<engine::Violation> mppe_violation(const MppeDecrypted& d);

}  // namespace ts::endpoints::ppp
