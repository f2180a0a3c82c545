#include "src/observe/automaton_observer.h"

#include <algorithm>

namespace ts::observe {

using machines::ppp::Action;
using machines::ppp::Event;
using machines::ppp::State;

namespace {
// RFC 1661 §5 codes.
enum : std::uint8_t { kCfgReq = 1, kCfgAck, kCfgNak, kCfgRej, kTermReq, kTermAck, kCodeRej, kProtoRej, kEchoReq,
                      kEchoRep, kDiscard };
}  // namespace

void AutomatonObserver::apply(int side, Event e, Result& r) {
  Side& s = side_[side];
  const auto cell = machines::ppp::transition(s.state, e);
  if (!cell.legal) {
    r.illegal.push_back({side, s.state, e});
    return;
  }
  if (cell.next != s.state) r.changes.push_back({side, s.state, cell.next, e});
  s.state = cell.next;
  s.pending_actions = cell.actions;
  if (cell.actions & Action::kScr) s.owes_request = true;
  if (s.state == State::initial || s.state == State::starting || s.state == State::closed ||
      s.state == State::stopped)
    s.owes_request = false;
}

AutomatonObserver::Result AutomatonObserver::on_down() {
  Result r;
  for (int i = 0; i < 2; ++i)
    if (side_[i].known && side_[i].state != State::initial && side_[i].state != State::starting)
      apply(i, Event::down, r);
  return r;
}

AutomatonObserver::Result AutomatonObserver::on_packet(int from, std::uint8_t code, std::uint8_t identifier,
                                                       bool known_code, std::uint8_t rejected_code) {
  Result r;
  on_sent(from, code, identifier, r);
  // Configure, Terminate and Code-Reject packets show what their sender has received.
  if (code >= kCfgReq && code <= kCodeRej) side_[from].unconfirmed = false;
  const std::size_t before = r.changes.size();
  on_received(1 - from, code, identifier, known_code, rejected_code, r);
  for (std::size_t i = before; i < r.changes.size(); ++i)
    if (r.changes[i].side == 1 - from) side_[1 - from].unconfirmed = true;
  return r;
}

void AutomatonObserver::on_sent(int x, std::uint8_t code, std::uint8_t id, Result& r) {
  Side& s = side_[x];
  switch (code) {
    case kCfgReq: {
      if (s.last_request && *s.last_request != id) {
        s.earlier_requests.push_back(*s.last_request);
        if (s.earlier_requests.size() > 8) s.earlier_requests.erase(s.earlier_requests.begin());
      }
      s.last_request = id;
      if (!s.known) {
        // First sign of life: the layer was opened and came up (Initial -Open-> Starting -Up-> Req-Sent).
        s.known = true;
        apply(x, Event::open, r);
        apply(x, Event::up, r);
      } else if (s.pending_actions & Action::kScr) {
        // The request an earlier event called for (irc,scr / tld,scr / ...).
      } else if (s.state == State::req_sent || s.state == State::ack_rcvd || s.state == State::ack_sent) {
        apply(x, Event::to_plus, r);  // Restart timer expired: retransmission
      } else {
        // A new negotiation. From Closing/Stopping the Restart timer must have run out unseen
        // (TO-, RFC 1661 §4.3); from Closed an administrative Open (irc,scr); from Stopped or
        // Opened the lower layer went down and up again (Down, Up: irc,scr).
        if (s.state == State::closing || s.state == State::stopping) apply(x, Event::to_minus, r);
        if (s.state == State::closed) {
          apply(x, Event::open, r);
        } else if (s.state == State::stopped || s.state == State::opened) {
          apply(x, Event::down, r);
          apply(x, Event::up, r);
        } else if (s.state == State::starting) {
          apply(x, Event::up, r);
        } else {
          r.illegal.push_back({x, s.state, Event::to_plus});
        }
      }
      s.pending_actions &= static_cast<std::uint16_t>(~Action::kScr);
      s.owes_request = false;
      break;
    }
    case kCfgAck:
    case kCfgNak:
    case kCfgRej:
      if (s.held_request && *s.held_request == id) {
        s.held_request.reset();
        if (!s.known) {
          // Passive side seen first answering: it waited in Stopped (RFC 1661 §4.2 Stopped).
          s.known = true;
          s.state = State::stopped;
        }
        apply(x, code == kCfgAck ? Event::rcr_plus : Event::rcr_minus, r);
      }
      break;
    case kTermReq:
      if (!s.known) break;
      if (s.pending_actions & Action::kStr) {
        s.pending_actions &= static_cast<std::uint16_t>(~Action::kStr);
      } else if (s.state == State::closing || s.state == State::stopping) {
        apply(x, Event::to_plus, r);
      } else {
        apply(x, Event::close, r);  // administrative Close
      }
      break;
    default: break;
  }
}

void AutomatonObserver::on_received(int y, std::uint8_t code, std::uint8_t id, bool known_code,
                                    std::uint8_t rejected_code, Result& r) {
  Side& s = side_[y];
  if (!known_code) {
    if (s.known) apply(y, Event::ruc, r);
    return;
  }
  switch (code) {
    case kCfgReq: s.held_request = id; return;  // RCR+/- decided by y's answer
    case kCfgAck:
    case kCfgNak:
    case kCfgRej:
      // RFC 1661 §5.2-5.4: an answer whose Identifier does not match the last request is
      // silently discarded, so it is no event.
      // An Identifier of one of y's earlier requests is an answer that crossed y's
      // retransmission on the wire: discarded by y, but not the answerer's fault.
      if (s.known && s.last_request && *s.last_request != id &&
          std::find(s.earlier_requests.begin(), s.earlier_requests.end(), id) == s.earlier_requests.end())
        r.mismatched.push_back({1 - y, id, *s.last_request});
      if (!s.known || !s.last_request || *s.last_request != id) return;
      apply(y, code == kCfgAck ? Event::rca : Event::rcn, r);
      return;
    case kTermReq:
      if (s.known) apply(y, Event::rtr, r);
      return;
    case kTermAck:
      if (s.known) apply(y, Event::rta, r);
      return;
    case kCodeRej:
      // RFC 1661 §5.6: rejecting a code the automaton needs (1-7) is catastrophic.
      if (s.known) apply(y, (rejected_code >= 1 && rejected_code <= 7) ? Event::rxj_minus : Event::rxj_plus, r);
      return;
    case kProtoRej:
      if (s.known) apply(y, Event::rxj_plus, r);
      return;
    case kEchoReq:
    case kEchoRep:
    case kDiscard:
      if (s.known) apply(y, Event::rxr, r);
      return;
    default:
      return;  // codes such as CCP Reset-Request are outside the automaton
  }
}

}  // namespace ts::observe
