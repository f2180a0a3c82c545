#include "dissectors/l2tp/l2tp_diagnostics.h"

namespace ts::l2tp::diag {

using K = DiagKind;
using S = Severity;

// --- header ---------------------------------------------------------------------------
const DiagnosticDef kHeaderVersionUnsupported{
    "l2tp.header.version_unsupported", K::note, S::info, "RFC 2661 §3.1",
    "Ver is not 2 (1 is L2F, 3 is L2TPv3 per RFC 3931): only the first 2 octets were decoded"};
const DiagnosticDef kHeaderReservedBits{"l2tp.header.reserved_bits", K::malformed, S::warning,
                                        "RFC 2661 §3.1",
                                        "reserved header bits MUST be sent as 0"};
const DiagnosticDef kHeaderControlFlags{
    "l2tp.header.control_flags", K::malformed, S::error, "RFC 2661 §3.1",
    "control messages MUST have L=1 and S=1, and O=0 and P=0"};
const DiagnosticDef kHeaderLengthMismatch{
    "l2tp.header.length_mismatch", K::malformed, S::error, "RFC 2661 §3.1",
    "Length is smaller than the header it is part of"};
const DiagnosticDef kHeaderTrailingBytes{
    "l2tp.header.trailing_bytes", K::malformed, S::warning, "RFC 2661 §3.1",
    "octets follow the end of the message given by Length"};

// --- AVPs ---------------------------------------------------------------------------
const DiagnosticDef kAvpLengthShort{"l2tp.avp.length_short", K::malformed, S::error,
                                    "RFC 2661 §4.1",
                                    "AVP Length is below the minimum of 6; the rest of the "
                                    "message cannot be parsed"};
const DiagnosticDef kAvpLengthOverrun{"l2tp.avp.length_overrun", K::malformed, S::error,
                                      "RFC 2661 §4.1",
                                      "AVP runs past the end of the message given by Length"};
const DiagnosticDef kAvpReservedBits{"l2tp.avp.reserved_bits", K::malformed, S::warning,
                                     "RFC 2661 §4.1",
                                     "AVP reserved bits MUST be 0; the AVP MUST be treated as "
                                     "unrecognized"};
const DiagnosticDef kAvpMandatoryUnknown{
    "l2tp.avp.mandatory_unknown", K::violation, S::error, "RFC 2661 §4.1",
    "unrecognized AVP with the M bit set: the session or tunnel MUST be terminated"};
const DiagnosticDef kAvpUnknown{"l2tp.avp.unknown", K::note, S::info, "RFC 2661 §4.1",
                                "unrecognized AVP without the M bit: ignored by the receiver"};
const DiagnosticDef kAvpBadValueLength{"l2tp.avp.bad_value_length", K::malformed, S::error,
                                       "RFC 2661 §4.4",
                                       "AVP value length is not one the AVP's format allows"};
const DiagnosticDef kAvpMandatoryBit{"l2tp.avp.m_bit_wrong", K::violation, S::warning,
                                     "RFC 2661 §4.4",
                                     "the M bit of this AVP MUST have the other value"};
const DiagnosticDef kAvpHiddenForbidden{"l2tp.avp.hidden_forbidden", K::violation, S::error,
                                        "RFC 2661 §4.4",
                                        "this AVP MUST NOT be hidden (H bit MUST be 0)"};
const DiagnosticDef kAvpHiddenWithoutRandomVector{
    "l2tp.avp.hidden_without_random_vector", K::violation, S::error, "RFC 2661 §4.3",
    "a Random Vector AVP MUST precede the first AVP with the H bit set"};
const DiagnosticDef kAvpHiddenNoSecret{"l2tp.avp.hidden_no_secret", K::note, S::info,
                                       "RFC 2661 §4.3",
                                       "hidden AVP left hidden: no shared secret was given"};
const DiagnosticDef kAvpHiddenBadLength{
    "l2tp.avp.hidden_bad_length", K::malformed, S::warning, "RFC 2661 §4.3",
    "unhidden Length of Original Value exceeds the hidden value (wrong secret?)"};
const DiagnosticDef kAvpValueReserved{"l2tp.avp.value_reserved_nonzero", K::malformed,
                                      S::warning, "RFC 2661 §4.4.5, §4.4.6, §6.0",
                                      "a reserved field inside an AVP value MUST be 0"};
const DiagnosticDef kAvpZeroId{"l2tp.avp.zero_id", K::malformed, S::error,
                               "RFC 2661 §4.4.3, §4.4.4",
                               "Assigned Tunnel ID and Assigned Session ID MUST be non-zero"};
const DiagnosticDef kAvpResultCodeReserved{"l2tp.avp.result_code_reserved", K::violation,
                                           S::warning, "RFC 2661 §4.4.2",
                                           "Result Code 0 is Reserved in StopCCN and CDN"};
const DiagnosticDef kAvpProtocolVersion{"l2tp.avp.protocol_version", K::violation, S::warning,
                                        "RFC 2661 §4.4.3",
                                        "Protocol Version AVP is not Ver 1 Rev 0"};

// --- messages ---------------------------------------------------------------------------
const DiagnosticDef kMsgMessageTypeNotFirst{
    "l2tp.msg.message_type_not_first", K::malformed, S::error, "RFC 2661 §4.4.1",
    "the Message Type AVP MUST be the first AVP in a message"};
const DiagnosticDef kMsgMessageTypeMissing{
    "l2tp.msg.message_type_missing", K::malformed, S::error, "RFC 2661 §4.4.1",
    "a control message with AVPs has no Message Type AVP"};
const DiagnosticDef kMsgUnknownType{
    "l2tp.msg.unknown_type", K::violation, S::error, "RFC 2661 §3.2, §4.4.1",
    "unknown or reserved message type with the M bit set: the tunnel MUST be cleared"};
const DiagnosticDef kMsgUnknownTypeIgnorable{
    "l2tp.msg.unknown_type_ignorable", K::note, S::info, "RFC 2661 §4.4.1",
    "unknown message type without the M bit: the receiver may ignore the message"};
const DiagnosticDef kMsgAvpMissing{"l2tp.msg.avp_missing", K::violation, S::error,
                                   "RFC 2661 §6", "an AVP that MUST be present is absent"};
const DiagnosticDef kMsgAvpUnexpected{"l2tp.msg.avp_unexpected", K::note, S::info,
                                      "RFC 2661 §6",
                                      "an AVP not listed for this message type is present"};
const DiagnosticDef kMsgHelloSessionNonzero{"l2tp.msg.hello_session_nonzero", K::violation,
                                            S::warning, "RFC 2661 §6.5",
                                            "the Session ID in a HELLO message MUST be 0"};
const DiagnosticDef kMsgInitialIdNonzero{
    "l2tp.msg.initial_id_nonzero", K::violation, S::warning, "RFC 2661 §4.4.3, §4.4.4",
    "an SCCRQ MUST carry Tunnel ID 0 and an ICRQ/OCRQ Session ID 0: no ID was assigned yet"};

namespace {
const DiagnosticDef* const kAllDefs[] = {
    &kHeaderVersionUnsupported, &kHeaderReservedBits, &kHeaderControlFlags,
    &kHeaderLengthMismatch, &kHeaderTrailingBytes, &kAvpLengthShort, &kAvpLengthOverrun,
    &kAvpReservedBits, &kAvpMandatoryUnknown, &kAvpUnknown, &kAvpBadValueLength,
    &kAvpMandatoryBit, &kAvpHiddenForbidden, &kAvpHiddenWithoutRandomVector,
    &kAvpHiddenNoSecret, &kAvpHiddenBadLength, &kAvpValueReserved, &kAvpZeroId, &kAvpResultCodeReserved,
    &kAvpProtocolVersion, &kMsgMessageTypeNotFirst, &kMsgMessageTypeMissing, &kMsgUnknownType,
    &kMsgUnknownTypeIgnorable, &kMsgAvpMissing, &kMsgAvpUnexpected, &kMsgHelloSessionNonzero,
    &kMsgInitialIdNonzero};
}  // namespace

std::span<const DiagnosticDef* const> all_defs() { return kAllDefs; }

namespace {
const ts::DiagnosticTable kRegister{all_defs()};
}  // namespace

}  // namespace ts::l2tp::diag
