#pragma once
// MS-CHAP fields carried inside CHAP packets (no crypto here; see mschap.h):
//   MS-CHAPv1 Response value (RFC 2433 §5): LM-Response 24, NT-Response 24, Use-NT flag 1.
//   MS-CHAPv2 Response value (RFC 2759 §4): Peer-Challenge 16, Reserved 8, NT-Response 24, Flags 1.
//   MS-CHAPv2 Success message (RFC 2759 §5): "S=<40 hex> M=<msg>".
//   MS-CHAP Failure message (RFC 2433 §6 / RFC 2759 §6): "E=e R=r C=<hex> V=v M=<msg>".
// Parsers never throw; a malformed text gives nullopt fields plus a diagnostic.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "src/core/bytes.h"
#include "src/core/decoded.h"
#include "src/core/name_table.h"

namespace ts::ppp {

inline constexpr std::size_t kMsChapResponseSize = 49;

struct MsChapV1Response {
  std::array<std::uint8_t, 24> lm_response{};
  std::array<std::uint8_t, 24> nt_response{};
  std::uint8_t use_nt = 0;  // 1: use the NT-Response
};

struct MsChapV2Response {
  std::array<std::uint8_t, 16> peer_challenge{};
  std::array<std::uint8_t, 8> reserved{};
  std::array<std::uint8_t, 24> nt_response{};
  std::uint8_t flags = 0;
};

struct MsChapV2Success {
  std::string authenticator_response;  // "S=" + 40 hex digits (42 chars), empty when absent
  std::string message;                 // after " M=", may be empty
};

struct MsChapFailure {
  std::optional<std::uint32_t> error;    // E=
  std::optional<bool> retry;             // R=
  Bytes challenge;                       // C= (16 octets for v2, 8 for v1), empty when absent
  std::optional<std::uint32_t> version;  // V=
  std::string message;                   // M=
};

// Error codes of E= (RFC 2433 §6, RFC 2759 §6): 691 -> "ERROR_AUTHENTICATION_FAILURE".
std::span<const CodeName> mschap_error_names();

// value must be 49 octets, else complete=false (shorter) or ppp.mschap.bad_response_size.
Decoded<MsChapV1Response> decode_mschap_v1_response(ByteView value);
// Also checks reserved == 0 and flags == 0 (RFC 2759 §4).
Decoded<MsChapV2Response> decode_mschap_v2_response(ByteView value);
Bytes encode_mschap_v1_response(const MsChapV1Response& r);
Bytes encode_mschap_v2_response(const MsChapV2Response& r);

Decoded<MsChapV2Success> parse_mschap_v2_success(std::string_view message);
// `v2`: C= must be 32 hex digits (RFC 2759 §6) instead of 16 (RFC 2433 §6).
Decoded<MsChapFailure> parse_mschap_failure(std::string_view message, bool v2);
std::string format_mschap_failure(const MsChapFailure& f);
std::string format_mschap_v2_success(const MsChapV2Success& s);

// True when `value` looks like an MS-CHAPv2 Response (8 zero reserved octets after a
// non-zero peer challenge); used when LCP did not tell the algorithm.
bool looks_like_mschap_v2_response(ByteView value);

}  // namespace ts::ppp
