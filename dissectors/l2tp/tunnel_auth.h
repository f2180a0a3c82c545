#pragma once
// Tunnel authentication (RFC 2661 §5.1.1, §4.4.3 Challenge / Challenge Response): a
// CHAP-style response, MD5(ID || secret || challenge), where ID is the Message Type value
// of the message carrying the response (2 for SCCRP, 3 for SCCCN).
//
// Contract: pure, never throws; returns 16 octets.
#include <cstdint>
#include <string_view>

#include "src/core/bytes.h"

namespace ts::l2tp {

Bytes challenge_response(std::uint8_t message_type_value, std::string_view secret, ByteView challenge);

}  // namespace ts::l2tp
