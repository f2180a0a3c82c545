#include "dissectors/pptp/names.h"

#include <array>

#include <fmt/format.h>

#include "dissectors/pptp/header.h"

namespace ts::pptp {
namespace {

// RFC 2637 §1.4 (abbreviations as commonly used with PPTP).
constexpr std::array kControlMessageTypes{
    CodeName{1, "SCCRQ", "Start-Control-Connection-Request"},
    CodeName{2, "SCCRP", "Start-Control-Connection-Reply"},
    CodeName{3, "StopCCRQ", "Stop-Control-Connection-Request"},
    CodeName{4, "StopCCRP", "Stop-Control-Connection-Reply"},
    CodeName{5, "ECHORQ", "Echo-Request"},
    CodeName{6, "ECHORP", "Echo-Reply"},
    CodeName{7, "OCRQ", "Outgoing-Call-Request"},
    CodeName{8, "OCRP", "Outgoing-Call-Reply"},
    CodeName{9, "ICRQ", "Incoming-Call-Request"},
    CodeName{10, "ICRP", "Incoming-Call-Reply"},
    CodeName{11, "ICCN", "Incoming-Call-Connected"},
    CodeName{12, "CCRQ", "Call-Clear-Request"},
    CodeName{13, "CDN", "Call-Disconnect-Notify"},
    CodeName{14, "WEN", "WAN-Error-Notify"},
    CodeName{15, "SLI", "Set-Link-Info"},
};

// RFC 2637 §2.16
constexpr std::array kGeneralErrors{
    CodeName{0, "None", "No general error"},
    CodeName{1, "Not-Connected", "No control connection exists yet for this PAC-PNS pair"},
    CodeName{2, "Bad-Format", "Length is wrong or Magic Cookie value is incorrect"},
    CodeName{3, "Bad-Value", "One of the field values was out of range or reserved field was non-zero"},
    CodeName{4, "No-Resource", "Insufficient resources to handle this command now"},
    CodeName{5, "Bad-Call ID", "The Call ID is invalid in this context"},
    CodeName{6, "PAC-Error", "A generic vendor-specific error occurred in the PAC"},
};

// RFC 2637 §2.2 (the RFC gives no short names here; the abbrevs are ours).
constexpr std::array kSccrpResults{
    CodeName{1, "OK", "Successful channel establishment"},
    CodeName{2, "General Error", "General error -- Error Code indicates the problem"},
    CodeName{3, "Already Exists", "Command channel already exists"},
    CodeName{4, "Not Authorized", "Requester is not authorized to establish a command channel"},
    CodeName{5, "Bad Version", "The protocol version of the requester is not supported"},
};

// RFC 2637 §2.3 Reason
constexpr std::array kStopReasons{
    CodeName{1, "None", "General request to clear control connection"},
    CodeName{2, "Stop-Protocol", "Can't support peer's version of the protocol"},
    CodeName{3, "Stop-Local-Shutdown", "Requester is being shut down"},
};

// RFC 2637 §2.4 and §2.6 share the same two codes.
constexpr std::array kOkOrGeneralError{
    CodeName{1, "OK", "OK"},
    CodeName{2, "General Error", "Not accepted for the reason indicated in Error Code"},
};

// RFC 2637 §2.8
constexpr std::array kOcrpResults{
    CodeName{1, "Connected", "Call established with no errors"},
    CodeName{2, "General Error", "Outgoing Call not established for the reason indicated in Error Code"},
    CodeName{3, "No Carrier", "Outgoing Call failed due to no carrier detected"},
    CodeName{4, "Busy", "Outgoing Call failed due to detection of a busy signal"},
    CodeName{5, "No Dial Tone", "Outgoing Call failed due to lack of a dial tone"},
    CodeName{6, "Time-out", "Outgoing Call was not established within time allotted by PAC"},
    CodeName{7, "Do Not Accept", "Outgoing Call administratively prohibited"},
};

// RFC 2637 §2.10
constexpr std::array kIcrpResults{
    CodeName{1, "Connect", "The PAC should answer the incoming call"},
    CodeName{2, "General Error", "The Incoming Call should not be established (see Error Code)"},
    CodeName{3, "Do Not Accept", "The PAC should not accept the incoming call"},
};

// RFC 2637 §2.13
constexpr std::array kCdnResults{
    CodeName{1, "Lost Carrier", "Call disconnected due to loss of carrier"},
    CodeName{2, "General Error", "Call disconnected for the reason indicated in Error Code"},
    CodeName{3, "Admin Shutdown", "Call disconnected for administrative reasons"},
    CodeName{4, "Request", "Call disconnected due to received Call-Clear-Request"},
};

// RFC 2637 §2.1 Framing / Bearer Capabilities (bit masks).
constexpr std::array kFramingBits{
    CodeName{1, "async", "Asynchronous Framing supported"},
    CodeName{2, "sync", "Synchronous Framing supported"},
};
constexpr std::array kBearerBits{
    CodeName{1, "analog", "Analog access supported"},
    CodeName{2, "digital", "Digital access supported"},
};

// RFC 2637 §2.7 Bearer Type / Framing Type (values, not masks; §2.9 and §2.11 use 1-2).
constexpr std::array kBearerTypes{
    CodeName{1, "analog", "Call to be placed on an analog channel"},
    CodeName{2, "digital", "Call to be placed on a digital channel"},
    CodeName{3, "any", "Call can be placed on any type of channel"},
};
constexpr std::array kFramingTypes{
    CodeName{1, "async", "Call to use Asynchronous framing"},
    CodeName{2, "sync", "Call to use Synchronous framing"},
    CodeName{3, "either", "Call can use either type of framing"},
};

}  // namespace

std::span<const CodeName> control_message_types() { return kControlMessageTypes; }
std::span<const CodeName> general_error_codes() { return kGeneralErrors; }
std::span<const CodeName> framing_capability_bits() { return kFramingBits; }
std::span<const CodeName> bearer_capability_bits() { return kBearerBits; }
std::span<const CodeName> bearer_types() { return kBearerTypes; }
std::span<const CodeName> framing_types() { return kFramingTypes; }

std::span<const CodeName> result_table(std::uint16_t control_message_type) {
  switch (static_cast<ControlMessageType>(control_message_type)) {
    case ControlMessageType::start_control_connection_reply: return kSccrpResults;
    case ControlMessageType::stop_control_connection_request: return kStopReasons;
    case ControlMessageType::stop_control_connection_reply: return kOkOrGeneralError;
    case ControlMessageType::echo_reply: return kOkOrGeneralError;
    case ControlMessageType::outgoing_call_reply: return kOcrpResults;
    case ControlMessageType::incoming_call_reply: return kIcrpResults;
    case ControlMessageType::call_disconnect_notify: return kCdnResults;
    default: return {};
  }
}

std::string message_abbrev(std::uint16_t control_message_type) {
  return code_abbrev(kControlMessageTypes, control_message_type);
}

std::string result_text(std::uint16_t control_message_type, std::uint8_t result) {
  return code_abbrev(result_table(control_message_type), result);
}

std::string error_text(std::uint8_t error_code) { return code_abbrev(kGeneralErrors, error_code); }

std::string bits_text(std::span<const CodeName> bits, std::uint32_t value) {
  if (value == 0) return "none";
  std::string out;
  std::uint32_t known = 0;
  for (const auto& b : bits) {
    if ((value & b.code) == 0) continue;
    known |= b.code;
    if (!out.empty()) out += ',';
    out += b.abbrev;
  }
  if (const std::uint32_t rest = value & ~known; rest != 0) {
    if (!out.empty()) out += ',';
    out += fmt::format("{:#x}", rest);
  }
  return out;
}

}  // namespace ts::pptp
