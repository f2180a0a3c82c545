#include "dissectors/ppp/crypto_primitives.h"

#include <algorithm>
#include <memory>

#include <openssl/evp.h>
#include <openssl/provider.h>

namespace ts::ppp::crypto {
namespace {

struct Lib {
  OSSL_LIB_CTX* ctx = nullptr;
  EVP_MD* md4 = nullptr;
  EVP_MD* md5 = nullptr;
  EVP_MD* sha1 = nullptr;
  EVP_CIPHER* des = nullptr;
  EVP_CIPHER* rc4 = nullptr;

  Lib() {
    ctx = OSSL_LIB_CTX_new();
    if (ctx == nullptr) return;
    // Both providers are needed: "legacy" for MD4/DES/RC4, "default" for MD5/SHA-1.
    OSSL_PROVIDER_load(ctx, "legacy");
    OSSL_PROVIDER_load(ctx, "default");
    md4 = EVP_MD_fetch(ctx, "MD4", nullptr);
    md5 = EVP_MD_fetch(ctx, "MD5", nullptr);
    sha1 = EVP_MD_fetch(ctx, "SHA1", nullptr);
    des = EVP_CIPHER_fetch(ctx, "DES-ECB", nullptr);
    rc4 = EVP_CIPHER_fetch(ctx, "RC4", nullptr);
  }
  // Lives for the whole process; freeing at exit would race other static destructors.
};

const Lib& lib() {
  static const Lib* l = new Lib();  // function-local static: initialised once, thread-safely
  return *l;
}

template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> digest(const EVP_MD* md, ByteView data) {
  if (md == nullptr) return std::nullopt;
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> buf{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), buf.data(), &len, md, nullptr) != 1 || len != N) return std::nullopt;
  std::array<std::uint8_t, N> out{};
  std::copy_n(buf.begin(), N, out.begin());
  return out;
}

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

}  // namespace

bool available() {
  const Lib& l = lib();
  return l.md4 && l.md5 && l.sha1 && l.des && l.rc4;
}

std::optional<std::array<std::uint8_t, 16>> md4(ByteView data) { return digest<16>(lib().md4, data); }
std::optional<std::array<std::uint8_t, 16>> md5(ByteView data) { return digest<16>(lib().md5, data); }
std::optional<std::array<std::uint8_t, 20>> sha1(ByteView data) { return digest<20>(lib().sha1, data); }

std::optional<std::array<std::uint8_t, 8>> des_ecb_encrypt(const std::array<std::uint8_t, 8>& key,
                                                          const std::array<std::uint8_t, 8>& block) {
  if (lib().des == nullptr) return std::nullopt;
  std::unique_ptr<EVP_CIPHER_CTX, CtxFree> c(EVP_CIPHER_CTX_new());
  if (!c || EVP_EncryptInit_ex2(c.get(), lib().des, key.data(), nullptr, nullptr) != 1) return std::nullopt;
  EVP_CIPHER_CTX_set_padding(c.get(), 0);
  std::array<std::uint8_t, 16> out{};
  int len = 0;
  if (EVP_EncryptUpdate(c.get(), out.data(), &len, block.data(), 8) != 1 || len != 8) return std::nullopt;
  std::array<std::uint8_t, 8> r{};
  std::copy_n(out.begin(), 8, r.begin());
  return r;
}

std::optional<Bytes> rc4(ByteView key, ByteView data) {
  if (lib().rc4 == nullptr || key.empty() || key.size() > 256) return std::nullopt;
  std::unique_ptr<EVP_CIPHER_CTX, CtxFree> c(EVP_CIPHER_CTX_new());
  if (!c || EVP_EncryptInit_ex2(c.get(), lib().rc4, nullptr, nullptr, nullptr) != 1) return std::nullopt;
  if (EVP_CIPHER_CTX_set_key_length(c.get(), static_cast<int>(key.size())) != 1) return std::nullopt;
  if (EVP_EncryptInit_ex2(c.get(), nullptr, key.data(), nullptr, nullptr) != 1) return std::nullopt;
  Bytes out(data.size() + 16);
  int len = 0;
  if (EVP_EncryptUpdate(c.get(), out.data(), &len, data.data(), static_cast<int>(data.size())) != 1) return std::nullopt;
  out.resize(static_cast<std::size_t>(len));
  return out;
}

}  // namespace ts::ppp::crypto
