#pragma once
// L2TPv2 (RFC 2661) diagnostics: every finding the L2TP codec can report, as data.
//
// Contract: ids are stable and never reused; each def names its RFC clause. The table is
// registered with ts::all_diagnostic_defs() at static initialisation (l2tp_diagnostics.cpp).
// Codecs refer to the defs below by reference: add_diag(diags, diag::kAvpLengthShort, ...).
#include <span>

#include "src/core/diagnostic.h"

namespace ts::l2tp::diag {

// Header (RFC 2661 §3.1)
extern const DiagnosticDef kHeaderVersionUnsupported;  // l2tp.header.version_unsupported
extern const DiagnosticDef kHeaderReservedBits;        // l2tp.header.reserved_bits
extern const DiagnosticDef kHeaderControlFlags;        // l2tp.header.control_flags
extern const DiagnosticDef kHeaderLengthMismatch;      // l2tp.header.length_mismatch
extern const DiagnosticDef kHeaderTrailingBytes;       // l2tp.header.trailing_bytes
// AVP format (RFC 2661 §4.1, §4.3, §4.4)
extern const DiagnosticDef kAvpLengthShort;            // l2tp.avp.length_short
extern const DiagnosticDef kAvpLengthOverrun;          // l2tp.avp.length_overrun
extern const DiagnosticDef kAvpReservedBits;           // l2tp.avp.reserved_bits
extern const DiagnosticDef kAvpMandatoryUnknown;       // l2tp.avp.mandatory_unknown
extern const DiagnosticDef kAvpUnknown;                // l2tp.avp.unknown
extern const DiagnosticDef kAvpBadValueLength;         // l2tp.avp.bad_value_length
extern const DiagnosticDef kAvpMandatoryBit;           // l2tp.avp.m_bit_wrong
extern const DiagnosticDef kAvpHiddenForbidden;        // l2tp.avp.hidden_forbidden
extern const DiagnosticDef kAvpHiddenWithoutRandomVector;  // l2tp.avp.hidden_without_random_vector
extern const DiagnosticDef kAvpHiddenNoSecret;         // l2tp.avp.hidden_no_secret
extern const DiagnosticDef kAvpHiddenBadLength;        // l2tp.avp.hidden_bad_length
extern const DiagnosticDef kAvpValueReserved;          // l2tp.avp.value_reserved_nonzero
extern const DiagnosticDef kAvpZeroId;                 // l2tp.avp.zero_id
extern const DiagnosticDef kAvpResultCodeReserved;     // l2tp.avp.result_code_reserved
extern const DiagnosticDef kAvpProtocolVersion;        // l2tp.avp.protocol_version
// Messages (RFC 2661 §3.2, §4.4.1, §6)
extern const DiagnosticDef kMsgMessageTypeNotFirst;    // l2tp.msg.message_type_not_first
extern const DiagnosticDef kMsgMessageTypeMissing;     // l2tp.msg.message_type_missing
extern const DiagnosticDef kMsgUnknownType;            // l2tp.msg.unknown_type
extern const DiagnosticDef kMsgUnknownTypeIgnorable;   // l2tp.msg.unknown_type_ignorable
extern const DiagnosticDef kMsgAvpMissing;             // l2tp.msg.avp_missing
extern const DiagnosticDef kMsgAvpUnexpected;          // l2tp.msg.avp_unexpected
extern const DiagnosticDef kMsgHelloSessionNonzero;    // l2tp.msg.hello_session_nonzero
extern const DiagnosticDef kMsgInitialIdNonzero;       // l2tp.msg.initial_id_nonzero

// Every def above, in declaration order (for docs and tests).
std::span<const DiagnosticDef* const> all_defs();

}  // namespace ts::l2tp::diag
