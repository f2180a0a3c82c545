#include "dissectors/ppp/ppp_diagnostics.h"

namespace ts::ppp::diag {

using K = DiagKind;
using S = Severity;

const DiagnosticDef kFrameBadProtocolField{"ppp.frame.bad_protocol_field", K::malformed, S::error,
    "RFC 1661 §2", "Protocol field: least significant octet must have LSB 1, most significant octet LSB 0"};
const DiagnosticDef kFrameBadControlField{"ppp.frame.bad_control_field", K::malformed, S::error,
    "RFC 1662 §3.1", "Address 0xFF must be followed by Control 0x03"};
const DiagnosticDef kFrameLcpWithoutAddressControl{"ppp.frame.lcp_without_address_control", K::violation,
    S::warning, "RFC 1661 §6.6", "LCP packets must be sent with Address and Control fields"};

const DiagnosticDef kHdlcBadFcs{"ppp.hdlc.bad_fcs", K::malformed, S::error, "RFC 1662 §3.1 / §C.2",
    "Frame Check Sequence does not verify"};
const DiagnosticDef kHdlcAborted{"ppp.hdlc.aborted", K::note, S::info, "RFC 1662 §4.3",
    "Frame aborted by the sender (Control Escape followed by Flag)"};
const DiagnosticDef kHdlcOversize{"ppp.hdlc.oversize", K::note, S::warning, "",
    "Frame exceeds the deframer's maximum size (a tool limit) and was dropped"};
const DiagnosticDef kHdlcShortFrame{"ppp.hdlc.short_frame", K::note, S::info, "RFC 1662 §4.3",
    "Frame shorter than 4 octets (16-bit FCS) is silently discarded"};

const DiagnosticDef kControlLengthTooShort{"ppp.control.length_too_short", K::malformed, S::error,
    "RFC 1661 §5", "Length field smaller than the 4-octet header"};
const DiagnosticDef kControlPadding{"ppp.control.padding", K::note, S::info, "RFC 1661 §5",
    "Octets beyond the Length field are padding and are ignored"};
const DiagnosticDef kControlUnknownCode{"ppp.control.unknown_code", K::note, S::warning, "RFC 1661 §5.6",
    "Unknown Code; the receiver must answer with Code-Reject"};
const DiagnosticDef kControlBodyTooShort{"ppp.control.body_too_short", K::malformed, S::error,
    "RFC 1661 §5.7-§5.9 / RFC 1570 §1", "Length field too small for the fixed fields of this Code"};
const DiagnosticDef kOptionLengthTooShort{"ppp.option.length_too_short", K::malformed, S::error,
    "RFC 1661 §6", "Configuration Option Length below 2; the rest of the options is unparsable"};
const DiagnosticDef kOptionTruncated{"ppp.option.truncated", K::malformed, S::error, "RFC 1661 §6",
    "Configuration Option runs past the end of the packet (Length field)"};
const DiagnosticDef kOptionBadLength{"ppp.option.bad_length", K::malformed, S::error, "RFC 1661 §6",
    "Configuration Option Length differs from the length its specification requires"};
const DiagnosticDef kOptionUnknown{"ppp.option.unknown", K::note, S::info, "RFC 1661 §5.4",
    "Unrecognised Configuration Option; a Configure-Reject is expected"};
const DiagnosticDef kLcpZeroMagic{"ppp.lcp.zero_magic", K::violation, S::error, "RFC 1661 §6.4",
    "A Magic-Number of zero is illegal and must be Nak'd"};
const DiagnosticDef kLcpMruSmall{"ppp.lcp.mru_small", K::note, S::info, "RFC 1661 §6.1",
    "MRU below 1500 octets (allowed, but peers must be able to receive 1500)"};
const DiagnosticDef kCcpMppeReservedBits{"ppp.ccp.mppe_reserved_bits", K::malformed, S::error,
    "RFC 3078 §2", "MPPE/MPPC Supported Bits: reserved bits must be 0"};
const DiagnosticDef kCcpMppeObsoleteD{"ppp.ccp.mppe_obsolete_d", K::note, S::warning, "RFC 3078 §2",
    "Obsolete MPPE 'D' bit offered; it should not be accepted"};

const DiagnosticDef kPapLengthTooShort{"ppp.pap.length_too_short", K::malformed, S::error,
    "RFC 1334 §2.2", "PAP Length field too small for the header and the length octets the packet must carry"};
const DiagnosticDef kPapFieldOverrun{"ppp.pap.field_overrun", K::malformed, S::error, "RFC 1334 §2.2",
    "Peer-ID, Password or Message length runs past the Length field"};
const DiagnosticDef kPapUnknownCode{"ppp.pap.unknown_code", K::malformed, S::warning, "RFC 1334 §2.2",
    "Unknown PAP Code"};
const DiagnosticDef kPapPadding{"ppp.pap.padding", K::note, S::info, "RFC 1334 §2.2",
    "Octets beyond the PAP Length field are padding"};

const DiagnosticDef kChapLengthTooShort{"ppp.chap.length_too_short", K::malformed, S::error,
    "RFC 1994 §4", "CHAP Length field smaller than the 4-octet header"};
const DiagnosticDef kChapBadValueSize{"ppp.chap.bad_value_size", K::malformed, S::error, "RFC 1994 §4.1",
    "Value-Size is zero or runs past the Length field"};
const DiagnosticDef kChapUnknownCode{"ppp.chap.unknown_code", K::malformed, S::warning, "RFC 1994 §4",
    "Unknown CHAP Code"};
const DiagnosticDef kChapPadding{"ppp.chap.padding", K::note, S::info, "RFC 1994 §4",
    "Octets beyond the CHAP Length field are padding"};

const DiagnosticDef kMschapv2NonzeroReserved{"ppp.mschapv2.nonzero_reserved", K::malformed, S::error,
    "RFC 2759 §4", "MS-CHAPv2 Response: the 8 reserved octets must be zero"};
const DiagnosticDef kMschapv2NonzeroFlags{"ppp.mschapv2.nonzero_flags", K::malformed, S::warning,
    "RFC 2759 §4", "MS-CHAPv2 Response: Flags must be zero"};
const DiagnosticDef kMschapv2BadSuccessMessage{"ppp.mschapv2.bad_success_message", K::malformed,
    S::error, "RFC 2759 §5", "MS-CHAPv2 Success message is not \"S=<40 hex digits>[ M=<msg>]\""};
const DiagnosticDef kMschapv2BadFailureMessage{"ppp.mschapv2.bad_failure_message", K::malformed,
    S::error, "RFC 2759 §6", "MS-CHAP Failure message is not \"E=eeee R=r C=<32 hex> V=vvvv M=<msg>\""};
const DiagnosticDef kMschapBadResponseSize{"ppp.mschap.bad_response_size", K::malformed, S::error,
    "RFC 2759 §4 / RFC 2433 §5", "MS-CHAP Response Value-Size must be 49"};

const DiagnosticDef kEapLengthTooShort{"ppp.eap.length_too_short", K::malformed, S::error,
    "RFC 3748 §4", "EAP Length smaller than the header (4, or 5 for Request/Response)"};
const DiagnosticDef kEapLengthMismatch{"ppp.eap.length_mismatch", K::malformed, S::error,
    "RFC 3748 §4.2", "EAP Success/Failure must have Length 4"};
const DiagnosticDef kEapUnknownCode{"ppp.eap.unknown_code", K::malformed, S::warning, "RFC 3748 §4",
    "Unknown EAP Code; such packets are silently discarded"};
const DiagnosticDef kEapPadding{"ppp.eap.padding", K::note, S::info, "RFC 3748 §4",
    "Octets beyond the EAP Length field are treated as data-link padding"};
const DiagnosticDef kEapBadNakType{"ppp.eap.bad_nak_type", K::violation, S::error, "RFC 3748 §5.3.1",
    "Legacy Nak lists a Type below 4 (other than 0)"};
const DiagnosticDef kEapTlsLengthMismatch{"ppp.eap.tls_length_mismatch", K::malformed, S::warning,
    "RFC 5216 §3.1", "TLS Message Length differs from the TLS data of an unfragmented message"};
const DiagnosticDef kEapBadTypeData{"ppp.eap.bad_type_data", K::malformed, S::error, "RFC 3748 §5",
    "Type-Data too short for the method's fixed fields, or an inner length runs past Length"};

namespace {
constexpr const DiagnosticDef* kAllDefs[] = {
    &kFrameBadProtocolField, &kFrameBadControlField, &kFrameLcpWithoutAddressControl,  &kHdlcBadFcs, &kHdlcAborted, &kHdlcOversize, &kHdlcShortFrame,
    &kControlLengthTooShort, &kControlPadding, &kControlUnknownCode, &kControlBodyTooShort,
    &kOptionLengthTooShort, &kOptionTruncated, &kOptionBadLength, &kOptionUnknown, &kLcpZeroMagic,
    &kLcpMruSmall, &kCcpMppeReservedBits, &kCcpMppeObsoleteD, &kPapLengthTooShort, &kPapFieldOverrun,
    &kPapUnknownCode, &kPapPadding, &kChapLengthTooShort, &kChapBadValueSize, &kChapUnknownCode,
    &kChapPadding, &kMschapv2NonzeroReserved, &kMschapv2NonzeroFlags, &kMschapv2BadSuccessMessage,
    &kMschapv2BadFailureMessage, &kMschapBadResponseSize, &kEapLengthTooShort, &kEapLengthMismatch,
    &kEapUnknownCode, &kEapPadding, &kEapBadNakType, &kEapTlsLengthMismatch, &kEapBadTypeData,
};
const ts::DiagnosticTable kRegister{kAllDefs};
}  // namespace

std::span<const DiagnosticDef* const> all_defs() { return kAllDefs; }

}  // namespace ts::ppp::diag
