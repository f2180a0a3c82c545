#pragma once
// Hash and cipher primitives for MS-CHAP and MPPE, via OpenSSL 3 libcrypto.
// MD4, DES and RC4 live in OpenSSL's "legacy" provider: a private OSSL_LIB_CTX with the
// "legacy" and "default" providers is created once (thread-safe function-local static),
// so the process-wide default context is left untouched.
// Every function returns nullopt / empty when the primitive is unavailable.
#include <array>
#include <cstdint>
#include <optional>

#include "src/core/bytes.h"

namespace ts::ppp::crypto {

// True when MD4, DES-ECB, RC4, MD5 and SHA-1 could all be fetched.
bool available();

std::optional<std::array<std::uint8_t, 16>> md4(ByteView data);
std::optional<std::array<std::uint8_t, 16>> md5(ByteView data);
std::optional<std::array<std::uint8_t, 20>> sha1(ByteView data);
// One 8-octet block, DES-ECB, parity bits of key ignored.
std::optional<std::array<std::uint8_t, 8>> des_ecb_encrypt(const std::array<std::uint8_t, 8>& key,
                                                          const std::array<std::uint8_t, 8>& block);
// RC4 keystream XOR data with a key of any length 1..256.
std::optional<Bytes> rc4(ByteView key, ByteView data);

}  // namespace ts::ppp::crypto
