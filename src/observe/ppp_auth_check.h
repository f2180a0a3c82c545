#pragma once
// Checks of authentication values against a password the user supplied (--ppp-password).
// Pure functions over the codecs' crypto; nullopt when a check cannot be made (missing
// parts, unsupported algorithm).
#include <optional>
#include <string_view>

#include "src/core/bytes.h"

namespace ts::observe {

// RFC 1994 §4.1: Response = MD5(Identifier || secret || Challenge).
std::optional<bool> verify_chap_md5(std::uint8_t id, std::string_view password, ByteView challenge, ByteView response);
// RFC 2759 §8.1: the peer's NT-Response.
std::optional<bool> verify_mschap_v2_response(ByteView authenticator_challenge, ByteView peer_challenge,
                                              std::string_view user, std::string_view password,
                                              ByteView nt_response);
// RFC 2759 §8.7: the authenticator's "S=..." string.
std::optional<bool> verify_mschap_v2_authenticator(ByteView authenticator_challenge, ByteView peer_challenge,
                                                   std::string_view user, std::string_view password,
                                                   ByteView nt_response, std::string_view s_response);
// RFC 2433 §A: the MS-CHAPv1 NT response to an 8-octet challenge.
std::optional<bool> verify_mschap_v1_response(ByteView challenge, std::string_view password, ByteView nt_response);

}  // namespace ts::observe
