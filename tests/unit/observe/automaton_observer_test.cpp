#include <catch2/catch.hpp>

#include "src/observe/automaton_observer.h"

using namespace ts::observe;
using ts::machines::ppp::State;

namespace {
enum : std::uint8_t { kReq = 1, kAck = 2, kNak = 3, kTermReq = 5, kTermAck = 6 };

// A requests (id 1), B acks; B requests (id 2), A acks: both Opened.
void open_both(AutomatonObserver& a) {
  a.on_packet(0, kReq, 1, true);
  a.on_packet(1, kAck, 1, true);
  a.on_packet(1, kReq, 2, true);
  a.on_packet(0, kAck, 2, true);
  REQUIRE(a.opened());
}
}  // namespace

TEST_CASE("a plain negotiation opens both sides") {
  AutomatonObserver a;
  a.on_packet(0, kReq, 1, true);
  CHECK(a.state(0) == State::req_sent);
  a.on_packet(1, kAck, 1, true);  // B acks A: B was Stopped (passive), A moves to Ack-Rcvd
  CHECK(a.state(0) == State::ack_rcvd);
  CHECK(a.state(1) == State::ack_sent);
  a.on_packet(1, kReq, 9, true);
  a.on_packet(0, kAck, 9, true);
  CHECK(a.opened());
}

TEST_CASE("Nak rounds and a retransmission are followed, nothing is illegal") {
  AutomatonObserver a;
  a.on_packet(0, kReq, 1, true);
  auto r = a.on_packet(0, kReq, 1, true);  // TO+: retransmission
  CHECK(r.illegal.empty());
  a.on_packet(1, kReq, 5, true);
  r = a.on_packet(0, kNak, 5, true);  // A naks B: RCR- at A, RCN at B
  CHECK(r.illegal.empty());
  a.on_packet(1, kReq, 6, true);  // B's new request (scr asked by RCN)
  a.on_packet(0, kAck, 6, true);
  a.on_packet(1, kAck, 1, true);
  CHECK(a.opened());
}

TEST_CASE("an answer to an unknown Identifier is discarded, not an event") {
  AutomatonObserver a;
  a.on_packet(0, kReq, 1, true);
  auto r = a.on_packet(1, kAck, 42, true);
  CHECK(r.changes.empty());
  CHECK(a.state(0) == State::req_sent);
}

TEST_CASE("terminate from Opened and an illegal event after the layer went down") {
  AutomatonObserver a;
  open_both(a);
  a.on_packet(0, kTermReq, 3, true);
  CHECK(a.state(0) == State::closing);
  CHECK(a.state(1) == State::stopping);
  a.on_packet(1, kTermAck, 3, true);
  CHECK(a.state(0) == State::closed);
  a.on_down();
  CHECK(a.state(0) == State::initial);
  // B acks A's old request again: RCA in Initial is illegal (RFC 1661 §4.1 '-').
  auto r = a.on_packet(1, kAck, 1, true);
  REQUIRE(r.illegal.size() == 1);
  CHECK(r.illegal[0].state == State::initial);
}

TEST_CASE("an answer to an earlier request that crossed a retransmission is no Identifier fault") {
  AutomatonObserver a;
  a.on_packet(0, kReq, 1, true);
  a.on_packet(0, kReq, 2, true);              // A retransmits with a new Identifier
  auto r = a.on_packet(1, kAck, 1, true);     // B's answer to the first one crossed it
  CHECK(r.mismatched.empty());
  r = a.on_packet(1, kAck, 7, true);          // an Identifier A never sent: a fault
  REQUIRE(r.mismatched.size() == 1);
  CHECK(r.mismatched[0].got == 7);
}

TEST_CASE("a side whose last change came from the peer's packet is doubtful until it confirms") {
  AutomatonObserver a;
  open_both(a);
  a.on_packet(0, kTermReq, 3, true);  // B: Opened -> Stopping, inferred from A's packet
  CHECK(a.unconfirmed(1));
  CHECK(a.doubtful(1));
  a.on_packet(1, kTermAck, 3, true);  // B's answer shows it received the request
  CHECK_FALSE(a.unconfirmed(1));
}
