#include "src/machines/pptp/control_machine.h"

#include <array>

namespace ts::machines::pptp {

namespace {

constexpr auto kSent = Direction::sent;
constexpr auto kRecv = Direction::received;

// Control Message Types (RFC 2637 §2).
enum : std::uint16_t {
  SCCRQ = 1, SCCRP = 2, StopCCRQ = 3, StopCCRP = 4, ECHORQ = 5, ECHORP = 6, OCRQ = 7, OCRP = 8,
  ICRQ = 9, ICRP = 10, ICCN = 11, CCRQ = 12, CDN = 13, WEN = 14, SLI = 15
};

using CS = ControlState;
using CT = Transition<ControlState>;
constexpr std::string_view k311 = "RFC 2637 §3.1.1";
constexpr std::string_view k312 = "RFC 2637 §3.1.2";
constexpr std::string_view k313 = "RFC 2637 §3.1.3";
constexpr std::string_view k314 = "RFC 2637 §3.1.4";
constexpr std::string_view k32 = "RFC 2637 §3.2";

constexpr std::array kControl{
    CT{CS::idle, false, kSent, SCCRQ, CS::wait_ctl_reply, k311},
    CT{CS::wait_ctl_reply, false, kRecv, SCCRP, CS::established, k311},
    // Collision: both sides sent SCCRQ; the higher IP address wins (§3.1.3).
    CT{CS::wait_ctl_reply, false, kRecv, SCCRQ, CS::wait_ctl_reply, k313},
    CT{CS::wait_ctl_reply, false, kSent, SCCRP, CS::established, k313},
    CT{CS::idle, false, kRecv, SCCRQ, CS::idle, k312},
    CT{CS::idle, false, kSent, SCCRP, CS::established, k312},
    // Keep-alives (§3.1.4) and every call message ride an established connection.
    CT{CS::established, false, kSent, ECHORQ, CS::established, k314},
    CT{CS::established, false, kRecv, ECHORQ, CS::established, k314},
    CT{CS::established, false, kSent, ECHORP, CS::established, k314},
    CT{CS::established, false, kRecv, ECHORP, CS::established, k314},
    CT{CS::wait_stop_reply, false, kRecv, ECHORQ, CS::wait_stop_reply, k314},
    CT{CS::wait_stop_reply, false, kSent, ECHORP, CS::wait_stop_reply, k314},
    CT{CS::established, false, kSent, OCRQ, CS::established, k32},
    CT{CS::established, false, kRecv, OCRQ, CS::established, k32},
    CT{CS::established, false, kSent, OCRP, CS::established, k32},
    CT{CS::established, false, kRecv, OCRP, CS::established, k32},
    CT{CS::established, false, kSent, ICRQ, CS::established, k32},
    CT{CS::established, false, kRecv, ICRQ, CS::established, k32},
    CT{CS::established, false, kSent, ICRP, CS::established, k32},
    CT{CS::established, false, kRecv, ICRP, CS::established, k32},
    CT{CS::established, false, kSent, ICCN, CS::established, k32},
    CT{CS::established, false, kRecv, ICCN, CS::established, k32},
    CT{CS::established, false, kSent, CCRQ, CS::established, k32},
    CT{CS::established, false, kRecv, CCRQ, CS::established, k32},
    CT{CS::established, false, kSent, CDN, CS::established, k32},
    CT{CS::established, false, kRecv, CDN, CS::established, k32},
    CT{CS::established, false, kSent, WEN, CS::established, k32},
    CT{CS::established, false, kRecv, WEN, CS::established, k32},
    CT{CS::established, false, kSent, SLI, CS::established, k32},
    CT{CS::established, false, kRecv, SLI, CS::established, k32},
    // A Call-Disconnect-Notify may still cross a Stop-Control-Connection-Request (§3.1.1:
    // calls are cleared before the connection closes).
    CT{CS::wait_stop_reply, false, kSent, CDN, CS::wait_stop_reply, k311},
    CT{CS::wait_stop_reply, false, kRecv, CDN, CS::wait_stop_reply, k311},
    // Stop: the requester waits for the reply; the receiver replies and is idle.
    CT{CS::established, false, kSent, StopCCRQ, CS::wait_stop_reply, k311},
    CT{CS::wait_stop_reply, false, kRecv, StopCCRP, CS::idle, k311},
    CT{CS::idle, true, kRecv, StopCCRQ, CS::wait_stop_reply, k312},
    CT{CS::idle, true, kSent, StopCCRP, CS::idle, k312},
    CT{CS::wait_ctl_reply, false, kSent, StopCCRQ, CS::wait_stop_reply, k311},
};

using LS = CallState;
using LT = Transition<CallState>;
constexpr std::string_view k3231 = "RFC 2637 §3.2.3.1";  // PAC incoming
constexpr std::string_view k3232 = "RFC 2637 §3.2.3.2";  // PNS incoming
constexpr std::string_view k3241 = "RFC 2637 §3.2.4.1";  // PAC outgoing
constexpr std::string_view k3242 = "RFC 2637 §3.2.4.2";  // PNS outgoing
constexpr std::string_view k215 = "RFC 2637 §2.15, §2.16";

constexpr std::array kCall{
    // Outgoing call: the PNS asks, the PAC places it and replies.
    LT{LS::idle, false, kSent, OCRQ, LS::wait_reply, k3242},
    LT{LS::wait_reply, false, kRecv, OCRP, LS::established, k3242},
    LT{LS::idle, false, kRecv, OCRQ, LS::idle, k3241},
    LT{LS::idle, false, kSent, OCRP, LS::established, k3241},
    // Incoming call: the PAC reports, the PNS accepts, the PAC confirms.
    LT{LS::idle, false, kSent, ICRQ, LS::wait_reply, k3231},
    LT{LS::wait_reply, false, kRecv, ICRP, LS::wait_reply, k3231},
    LT{LS::wait_reply, false, kSent, ICCN, LS::established, k3231},
    LT{LS::idle, false, kRecv, ICRQ, LS::idle, k3232},
    LT{LS::idle, false, kSent, ICRP, LS::wait_connect, k3232},
    LT{LS::wait_connect, false, kRecv, ICCN, LS::established, k3232},
    // Link info and errors on an established call.
    LT{LS::established, false, kSent, SLI, LS::established, k215},
    LT{LS::established, false, kRecv, SLI, LS::established, k215},
    LT{LS::established, false, kSent, WEN, LS::established, k215},
    LT{LS::established, false, kRecv, WEN, LS::established, k215},
    // Clearing: the PNS sends Call-Clear-Request, the PAC answers with Call-Disconnect-Notify.
    LT{LS::established, false, kSent, CCRQ, LS::wait_disconnect, k3242},
    LT{LS::wait_connect, false, kSent, CCRQ, LS::wait_disconnect, k3232},
    LT{LS::wait_reply, false, kSent, CCRQ, LS::wait_disconnect, k3242},
    LT{LS::idle, true, kRecv, CCRQ, LS::wait_disconnect, k3241},
    LT{LS::idle, true, kSent, CDN, LS::idle, k3241},
    LT{LS::idle, true, kRecv, CDN, LS::idle, k3242},
};

}  // namespace

std::string_view to_string(ControlState s) {
  switch (s) {
    case CS::idle: return "idle";
    case CS::wait_ctl_reply: return "wait-ctl-reply";
    case CS::established: return "established";
    case CS::wait_stop_reply: return "wait-stop-reply";
  }
  return "?";
}

std::string_view to_string(CallState s) {
  switch (s) {
    case LS::idle: return "idle";
    case LS::wait_reply: return "wait-reply";
    case LS::wait_connect: return "wait-connect";
    case LS::established: return "established";
    case LS::wait_disconnect: return "wait-disconnect";
  }
  return "?";
}

std::span<const Transition<ControlState>> control_table() { return kControl; }
std::span<const Transition<CallState>> call_table() { return kCall; }

}  // namespace ts::machines::pptp
