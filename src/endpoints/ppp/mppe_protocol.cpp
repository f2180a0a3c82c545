#include "src/endpoints/ppp/mppe_protocol.h"

namespace ts::endpoints::ppp {

std::optional<Bytes> mppe_plaintext(Bytes decrypted, bool accept_pfc) {
  if (decrypted.empty()) return std::nullopt;
  // RFC 1661 §2: the first octet of a 2-octet Protocol field is even, so an odd first octet
  // is a compressed (1-octet) field.
  if ((decrypted[0] & 1) == 1) {
    if (!accept_pfc || !mppe_encrypts(decrypted[0])) return std::nullopt;
    decrypted.insert(decrypted.begin(), 0x00);
    return decrypted;
  }
  if (decrypted.size() < 2) return std::nullopt;
  const auto protocol = static_cast<std::uint16_t>((decrypted[0] << 8) | decrypted[1]);
  if (!mppe_encrypts(protocol)) return std::nullopt;
  return decrypted;
}

}  // namespace ts::endpoints::ppp
