#pragma once
// PPTP control-message diagnostics (ids "pptp.<area>.<what>", never reused). The table is
// registered with ts::all_diagnostic_defs() by diagnostics.cpp.
#include <span>

#include "src/core/diagnostic.h"

namespace ts::pptp {

namespace diag {
extern const DiagnosticDef kBadMagic;               // pptp.header.bad_magic
extern const DiagnosticDef kBadLength;              // pptp.header.bad_length
extern const DiagnosticDef kBadMessageType;         // pptp.header.bad_message_type
extern const DiagnosticDef kHeaderReservedNonzero;  // pptp.header.reserved_nonzero
extern const DiagnosticDef kUnknownType;            // pptp.msg.unknown_type
extern const DiagnosticDef kBadProtocolVersion;     // pptp.msg.bad_protocol_version
extern const DiagnosticDef kReservedNonzero;        // pptp.msg.reserved_nonzero
extern const DiagnosticDef kUnknownResult;          // pptp.msg.unknown_result
extern const DiagnosticDef kUnknownErrorCode;       // pptp.msg.unknown_error_code
extern const DiagnosticDef kErrorWithoutGeneral;    // pptp.msg.error_without_general_error
extern const DiagnosticDef kBadBearerType;          // pptp.msg.bad_bearer_type
extern const DiagnosticDef kBadFramingType;         // pptp.msg.bad_framing_type
extern const DiagnosticDef kNumberLengthTooLong;    // pptp.msg.number_length_too_long
extern const DiagnosticDef kTextPaddingNonzero;     // pptp.msg.text_padding_nonzero
}  // namespace diag

// Every PPTP DiagnosticDef, for docs and tests.
std::span<const DiagnosticDef* const> pptp_diagnostics();

}  // namespace ts::pptp
