#include "dissectors/pptp/diagnostics.h"

#include <array>

namespace ts::pptp {
namespace diag {

const DiagnosticDef kBadMagic{"pptp.header.bad_magic", DiagKind::malformed, Severity::error, "RFC 2637 §1.4",
                              "Magic Cookie is not 0x1A2B3C4D (stream out of sync; the connection must close)"};
const DiagnosticDef kBadLength{"pptp.header.bad_length", DiagKind::malformed, Severity::error,
                               "RFC 2637 §2.1-§2.15",
                               "Length differs from the fixed size of this Control Message Type"};
const DiagnosticDef kBadMessageType{"pptp.header.bad_message_type", DiagKind::malformed, Severity::error,
                                    "RFC 2637 §1.4",
                                    "PPTP Message Type is not 1 (Control Message); management messages are "
                                    "not defined"};
const DiagnosticDef kHeaderReservedNonzero{"pptp.header.reserved_nonzero", DiagKind::malformed,
                                           Severity::warning, "RFC 2637 §2",
                                           "Reserved0 MUST be 0"};
const DiagnosticDef kUnknownType{"pptp.msg.unknown_type", DiagKind::malformed, Severity::warning,
                                 "RFC 2637 §1.4", "Control Message Type is not one of 1-15"};
const DiagnosticDef kBadProtocolVersion{"pptp.msg.bad_protocol_version", DiagKind::note, Severity::warning,
                                        "RFC 2637 §1.4",
                                        "Protocol Version is not 0x0100 (version 1, revision 0)"};
const DiagnosticDef kReservedNonzero{"pptp.msg.reserved_nonzero", DiagKind::malformed, Severity::warning,
                                     "RFC 2637 §2", "a Reserved field of the message body MUST be 0"};
const DiagnosticDef kUnknownResult{"pptp.msg.unknown_result", DiagKind::malformed, Severity::warning,
                                   "RFC 2637 §2.2-§2.13",
                                   "Result Code (or StopCCRQ Reason) is not defined for this message"};
const DiagnosticDef kUnknownErrorCode{"pptp.msg.unknown_error_code", DiagKind::malformed, Severity::warning,
                                      "RFC 2637 §2.16", "Error Code is not a defined General Error Code (0-6)"};
const DiagnosticDef kErrorWithoutGeneral{"pptp.msg.error_without_general_error", DiagKind::violation,
                                         Severity::warning, "RFC 2637 §2.2",
                                         "Error Code is set to 0 unless Result Code is 2 (General Error)"};
const DiagnosticDef kBadBearerType{"pptp.msg.bad_bearer_type", DiagKind::malformed, Severity::warning,
                                   "RFC 2637 §2.7, §2.9", "Bearer Type is not a defined value"};
const DiagnosticDef kBadFramingType{"pptp.msg.bad_framing_type", DiagKind::malformed, Severity::warning,
                                    "RFC 2637 §2.7, §2.11", "Framing Type is not a defined value"};
const DiagnosticDef kNumberLengthTooLong{"pptp.msg.number_length_too_long", DiagKind::malformed,
                                         Severity::warning, "RFC 2637 §2.7, §2.9",
                                         "a number length exceeds its 64-octet field"};
const DiagnosticDef kTextPaddingNonzero{"pptp.msg.text_padding_nonzero", DiagKind::malformed, Severity::info,
                                        "RFC 2637 §2.1",
                                        "octets after the text of a fixed-size field SHOULD be 0"};

}  // namespace diag

namespace {
constexpr std::array<const DiagnosticDef*, 14> kAllDefs{
    &diag::kBadMagic,           &diag::kBadLength,        &diag::kBadMessageType,
    &diag::kHeaderReservedNonzero, &diag::kUnknownType,   &diag::kBadProtocolVersion,
    &diag::kReservedNonzero,    &diag::kUnknownResult,    &diag::kUnknownErrorCode,
    &diag::kErrorWithoutGeneral, &diag::kBadBearerType,   &diag::kBadFramingType,
    &diag::kNumberLengthTooLong, &diag::kTextPaddingNonzero,
};
const ts::DiagnosticTable kRegister{kAllDefs};
}  // namespace

std::span<const DiagnosticDef* const> pptp_diagnostics() { return kAllDefs; }

}  // namespace ts::pptp
