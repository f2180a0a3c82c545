#pragma once
// build_pptp_message(): the bytes of one PPTP control message a script asks for (RFC 2637
// §1.4, §2), from a canonical body and the script's KEY=VALUE fields.
//
// `name` is a Control Message Type abbreviation (SCCRQ ... SLI, pptp_wire_message.h);
// `defaults` is the body a correct sender would send (the script peer fills it from the
// conversation so far); each field then sets the body field of the same name (the names
// pptp_wire_message() shows: protocol_version, identifier, call_id, peer_call_id,
// result_code, host_name ...), numbers in decimal or 0x hex, checked against the field's
// width. Setting phone_number / dialed_number / dialing_number also sets its length field
// unless the script sets that too.
// Header fields break the framing and are accepted only as deliberate (`!`) fields:
// !length=N (the message is cut or zero-padded to N octets when N >= 12; below 12 only the
// field is written), !pptp_message_type, !magic_cookie, !control_message_type, !reserved0.
// Errors (unknown name or key, bad value, a header field without `!`) name the field.
#include <string>
#include <vector>

#include "conformance/engine/matcher.h"
#include "dissectors/pptp/message.h"
#include "src/core/bytes.h"
#include "src/core/result.h"

namespace ts::conformance {

// The body of an abbreviation, all fields zero; error for an unknown name.
Result<pptp::Body> pptp_body(const std::string& name);

Result<Bytes> build_pptp_message(pptp::Body defaults, const std::vector<ResolvedField>& fields);

}  // namespace ts::conformance
