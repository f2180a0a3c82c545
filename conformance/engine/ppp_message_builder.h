#pragma once
// build_ppp_control(): the PPP frame (FF 03, Protocol, Information; RFC 1661 §2, §5) of one
// LCP or IPCP packet a script asks for, from what a correct sender would put there
// (`defaults`, filled by the script peer from the conversation) and the script's fields:
//   id=N                 the Identifier (default: defaults.identifier);
//   option keys          Configure-Request/Ack/Nak/Reject only: the options of
//                        ppp_option_keys() (mru=1500 magic=0x01020304 auth=chap-md5 pfc=on
//                        address=192.0.2.2 ...) in the script's order; opt<N>=HEX for any
//                        other type (a type the codec does not know only as !opt<N>=HEX, a
//                        deliberate unknown option, RFC 1661 §5.4). Naming any option
//                        replaces defaults.options;
//   magic=N data=HEX     Echo-Request/-Reply, Discard-Request (magic default
//                        defaults.magic); data also for Terminate-Request/-Ack;
//   rejected=HEX         Code-Reject (the rejected packet) and Protocol-Reject (with
//                        rejected_protocol=N, the Rejected-Information);
//   !length=N !code=N    deliberate malformations: the Length field, or the Code octet
//                        (an unknown Code, RFC 1661 §5.6), written after encoding.
// Errors (unknown key, bad value, a malformation without `!`) name the field.
// build_ppp_frame(): FRAME protocol=N info=HEX, any protocol (e.g. one the device does not
// run, RFC 1661 §5.7).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "conformance/engine/matcher.h"
#include "src/core/bytes.h"
#include "src/core/result.h"

namespace ts::conformance {

struct PppControlDefaults {
  std::uint8_t identifier = 0;
  std::vector<std::pair<std::uint8_t, Bytes>> options;  // type, data
  std::uint32_t magic = 0;
};

// "LCP.ConfReq" -> (0xC021, 1); error for a name that is not PROTOCOL.CODE of
// ppp_code_names().
Result<std::pair<std::uint16_t, std::uint8_t>> ppp_message_code(const std::string& name);

Result<Bytes> build_ppp_control(std::uint16_t protocol, std::uint8_t code, PppControlDefaults defaults,
                                const std::vector<ResolvedField>& fields);
Result<Bytes> build_ppp_frame(const std::vector<ResolvedField>& fields);

}  // namespace ts::conformance
