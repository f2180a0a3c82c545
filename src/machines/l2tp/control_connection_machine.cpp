#include "src/machines/l2tp/control_connection_machine.h"

#include <array>

namespace ts::machines::l2tp {

namespace {

using S = ControlState;
using T = Transition<ControlState>;
constexpr auto kSent = Direction::sent;
constexpr auto kRecv = Direction::received;

// Message Type AVP values (RFC 2661 §3.2); kept local so the machine layer states its own
// table without depending on a codec's enum.
enum : std::uint16_t {
  SCCRQ = 1, SCCRP = 2, SCCCN = 3, StopCCN = 4, HELLO = 6, OCRQ = 7, OCRP = 8, OCCN = 9,
  ICRQ = 10, ICRP = 11, ICCN = 12, CDN = 14, WEN = 15, SLI = 16
};

constexpr std::string_view k721 = "RFC 2661 §7.2.1";
constexpr std::string_view k572 = "RFC 2661 §5.7";  // Hello keepalive
constexpr std::string_view k74 = "RFC 2661 §7.4";   // session messages need a tunnel

constexpr std::array kTable{
    // Originator: Local Open request -> send SCCRQ; receive SCCRP, send SCCCN.
    T{S::idle, false, kSent, SCCRQ, S::wait_ctl_reply, k721},
    T{S::wait_ctl_reply, false, kRecv, SCCRP, S::wait_ctl_reply, k721},
    T{S::wait_ctl_reply, false, kSent, SCCCN, S::established, k721},
    // Tie-breaker: both sides sent SCCRQ (RFC 2661 §4.4.3 Tie Breaker, §7.2.1).
    T{S::wait_ctl_reply, false, kRecv, SCCRQ, S::wait_ctl_reply, k721},
    // Receiver: receive acceptable SCCRQ, send SCCRP; receive SCCCN.
    T{S::idle, false, kRecv, SCCRQ, S::idle, k721},
    T{S::idle, false, kSent, SCCRP, S::wait_ctl_conn, k721},
    T{S::wait_ctl_conn, false, kRecv, SCCCN, S::established, k721},
    // Keepalive once the tunnel is up (and while the originator waits for the SCCCN's ack).
    T{S::established, false, kSent, HELLO, S::established, k572},
    T{S::established, false, kRecv, HELLO, S::established, k572},
    // Session traffic rides an established tunnel (RFC 2661 §7.4, §7.5).
    T{S::established, false, kSent, ICRQ, S::established, k74},
    T{S::established, false, kRecv, ICRQ, S::established, k74},
    T{S::established, false, kSent, ICRP, S::established, k74},
    T{S::established, false, kRecv, ICRP, S::established, k74},
    T{S::established, false, kSent, ICCN, S::established, k74},
    T{S::established, false, kRecv, ICCN, S::established, k74},
    T{S::established, false, kSent, OCRQ, S::established, k74},
    T{S::established, false, kRecv, OCRQ, S::established, k74},
    T{S::established, false, kSent, OCRP, S::established, k74},
    T{S::established, false, kRecv, OCRP, S::established, k74},
    T{S::established, false, kSent, OCCN, S::established, k74},
    T{S::established, false, kRecv, OCCN, S::established, k74},
    T{S::established, false, kSent, CDN, S::established, k74},
    T{S::established, false, kRecv, CDN, S::established, k74},
    T{S::established, false, kSent, WEN, S::established, k74},
    T{S::established, false, kRecv, WEN, S::established, k74},
    T{S::established, false, kSent, SLI, S::established, k74},
    T{S::established, false, kRecv, SLI, S::established, k74},
    // StopCCN from any state: clean up (RFC 2661 §7.2.1 last row, §5.7).
    T{S::idle, true, kSent, StopCCN, S::idle, k721},
    T{S::idle, true, kRecv, StopCCN, S::idle, k721},
};

}  // namespace

std::string_view to_string(ControlState s) {
  switch (s) {
    case S::idle: return "idle";
    case S::wait_ctl_reply: return "wait-ctl-reply";
    case S::wait_ctl_conn: return "wait-ctl-conn";
    case S::established: return "established";
  }
  return "?";
}

std::span<const Transition<ControlState>> control_table() { return kTable; }

}  // namespace ts::machines::l2tp
