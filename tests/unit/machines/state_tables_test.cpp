#include <catch2/catch.hpp>

#include "src/machines/l2tp/control_connection_machine.h"
#include "src/machines/l2tp/session_machine.h"
#include "src/machines/ppp/option_automaton.h"
#include "src/machines/pptp/control_machine.h"

using namespace ts::machines;

TEST_CASE("RFC 1661 §4.1 cells, spot-checked against the RFC's table") {
  using ppp::Event;
  using ppp::State;
  auto cell = [](State s, Event e) { return ppp::transition(s, e); };
  // Up in Starting: irc,scr/6
  CHECK(cell(State::starting, Event::up).next == State::req_sent);
  CHECK(ppp::actions_to_string(cell(State::starting, Event::up).actions) == "irc,scr");
  // RCR+ in Ack-Rcvd: sca,tlu/9
  CHECK(cell(State::ack_rcvd, Event::rcr_plus).next == State::opened);
  CHECK(ppp::actions_to_string(cell(State::ack_rcvd, Event::rcr_plus).actions) == "tlu,sca");
  // RCR+ in Opened: tld,scr,sca/8
  CHECK(cell(State::opened, Event::rcr_plus).next == State::ack_sent);
  CHECK(ppp::actions_to_string(cell(State::opened, Event::rcr_plus).actions) == "tld,scr,sca");
  // RCA in Ack-Sent: irc,tlu/9
  CHECK(cell(State::ack_sent, Event::rca).next == State::opened);
  // RTR in Opened: tld,zrc,sta/5
  CHECK(cell(State::opened, Event::rtr).next == State::stopping);
  CHECK(ppp::actions_to_string(cell(State::opened, Event::rtr).actions) == "tld,zrc,sta");
  // TO- in Req-Sent: tlf/3p
  CHECK(cell(State::req_sent, Event::to_minus).next == State::stopped);
  CHECK(cell(State::req_sent, Event::to_minus).note == 'p');
  // RXJ- in Opened: tld,irc,str/5
  CHECK(cell(State::opened, Event::rxj_minus).next == State::stopping);
  // Illegal ('-'): RCR in Initial and Starting, Up in Closed, TO+ in Opened.
  CHECK_FALSE(cell(State::initial, Event::rcr_plus).legal);
  CHECK_FALSE(cell(State::starting, Event::rca).legal);
  CHECK_FALSE(cell(State::closed, Event::up).legal);
  CHECK_FALSE(cell(State::opened, Event::to_plus).legal);
  // Every legal cell of every state: states 2-9 accept every receive event.
  for (int s = 2; s <= 9; ++s)
    for (int e = static_cast<int>(Event::rcr_plus); e <= static_cast<int>(Event::rxr); ++e)
      CHECK(cell(static_cast<State>(s), static_cast<Event>(e)).legal);
}

TEST_CASE("L2TP control connection table follows §7.2.1 for both roles") {
  using l2tp::ControlState;
  ControlState lac = ControlState::idle, lns = ControlState::idle;
  auto send = [&](ControlState& from, ControlState& to, std::uint16_t type) {
    auto a = l2tp::control_step(from, Direction::sent, type);
    auto b = l2tp::control_step(to, Direction::received, type);
    REQUIRE(a.legal);
    REQUIRE(b.legal);
    from = a.next;
    to = b.next;
  };
  send(lac, lns, 1);  // SCCRQ
  CHECK(lac == ControlState::wait_ctl_reply);
  send(lns, lac, 2);  // SCCRP
  CHECK(lns == ControlState::wait_ctl_conn);
  send(lac, lns, 3);  // SCCCN
  CHECK(lac == ControlState::established);
  CHECK(lns == ControlState::established);
  send(lac, lns, 6);   // HELLO
  send(lac, lns, 10);  // ICRQ rides the tunnel
  send(lns, lac, 4);   // StopCCN
  CHECK(lac == ControlState::idle);
  // Illegal: SCCCN received while idle, ICRQ before the tunnel is up.
  CHECK_FALSE(l2tp::control_step(ControlState::idle, Direction::received, 3).legal);
  CHECK_FALSE(l2tp::control_step(ControlState::wait_ctl_reply, Direction::received, 10).legal);
}

TEST_CASE("L2TP session table covers incoming and outgoing calls on both sides") {
  using l2tp::SessionState;
  auto run = [](std::initializer_list<std::pair<bool, std::uint16_t>> steps) {
    SessionState s = SessionState::idle;
    for (auto [sent, type] : steps) {
      auto st = l2tp::session_step(s, sent ? Direction::sent : Direction::received, type);
      if (!st.legal) return SessionState::idle;
      s = st.next;
    }
    return s;
  };
  CHECK(run({{true, 10}, {false, 11}, {true, 12}}) == SessionState::established);   // LAC incoming
  CHECK(run({{false, 10}, {true, 11}, {false, 12}}) == SessionState::established);  // LNS incoming
  CHECK(run({{true, 7}, {false, 8}, {false, 9}}) == SessionState::established);     // LNS outgoing
  CHECK(run({{false, 7}, {true, 8}, {true, 9}}) == SessionState::established);      // LAC outgoing
  CHECK_FALSE(l2tp::session_step(SessionState::idle, Direction::received, 12).legal);  // ICCN first
}

TEST_CASE("PPTP control and call tables follow RFC 2637 §3") {
  using pptp::CallState;
  using pptp::ControlState;
  CHECK(pptp::control_step(ControlState::idle, Direction::sent, 1).next == ControlState::wait_ctl_reply);
  CHECK(pptp::control_step(ControlState::wait_ctl_reply, Direction::received, 2).next == ControlState::established);
  CHECK(pptp::control_step(ControlState::established, Direction::sent, 3).next == ControlState::wait_stop_reply);
  CHECK(pptp::control_step(ControlState::wait_stop_reply, Direction::received, 4).next == ControlState::idle);
  CHECK_FALSE(pptp::control_step(ControlState::idle, Direction::received, 7).legal);  // OCRQ before SCCRQ
  CHECK(pptp::call_step(CallState::idle, Direction::sent, 7).next == CallState::wait_reply);
  CHECK(pptp::call_step(CallState::wait_reply, Direction::received, 8).next == CallState::established);
  CHECK(pptp::call_step(CallState::established, Direction::sent, 12).next == CallState::wait_disconnect);
  CHECK(pptp::call_step(CallState::wait_disconnect, Direction::received, 13).next == CallState::idle);
  CHECK_FALSE(pptp::call_step(CallState::idle, Direction::received, 11).legal);  // ICCN out of the blue
}
