#pragma once
// MS-CHAP and CHAP-MD5 response computations (pure functions over libcrypto):
//   RFC 2759 §8 (MS-CHAPv2): NtPasswordHash, HashNtPasswordHash, ChallengeHash,
//     ChallengeResponse, GenerateNTResponse, GenerateAuthenticatorResponse, CheckAuthenticatorResponse;
//   RFC 2433 §A (MS-CHAPv1): NtChallengeResponse;
//   RFC 1994 §4.1 (CHAP-MD5): MD5(Identifier || secret || Challenge).
// Passwords are UTF-8 and converted to UTF-16LE ("unicode" in the RFCs). Inputs of the
// wrong size give nullopt, as does a missing libcrypto primitive (crypto::available()).
// User names: pass the name as sent in the Response; mschap_user_name() strips "DOMAIN\".
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "src/core/bytes.h"

namespace ts::ppp::mschap {

using Hash16 = std::array<std::uint8_t, 16>;
using Challenge8 = std::array<std::uint8_t, 8>;
using Response24 = std::array<std::uint8_t, 24>;
using DesKey8 = std::array<std::uint8_t, 8>;

// UTF-8 to UTF-16LE; invalid sequences become U+FFFD.
Bytes utf16le(std::string_view utf8);
// RFC 2759 §8.2: only the user name, without any "DOMAIN\" prefix, enters ChallengeHash.
std::string_view mschap_user_name(std::string_view name);
// RFC 2759 §8.6 / §9.3: 7 key octets spread over 8 with odd parity in each LSB.
DesKey8 des_key_from_7(const std::array<std::uint8_t, 7>& raw);

std::optional<Hash16> nt_password_hash(std::string_view password_utf8);          // §8.3
std::optional<Hash16> hash_nt_password_hash(const Hash16& password_hash);        // §8.4
// §8.2: SHA1(PeerChallenge16 || AuthenticatorChallenge16 || UserName)[0..8].
std::optional<Challenge8> challenge_hash(ByteView peer_challenge, ByteView authenticator_challenge,
                                         std::string_view user_name);
// §8.5: three DES encryptions of the challenge with the zero-padded 21-octet hash.
std::optional<Response24> challenge_response(const Challenge8& challenge, const Hash16& password_hash);
// §8.1
std::optional<Response24> generate_nt_response(ByteView authenticator_challenge, ByteView peer_challenge,
                                               std::string_view user_name, std::string_view password_utf8);
// §8.7: "S=" + 40 uppercase hex digits.
std::optional<std::string> generate_authenticator_response(std::string_view password_utf8, ByteView nt_response,
                                                           ByteView peer_challenge, ByteView authenticator_challenge,
                                                           std::string_view user_name);
// §8.8: compares (case-insensitively for the hex digits) against `received` ("S=...").
bool check_authenticator_response(std::string_view password_utf8, ByteView nt_response, ByteView peer_challenge,
                                  ByteView authenticator_challenge, std::string_view user_name,
                                  std::string_view received);

// RFC 2433 §A.5: MS-CHAPv1 NT response to an 8-octet challenge.
std::optional<Response24> nt_challenge_response(ByteView challenge8, std::string_view password_utf8);

// RFC 2433 §A.2: LAN Manager hash of the upper-cased password (first 14 octets, ASCII/OEM).
std::optional<Hash16> lm_password_hash(std::string_view password);
// RFC 2433 §A.1: MS-CHAPv1 LM response.
std::optional<Response24> lm_challenge_response(ByteView challenge8, std::string_view password);

// RFC 1994 §4.1: CHAP-MD5 Response Value.
std::optional<Hash16> chap_md5_response(std::uint8_t identifier, ByteView secret, ByteView challenge);

}  // namespace ts::ppp::mschap
