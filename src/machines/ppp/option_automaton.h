#pragma once
// The RFC 1661 §4 option negotiation automaton, shared by LCP, IPCP, IPv6CP and CCP.
//
// The table is RFC 1661 §4.1 cell for cell: (state, event) -> actions and new state, or
// illegal ('-'). Pure data and lookup: the PPP endpoint executes the actions (sending,
// timers, layer signals), and the passive observer feeds each side the events it can see
// and reports illegal cells.
#include <cstdint>
#include <string_view>

namespace ts::machines::ppp {

// RFC 1661 §4.2, numbered as in the table.
enum class State : std::uint8_t {
  initial = 0, starting = 1, closed = 2, stopped = 3, closing = 4, stopping = 5,
  req_sent = 6, ack_rcvd = 7, ack_sent = 8, opened = 9
};

// RFC 1661 §4.3.
enum class Event : std::uint8_t {
  up, down, open, close, to_plus, to_minus, rcr_plus, rcr_minus, rca, rcn, rtr, rta, ruc,
  rxj_plus, rxj_minus, rxr
};

// RFC 1661 §4.4, as bits.
enum Action : std::uint16_t {
  kTlu = 1 << 0,  // This-Layer-Up
  kTld = 1 << 1,  // This-Layer-Down
  kTls = 1 << 2,  // This-Layer-Started
  kTlf = 1 << 3,  // This-Layer-Finished
  kIrc = 1 << 4,  // Initialize-Restart-Count
  kZrc = 1 << 5,  // Zero-Restart-Count
  kScr = 1 << 6,  // Send-Configure-Request
  kSca = 1 << 7,  // Send-Configure-Ack
  kScn = 1 << 8,  // Send-Configure-Nak/Rej
  kStr = 1 << 9,  // Send-Terminate-Request
  kSta = 1 << 10, // Send-Terminate-Ack
  kScj = 1 << 11, // Send-Code-Reject
  kSer = 1 << 12, // Send-Echo-Reply
};

struct Cell {
  bool legal;
  std::uint16_t actions;  // Action bits
  State next;
  char note;  // 'p' passive, 'r' restart, 'x' crossed connection (RFC 1661 §4.1 footnotes), or 0
};

Cell transition(State s, Event e);

std::string_view to_string(State s);
std::string_view to_string(Event e);
// "irc,scr,sca" for an action set.
std::string actions_to_string(std::uint16_t actions);

inline constexpr std::string_view kAutomatonClause = "RFC 1661 §4.1";

}  // namespace ts::machines::ppp
