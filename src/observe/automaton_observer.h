#pragma once
// AutomatonObserver: follows both sides of one PPP control protocol (LCP, IPCP, IPv6CP,
// CCP) through the RFC 1661 §4.1 table, from the packets each side sends.
//
// A packet sent by X is an action of X and an event at Y (the other side):
//  - Configure-Request received: RCR+ or RCR- is decided by Y's answer (Ack vs Nak/Reject),
//    so it is held until Y answers with the same Identifier;
//  - Configure-Ack -> RCA, Nak/Reject -> RCN, Terminate-Request -> RTR, Terminate-Ack -> RTA,
//    Code-Reject -> RXJ+/RXJ- (rejecting codes 1-7 is catastrophic), Echo/Discard -> RXR,
//    an unknown code -> RUC;
//  - X's own Configure-Request that no event asked for is its Up/Open (first one) or a
//    TO+ retransmission; X's Terminate-Request likewise is a Close or TO+.
// A side's state is unknown until it first acts or is asked to; unknown sides are never
// blamed. Every state change and every illegal cell is returned for the timeline.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/machines/ppp/option_automaton.h"

namespace ts::observe {

class AutomatonObserver {
 public:
  struct Change {
    int side;
    machines::ppp::State from, to;
    machines::ppp::Event event;
  };
  struct Illegal {
    int side;
    machines::ppp::State state;
    machines::ppp::Event event;
  };
  // An answer (Configure-Ack/Nak/Reject) whose Identifier is not that of the receiver's
  // last Configure-Request (RFC 1661 §5.2-5.4: it is silently discarded by the receiver).
  struct Mismatch {
    int side;  // the side that sent the answer
    std::uint8_t got, expected;
  };
  struct Result {
    std::vector<Change> changes;
    std::vector<Illegal> illegal;
    std::vector<Mismatch> mismatched;
  };

  // One control packet of this protocol sent by `from` (0/1). `rejected_code` is the code
  // inside a Code-Reject (0 otherwise); `known_code` false makes it an RUC at the receiver.
  Result on_packet(int from, std::uint8_t code, std::uint8_t identifier, bool known_code,
                   std::uint8_t rejected_code = 0);
  // The lower layer went down (LCP closed under an NCP, the tunnel/call ended).
  Result on_down();

  machines::ppp::State state(int side) const { return side_[side].state; }
  bool known(int side) const { return side_[side].known; }
  bool opened() const {
    return side_[0].state == machines::ppp::State::opened && side_[1].state == machines::ppp::State::opened;
  }
  // True when the table says `side` owes a Configure-Request that has not appeared (e.g.
  // RCR+ in Opened calls for tld,scr,sca). Its inferred state is then in doubt: a capture
  // taken at one point cannot show in which order a side received packets that crossed
  // on the wire, so callers do not blame the side for acting as if it were still Opened.
  bool owes_request(int side) const { return side_[side].owes_request; }
  // True when `side`'s latest state change came from a packet of the other side and `side`
  // has sent no Configure/Terminate/Code-Reject packet since: nothing it sent shows it has
  // received that packet yet (it may still be in flight, lost, or held by a reordering
  // tunnel), so acting on the previous state is not a fault.
  bool unconfirmed(int side) const { return side_[side].unconfirmed; }
  // Either of the above: the side's inferred state is not certain enough to blame it.
  bool doubtful(int side) const { return owes_request(side) || unconfirmed(side); }
  // Identifier of the last Configure-Request sent by `side`.
  std::optional<std::uint8_t> last_request_id(int side) const { return side_[side].last_request; }

 private:
  struct Side {
    machines::ppp::State state = machines::ppp::State::initial;
    bool known = false;
    std::uint16_t pending_actions = 0;          // actions the last event asked for, not yet seen
    std::optional<std::uint8_t> last_request;   // Identifier of its last Configure-Request
    std::optional<std::uint8_t> held_request;   // peer's Configure-Request awaiting its answer
    std::vector<std::uint8_t> earlier_requests;  // Identifiers of its previous requests (8)
    bool owes_request = false;  // an event called for scr and no Configure-Request followed yet
    bool unconfirmed = false;   // last change caused by a received packet, not yet confirmed
  };
  void apply(int side, machines::ppp::Event e, Result& r);
  void on_sent(int x, std::uint8_t code, std::uint8_t id, Result& r);
  void on_received(int y, std::uint8_t code, std::uint8_t id, bool known_code, std::uint8_t rejected_code,
                   Result& r);

  std::array<Side, 2> side_;
};

}  // namespace ts::observe
