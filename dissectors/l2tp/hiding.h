#pragma once
// AVP hiding (RFC 2661 §4.3): the Hidden AVP Subformat (2-octet original length, value,
// padding) XORed with an MD5 chain:
//   b1 = MD5(attribute type (2 octets) + secret + random vector),  c1 = p1 xor b1
//   bi = MD5(secret + c(i-1)),                                       ci = pi xor bi
// The last block may be short; only the octets present are XORed.
//
// Contract: pure functions, no state, never throw. Also exposes the MD5 helper that tunnel
// authentication shares (OpenSSL EVP).
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "src/core/bytes.h"

namespace ts::l2tp {

// MD5 over the concatenation of the parts (16 octets).
Bytes md5(std::initializer_list<ByteView> parts);

// Builds the subformat (length, cleartext, padding) and ciphers it.
Bytes hide_value(std::uint16_t attribute_type, ByteView cleartext, std::string_view secret,
                 ByteView random_vector, ByteView padding = {});

// Deciphers and strips the length and the padding. nullopt when the hidden value is shorter
// than 2 octets or its Length of Original Value exceeds the octets present (wrong secret
// or a malformed AVP).
std::optional<Bytes> unhide_value(std::uint16_t attribute_type, ByteView hidden,
                                  std::string_view secret, ByteView random_vector);

}  // namespace ts::l2tp
