#pragma once
// MppeKeyChain: the session keys of one direction of an MPPE link, in order.
//   StartKey    - the key the chain is derived from: MasterSendKey / MasterReceiveKey of
//                 RFC 3079 §3 (MS-CHAPv2), the LM-hash basis of §2.1/§2.2 or the
//                 Get_Start_Key result of §2.3 (MS-CHAPv1); RADIUS MS-MPPE-Send-Key and
//                 MS-MPPE-Recv-Key (RFC 2548 §2.4.2/§2.4.3) carry the same master keys.
//   SessionKey  - the current key, reduced to the negotiated strength.
// change() is the RFC 3078 §7.3 key change; the chain counts how many it made. Keys are
// copied in; the chain owns them. Requires ts::ppp::crypto::available() (SHA-1 and RC4).
#include <cstdint>
#include <optional>

#include "dissectors/ppp/mppe_keys.h"
#include "src/core/bytes.h"

namespace ts::endpoints::ppp {

using ts::ppp::mppe::KeyStrength;

class MppeKeyChain {
 public:
  // Initial session key = GetNewKeyFromSHA(StartKey, StartKey), then reduced (RFC 3079
  // §2.1-§2.3, §3.1-§3.3). `start` needs at least key_length(strength) octets (8 or 16);
  // extra octets are ignored. nullopt when it is shorter or libcrypto lacks SHA-1.
  static std::optional<MppeKeyChain> from_start_key(ByteView start, KeyStrength strength);
  // An explicit chain: `start` and the current `session` key, both key_length(strength)
  // octets (precondition, asserted).
  MppeKeyChain(Bytes start, Bytes session, KeyStrength strength);

  // RFC 3078 §7.3: InterimKey = GetNewKeyFromSHA(StartKey, SessionKey); SessionKey =
  // rc4(InterimKey, InterimKey); then the 40/56-bit reduction.
  void change();

  const Bytes& key() const { return session_; }
  KeyStrength strength() const { return strength_; }
  std::uint64_t changes() const { return changes_; }

 private:
  Bytes start_;
  Bytes session_;
  KeyStrength strength_;
  std::uint64_t changes_ = 0;
};

}  // namespace ts::endpoints::ppp
