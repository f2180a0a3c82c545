#pragma once
// CHAP packets (RFC 1994 §4) with the MS-CHAP interpretations (RFC 2433, RFC 2759):
//   1 Challenge / 2 Response: Value-Size(1) Value Name;  3 Success / 4 Failure: Message.
//   MS-CHAP adds 5/6 Change-Password v1/v2 (RFC 2433 §7) and 7 Change-Password (RFC 2759 §7),
//   decoded as raw data.
// The algorithm comes from LCP's Authentication-Protocol option as a hint; when unknown,
// decode_chap() guesses: a 49-octet Response is MS-CHAP (v2 when its reserved octets are
// zero), a Success starting "S=" + 40 hex is MS-CHAPv2, a Failure starting "E=" is MS-CHAP.
// `algorithm` in the result says what was used. Views point into the decoded buffer.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "dissectors/ppp/mschap_messages.h"
#include "src/core/bytes.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"
#include "src/core/name_table.h"

namespace ts::ppp {

enum class ChapAlgorithm : std::uint8_t { unknown, md5, mschap_v1, mschap_v2 };

// From the LCP Authentication-Protocol algorithm octet (5, 0x80, 0x81); unknown otherwise.
ChapAlgorithm chap_algorithm_from_lcp(std::uint8_t algorithm);
std::string_view to_string(ChapAlgorithm a);  // "MD5", "MS-CHAPv1", "MS-CHAPv2", "unknown"

namespace chap_code {
inline constexpr std::uint8_t kChallenge = 1;
inline constexpr std::uint8_t kResponse = 2;
inline constexpr std::uint8_t kSuccess = 3;
inline constexpr std::uint8_t kFailure = 4;
inline constexpr std::uint8_t kChangePasswordV1 = 5;  // MS-CHAPv1, RFC 2433 §7
inline constexpr std::uint8_t kChangePasswordV2 = 6;  // MS-CHAPv1, RFC 2433 §7
inline constexpr std::uint8_t kChangePassword = 7;    // MS-CHAPv2, RFC 2759 §7
}  // namespace chap_code

struct ChapPacket {
  std::uint8_t code = 0;
  std::uint8_t identifier = 0;
  std::uint16_t length = 0;  // as on the wire (decode); recomputed by encode
  ByteView value;            // Challenge / Response
  ByteView name;             // Challenge / Response
  ByteView message;          // Success / Failure; raw data of other codes
  ChapAlgorithm algorithm = ChapAlgorithm::unknown;  // hint or guess used to interpret
  std::optional<MsChapV1Response> mschap_v1;  // Response under MS-CHAPv1
  std::optional<MsChapV2Response> mschap_v2;  // Response under MS-CHAPv2
  std::optional<MsChapV2Success> success;     // Success under MS-CHAPv2
  std::optional<MsChapFailure> failure;       // Failure under MS-CHAP v1/v2
};

std::span<const CodeName> chap_code_names();
Decoded<ChapPacket> decode_chap(ByteView info, ChapAlgorithm hint = ChapAlgorithm::unknown);
// Writes value/name/message as given (the MS-CHAP optionals are not re-encoded: build
// `value` with encode_mschap_v2_response() and friends).
Bytes encode_chap(const ChapPacket& packet);
// "CHAP Response id=7 MS-CHAPv2 name=\"User\" peer-challenge=2140..." etc.
std::string chap_summary(const ChapPacket& packet);
inline std::string summarize(const ChapPacket& packet) { return chap_summary(packet); }
void describe(const ChapPacket& packet, Field& layer);

}  // namespace ts::ppp
