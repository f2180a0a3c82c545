#pragma once
// Diagnostics raised by the PPP dissectors (frame, HDLC, control protocols, PAP, CHAP,
// MS-CHAP, EAP). Ids are stable and never reused; the table is registered with
// ts::all_diagnostic_defs() from ppp_diagnostics.cpp.
#include <span>

#include "src/core/diagnostic.h"

namespace ts::ppp::diag {

// Frame (RFC 1661 §2, RFC 1662 §3)
extern const DiagnosticDef kFrameBadProtocolField;
extern const DiagnosticDef kFrameBadControlField;
extern const DiagnosticDef kFrameLcpWithoutAddressControl;
// Async HDLC (RFC 1662 §4)
extern const DiagnosticDef kHdlcBadFcs;
extern const DiagnosticDef kHdlcAborted;
extern const DiagnosticDef kHdlcOversize;
extern const DiagnosticDef kHdlcShortFrame;
// Control packets (RFC 1661 §5, §6)
extern const DiagnosticDef kControlLengthTooShort;
extern const DiagnosticDef kControlPadding;
extern const DiagnosticDef kControlUnknownCode;
extern const DiagnosticDef kControlBodyTooShort;
extern const DiagnosticDef kOptionLengthTooShort;
extern const DiagnosticDef kOptionTruncated;
extern const DiagnosticDef kOptionBadLength;
extern const DiagnosticDef kOptionUnknown;
extern const DiagnosticDef kLcpZeroMagic;
extern const DiagnosticDef kLcpMruSmall;
extern const DiagnosticDef kCcpMppeReservedBits;
extern const DiagnosticDef kCcpMppeObsoleteD;
// PAP (RFC 1334 §2.2)
extern const DiagnosticDef kPapLengthTooShort;
extern const DiagnosticDef kPapFieldOverrun;
extern const DiagnosticDef kPapUnknownCode;
extern const DiagnosticDef kPapPadding;
// CHAP (RFC 1994 §4)
extern const DiagnosticDef kChapLengthTooShort;
extern const DiagnosticDef kChapBadValueSize;
extern const DiagnosticDef kChapUnknownCode;
extern const DiagnosticDef kChapPadding;
// MS-CHAP (RFC 2433, RFC 2759)
extern const DiagnosticDef kMschapv2NonzeroReserved;
extern const DiagnosticDef kMschapv2NonzeroFlags;
extern const DiagnosticDef kMschapv2BadSuccessMessage;
extern const DiagnosticDef kMschapv2BadFailureMessage;
extern const DiagnosticDef kMschapBadResponseSize;
// EAP (RFC 3748)
extern const DiagnosticDef kEapLengthTooShort;
extern const DiagnosticDef kEapLengthMismatch;
extern const DiagnosticDef kEapUnknownCode;
extern const DiagnosticDef kEapPadding;
extern const DiagnosticDef kEapBadNakType;
extern const DiagnosticDef kEapTlsLengthMismatch;
extern const DiagnosticDef kEapBadTypeData;

// Every PPP diagnostic, for docs and tests.
std::span<const DiagnosticDef* const> all_defs();

}  // namespace ts::ppp::diag
