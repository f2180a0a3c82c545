#pragma once
// Typed views of AVP values (RFC 2661 §4.4) and builders of AVPs to encode.
//
// Contract: parse_* take the cleartext value (Avp::value()) and return nullopt when its
// length does not fit the format; they never throw. make_avp_* return an Avp that owns its
// value (unhidden/unhidden_ok, see avp.h) with vendor 0; encode() computes Length.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dissectors/l2tp/avp.h"
#include "dissectors/l2tp/avp_table.h"
#include "src/core/bytes.h"

namespace ts::l2tp {

// RFC 2661 §4.4.2: Result Code, optional Error Code, optional Error Message.
struct ResultCode {
  std::uint16_t result = 0;
  std::optional<std::uint16_t> error;
  std::string message;  // present only with an error code
  bool operator==(const ResultCode&) const = default;
};
// RFC 2661 §4.4.4: Q.931 Cause Code, Cause Msg, optional Advisory Message.
struct Q931Cause {
  std::uint16_t cause = 0;
  std::uint8_t msg = 0;
  std::string advisory;
  bool operator==(const Q931Cause&) const = default;
};
// RFC 2661 §4.4.3: Ver 1, Rev 0 for RFC 2661.
struct ProtocolVersion {
  std::uint8_t ver = 1;
  std::uint8_t rev = 0;
  bool operator==(const ProtocolVersion&) const = default;
};
// RFC 2661 §4.4.3/§4.4.4: Framing Capabilities / Framing Type bits (A = 0x2, S = 0x1).
struct FramingBits {
  bool async = false;
  bool sync = false;
  std::uint32_t other = 0;  // reserved bits as received
};
// RFC 2661 §4.4.3/§4.4.4: Bearer Capabilities / Bearer Type bits (A = 0x2, D = 0x1).
struct BearerBits {
  bool analog = false;
  bool digital = false;
  std::uint32_t other = 0;
};
// RFC 2661 §4.4.6: Call Errors counters.
struct CallErrors {
  std::uint16_t reserved = 0;
  std::uint32_t crc = 0, framing = 0, hardware_overruns = 0, buffer_overruns = 0,
                timeout = 0, alignment = 0;
  bool operator==(const CallErrors&) const = default;
};
// RFC 2661 §4.4.6: ACCM.
struct Accm {
  std::uint16_t reserved = 0;
  std::uint32_t send = 0xffffffff, recv = 0xffffffff;
  bool operator==(const Accm&) const = default;
};

std::optional<std::uint16_t> parse_u16(ByteView v);
std::optional<std::uint32_t> parse_u32(ByteView v);
std::optional<std::uint64_t> parse_u64(ByteView v);
std::optional<ResultCode> parse_result_code(ByteView v);      // 2, 4 or 4+n octets
std::optional<Q931Cause> parse_q931_cause(ByteView v);        // 3+n octets
std::optional<ProtocolVersion> parse_protocol_version(ByteView v);
std::optional<FramingBits> parse_framing(ByteView v);
std::optional<BearerBits> parse_bearer(ByteView v);
std::optional<CallErrors> parse_call_errors(ByteView v);
std::optional<Accm> parse_accm(ByteView v);
// Proxy Authen ID (§4.4.5): the ID octet; the high octet is reserved (MUST be 0).
std::optional<std::uint8_t> parse_proxy_authen_id(ByteView v);

// Builders. `mandatory` is the M bit; AVPs defined with a fixed M value use it directly.
Avp make_avp(std::uint16_t type, ByteView value, bool mandatory);
Avp make_avp_u16(std::uint16_t type, std::uint16_t v, bool mandatory);
Avp make_avp_u32(std::uint16_t type, std::uint32_t v, bool mandatory);
Avp make_avp_u64(std::uint16_t type, std::uint64_t v, bool mandatory);
Avp make_avp_string(std::uint16_t type, std::string_view s, bool mandatory);
Avp make_avp_bytes(std::uint16_t type, ByteView b, bool mandatory);
Avp make_avp_vendor(std::uint16_t vendor_id, std::uint16_t type, ByteView value, bool mandatory);
Avp make_avp_message_type(std::uint16_t message_type);            // M=1 (§4.4.1)
Avp make_avp_result_code(const ResultCode& rc);                    // M=1 (§4.4.2)
Avp make_avp_q931_cause(const Q931Cause& c);                       // M=1 (§4.4.4)
Avp make_avp_protocol_version(ProtocolVersion pv = {});            // M=1 (§4.4.3)
Avp make_avp_framing(AvpType type, bool async, bool sync);         // caps or type, M=1
Avp make_avp_bearer(AvpType type, bool analog, bool digital);      // caps or type, M=1
Avp make_avp_call_errors(const CallErrors& e);                     // M=1 (§4.4.6)
Avp make_avp_accm(const Accm& a);                                  // M=1 (§4.4.6)
Avp make_avp_proxy_authen_id(std::uint8_t id);                     // M=0 (§4.4.5)
// Uses the table's M value (avp_table.h) for an IETF AVP; false for an unknown type.
bool table_mandatory(std::uint16_t type);

}  // namespace ts::l2tp
