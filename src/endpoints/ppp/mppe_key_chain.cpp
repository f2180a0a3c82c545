#include "src/endpoints/ppp/mppe_key_chain.h"

#include <cassert>
#include <utility>

namespace ts::endpoints::ppp {

namespace mppe = ts::ppp::mppe;

std::optional<MppeKeyChain> MppeKeyChain::from_start_key(ByteView start, KeyStrength strength) {
  const std::size_t len = mppe::key_length(strength);
  if (start.size() < len) return std::nullopt;
  const ByteView basis = start.first(len);
  // RFC 3079 §3.1: GetNewKeyFromSHA(MasterSendKey, MasterSendKey, 8, SendSessionKey), then
  // the reduction; §2.1-§2.3 use the same Get_Key for MS-CHAPv1.
  auto session = mppe::get_new_key_from_sha(basis, basis, len);
  if (!session) return std::nullopt;
  mppe::reduce_key_strength(*session, strength);
  return MppeKeyChain(Bytes(basis.begin(), basis.end()), std::move(*session), strength);
}

MppeKeyChain::MppeKeyChain(Bytes start, Bytes session, KeyStrength strength)
    : start_(std::move(start)), session_(std::move(session)), strength_(strength) {
  assert(start_.size() == mppe::key_length(strength_));
  assert(session_.size() == mppe::key_length(strength_));
}

void MppeKeyChain::change() {
  auto next = mppe::change_key(start_, session_, strength_);
  // Only a libcrypto without SHA-1 or RC4 fails here: the factories refuse to build a codec
  // then, and from_keys() states it as a precondition.
  assert(next.has_value());
  if (!next) return;
  session_ = std::move(*next);
  ++changes_;
}

}  // namespace ts::endpoints::ppp
