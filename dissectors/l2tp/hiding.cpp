#include "dissectors/l2tp/hiding.h"

#include <openssl/evp.h>

#include <memory>

namespace ts::l2tp {

namespace {
constexpr std::size_t kBlock = 16;

// The MD5 chain of RFC 2661 §4.3, applied in place. `decipher` selects which side of each
// XOR feeds the next hash: the ciphertext block always does.
void md5_chain(std::uint16_t type, std::string_view secret, ByteView rv, Bytes& data, bool decipher) {
  const std::uint8_t type_be[2] = {static_cast<std::uint8_t>(type >> 8),
                                   static_cast<std::uint8_t>(type)};
  Bytes b = md5({ByteView{type_be}, as_bytes(secret), rv});
  for (std::size_t off = 0; off < data.size(); off += kBlock) {
    const std::size_t n = std::min(kBlock, data.size() - off);
    Bytes cipher_block(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t in = data[off + i];
      data[off + i] = static_cast<std::uint8_t>(in ^ b[i]);
      cipher_block[i] = decipher ? in : data[off + i];
    }
    if (off + kBlock < data.size()) b = md5({as_bytes(secret), ByteView{cipher_block}});
  }
}
}  // namespace

Bytes md5(std::initializer_list<ByteView> parts) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  bool ok = ctx && EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr) == 1;
  for (const auto& p : parts)
    ok = ok && EVP_DigestUpdate(ctx.get(), p.data(), p.size()) == 1;
  ok = ok && EVP_DigestFinal_ex(ctx.get(), out.data(), &len) == 1;
  out.resize(ok ? len : 16, 0);
  return out;
}

Bytes hide_value(std::uint16_t attribute_type, ByteView cleartext, std::string_view secret,
                 ByteView random_vector, ByteView padding) {
  Bytes sub;
  sub.reserve(2 + cleartext.size() + padding.size());
  sub.push_back(static_cast<std::uint8_t>(cleartext.size() >> 8));
  sub.push_back(static_cast<std::uint8_t>(cleartext.size()));
  sub.insert(sub.end(), cleartext.begin(), cleartext.end());
  sub.insert(sub.end(), padding.begin(), padding.end());
  md5_chain(attribute_type, secret, random_vector, sub, false);
  return sub;
}

std::optional<Bytes> unhide_value(std::uint16_t attribute_type, ByteView hidden,
                                  std::string_view secret, ByteView random_vector) {
  if (hidden.size() < 2) return std::nullopt;
  Bytes sub(hidden.begin(), hidden.end());
  md5_chain(attribute_type, secret, random_vector, sub, true);
  const std::size_t original = std::size_t{sub[0]} << 8 | sub[1];
  if (original > sub.size() - 2) return std::nullopt;
  return Bytes(sub.begin() + 2, sub.begin() + 2 + static_cast<std::ptrdiff_t>(original));
}

}  // namespace ts::l2tp
