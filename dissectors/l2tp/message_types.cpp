#include "dissectors/l2tp/message_types.h"

namespace ts::l2tp {

namespace {
// RFC 2661 §3.2
constexpr CodeName kMessageTypes[] = {
    {1, "SCCRQ", "Start-Control-Connection-Request"},
    {2, "SCCRP", "Start-Control-Connection-Reply"},
    {3, "SCCCN", "Start-Control-Connection-Connected"},
    {4, "StopCCN", "Stop-Control-Connection-Notification"},
    {6, "HELLO", "Hello"},
    {7, "OCRQ", "Outgoing-Call-Request"},
    {8, "OCRP", "Outgoing-Call-Reply"},
    {9, "OCCN", "Outgoing-Call-Connected"},
    {10, "ICRQ", "Incoming-Call-Request"},
    {11, "ICRP", "Incoming-Call-Reply"},
    {12, "ICCN", "Incoming-Call-Connected"},
    {14, "CDN", "Call-Disconnect-Notify"},
    {15, "WEN", "WAN-Error-Notify"},
    {16, "SLI", "Set-Link-Info"},
};

// RFC 2661 §4.4.2, StopCCN
constexpr CodeName kStopCcnResults[] = {
    {0, "Reserved", "Reserved"},
    {1, "General request", "General request to clear control connection"},
    {2, "General error", "General error--Error Code indicates the problem"},
    {3, "Already exists", "Control channel already exists"},
    {4, "Not authorized", "Requester is not authorized to establish a control channel"},
    {5, "Bad version", "The protocol version of the requester is not supported"},
    {6, "Shutting down", "Requester is being shut down"},
    {7, "FSM error", "Finite State Machine error"},
};

// RFC 2661 §4.4.2, CDN
constexpr CodeName kCdnResults[] = {
    {0, "Reserved", "Reserved"},
    {1, "Lost carrier", "Call disconnected due to loss of carrier"},
    {2, "Error", "Call disconnected for the reason indicated in error code"},
    {3, "Administrative", "Call disconnected for administrative reasons"},
    {4, "Temporary facilities", "Call failed due to lack of appropriate facilities being available (temporary condition)"},
    {5, "Permanent facilities", "Call failed due to lack of appropriate facilities being available (permanent condition)"},
    {6, "Invalid destination", "Invalid destination"},
    {7, "No carrier", "Call failed due to no carrier detected"},
    {8, "Busy", "Call failed due to detection of a busy signal"},
    {9, "No dial tone", "Call failed due to lack of a dial tone"},
    {10, "Timeout", "Call was not established within time allotted by LAC"},
    {11, "No framing", "Call was connected but no appropriate framing was detected"},
};

// RFC 2661 §4.4.2, General Error Codes
constexpr CodeName kGeneralErrors[] = {
    {0, "No error", "No general error"},
    {1, "No control connection", "No control connection exists yet for this LAC-LNS pair"},
    {2, "Bad length", "Length is wrong"},
    {3, "Out of range", "One of the field values was out of range or reserved field was non-zero"},
    {4, "No resources", "Insufficient resources to handle this operation now"},
    {5, "Invalid session", "The Session ID is invalid in this context"},
    {6, "Vendor error", "A generic vendor-specific error occurred in the LAC"},
    {7, "Try another", "Try another"},
    {8, "Unknown mandatory AVP", "Session or tunnel was shutdown due to receipt of an unknown AVP with the M-bit set"},
};

// RFC 2661 §4.4.5
constexpr CodeName kProxyAuthenTypes[] = {
    {0, "Reserved", "Reserved"},
    {1, "Textual", "Textual username/password exchange"},
    {2, "CHAP", "PPP CHAP"},
    {3, "PAP", "PPP PAP"},
    {4, "None", "No Authentication"},
    {5, "MSCHAPv1", "Microsoft CHAP Version 1 (MSCHAPv1)"},
};
}  // namespace

std::span<const CodeName> message_type_names() { return kMessageTypes; }
std::span<const CodeName> stopccn_result_names() { return kStopCcnResults; }
std::span<const CodeName> cdn_result_names() { return kCdnResults; }
std::span<const CodeName> general_error_names() { return kGeneralErrors; }
std::span<const CodeName> proxy_authen_type_names() { return kProxyAuthenTypes; }

}  // namespace ts::l2tp
