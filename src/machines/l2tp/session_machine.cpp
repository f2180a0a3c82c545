#include "src/machines/l2tp/session_machine.h"

#include <array>

namespace ts::machines::l2tp {

namespace {

using S = SessionState;
using T = Transition<SessionState>;
constexpr auto kSent = Direction::sent;
constexpr auto kRecv = Direction::received;

enum : std::uint16_t { OCRQ = 7, OCRP = 8, OCCN = 9, ICRQ = 10, ICRP = 11, ICCN = 12, CDN = 14, WEN = 15, SLI = 16 };

constexpr std::string_view k741 = "RFC 2661 §7.4.1";  // LAC incoming
constexpr std::string_view k742 = "RFC 2661 §7.4.2";  // LNS incoming
constexpr std::string_view k751 = "RFC 2661 §7.5.1";  // LAC outgoing
constexpr std::string_view k752 = "RFC 2661 §7.5.2";  // LNS outgoing
constexpr std::string_view k652 = "RFC 2661 §6.15, §6.16";

constexpr std::array kTable{
    // Incoming call, LAC side: send ICRQ, receive ICRP, send ICCN.
    T{S::idle, false, kSent, ICRQ, S::wait_reply, k741},
    T{S::wait_reply, false, kRecv, ICRP, S::wait_reply, k741},
    T{S::wait_reply, false, kSent, ICCN, S::established, k741},
    // Incoming call, LNS side: receive ICRQ, send ICRP, receive ICCN.
    T{S::idle, false, kRecv, ICRQ, S::idle, k742},
    T{S::idle, false, kSent, ICRP, S::wait_connect, k742},
    T{S::wait_connect, false, kRecv, ICCN, S::established, k742},
    // Outgoing call, LNS side: send OCRQ, receive OCRP, receive OCCN.
    T{S::idle, false, kSent, OCRQ, S::wait_reply, k752},
    T{S::wait_reply, false, kRecv, OCRP, S::wait_connect, k752},
    T{S::wait_connect, false, kRecv, OCCN, S::established, k752},
    // Outgoing call, LAC side: receive OCRQ, send OCRP, (bearer connects) send OCCN.
    T{S::idle, false, kRecv, OCRQ, S::idle, k751},
    T{S::idle, false, kSent, OCRP, S::wait_cs_answer, k751},
    T{S::wait_cs_answer, false, kSent, OCCN, S::established, k751},
    // Established session: WAN-Error-Notify from the LAC, Set-Link-Info either way.
    T{S::established, false, kSent, WEN, S::established, k652},
    T{S::established, false, kRecv, WEN, S::established, k652},
    T{S::established, false, kSent, SLI, S::established, k652},
    T{S::established, false, kRecv, SLI, S::established, k652},
    // Call-Disconnect-Notify clears the session from any state.
    T{S::idle, true, kSent, CDN, S::idle, k741},
    T{S::idle, true, kRecv, CDN, S::idle, k741},
};

}  // namespace

std::string_view to_string(SessionState s) {
  switch (s) {
    case S::idle: return "idle";
    case S::wait_reply: return "wait-reply";
    case S::wait_connect: return "wait-connect";
    case S::wait_cs_answer: return "wait-cs-answer";
    case S::established: return "established";
  }
  return "?";
}

std::span<const Transition<SessionState>> session_table() { return kTable; }

}  // namespace ts::machines::l2tp
