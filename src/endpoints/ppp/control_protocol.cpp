#include "src/endpoints/ppp/control_protocol.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "dissectors/ppp/options.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/ppp_endpoint_diagnostics.h"

namespace ts::endpoints::ppp {

using machines::ppp::State;
namespace code = ts::ppp::code;
namespace mp = machines::ppp;

namespace {

void push_packet(std::vector<Bytes>& out, Bytes b) { out.push_back(std::move(b)); }

bool negotiating(State s) {
  return s == State::req_sent || s == State::ack_rcvd || s == State::ack_sent || s == State::opened;
}

bool timer_runs_in(State s) {
  return s == State::closing || s == State::stopping || s == State::req_sent ||
         s == State::ack_rcvd || s == State::ack_sent;
}

ts::ppp::ControlPacket packet_with(std::uint8_t c, std::uint8_t id,
                                   const std::vector<OwnedOption>& opts) {
  ts::ppp::ControlPacket p;
  p.code = c;
  p.identifier = id;
  for (const auto& o : opts) p.options.push_back(ts::ppp::ConfigOption{o.type, 0, o.data});
  return p;
}

std::vector<OwnedOption> owned_options(const ts::ppp::ControlPacket& p) {
  std::vector<OwnedOption> out;
  for (const auto& o : p.options) out.push_back(owned(o));
  return out;
}

}  // namespace

struct ControlProtocol::Received {
  const ts::ppp::ControlPacket* packet = nullptr;
  Judgement judgement;
  ByteView raw;  // for Code-Reject
};

void ControlOutput::append(ControlOutput&& other) {
  for (auto& p : other.packets) push_packet(packets, std::move(p));
  for (auto& n : other.notes) engine::append_action(notes, std::move(n));
  signals.insert(signals.end(), other.signals.begin(), other.signals.end());
}

bool ControlOutput::has(LayerSignal s) const {
  return std::find(signals.begin(), signals.end(), s) != signals.end();
}

ControlProtocol::ControlProtocol(std::string name, std::uint16_t protocol,
                                 ControlProtocolConfig config, OptionPolicy& policy)
    : name_(std::move(name)), protocol_(protocol), config_(config), policy_(policy) {
  config_.max_configure = std::max(1u, config_.max_configure);
  config_.max_terminate = std::max(1u, config_.max_terminate);
}

ControlOutput ControlProtocol::up(Instant now) {
  ControlOutput out;
  run(now, Event::up, out);
  return out;
}

ControlOutput ControlProtocol::down(Instant now) {
  ControlOutput out;
  run(now, Event::down, out);
  return out;
}

ControlOutput ControlProtocol::open(Instant now) {
  ControlOutput out;
  run(now, Event::open, out);
  return out;
}

ControlOutput ControlProtocol::close(Instant now, std::string_view reason) {
  ControlOutput out;
  close_reason_ = std::string(reason);
  run(now, Event::close, out);
  return out;
}

ControlOutput ControlProtocol::rejected(Instant now, bool catastrophic) {
  ControlOutput out;
  run(now, catastrophic ? Event::rxj_minus : Event::rxj_plus, out);
  return out;
}

ControlOutput ControlProtocol::receive_unknown_code(Instant now, ByteView info) {
  ControlOutput out;
  Received rx;
  rx.raw = info;
  run(now, Event::ruc, out, &rx);
  return out;
}

ControlOutput ControlProtocol::on_deadline(Instant now) {
  ControlOutput out;
  if (!deadline_ || now < *deadline_) return out;
  deadline_.reset();
  if (!timer_runs_in(state_)) return out;
  // RFC 1661 §4.3: TO+ while the Restart counter is greater than zero, TO- once expired.
  const bool terminating = state_ == State::closing || state_ == State::stopping;
  const bool give_up =
      restart_counter_ == 0 || (terminating && config_.faults.terminate_once);  // ppp_faults.h
  if (give_up &&
      (state_ == State::req_sent || state_ == State::ack_rcvd || state_ == State::ack_sent))
    engine::append_action(out.notes, engine::Violation{&peer_diag::kNoResponse,
                                           fmt::format("{}: {} Configure-Requests unanswered",
                                                       name_, config_.max_configure)});
  run(now, give_up ? Event::to_minus : Event::to_plus, out);
  return out;
}

ControlOutput ControlProtocol::receive(Instant now, const ts::ppp::ControlPacket& p) {
  ControlOutput out;
  switch (p.code) {
    case code::kConfigureRequest:
      on_configure_request(now, p, out);
      break;
    case code::kConfigureAck:
    case code::kConfigureNak:
    case code::kConfigureReject:
      on_configure_reply(now, p, out);
      break;
    case code::kTerminateRequest: {
      engine::append_action(out.notes, engine::Violation{&peer_diag::kTerminatedByPeer,
                                             fmt::format("{} Terminate-Request \"{}\"", name_,
                                                         printable(p.data, 64))});
      Received rx;
      rx.packet = &p;
      run(now, Event::rtr, out, &rx);
      break;
    }
    case code::kTerminateAck:
      run(now, Event::rta, out);
      break;
    case code::kCodeReject:
      on_code_reject(now, p, out);
      break;
    default:
      break;  // the owner routes other codes
  }
  return out;
}

void ControlProtocol::on_configure_request(Instant now, const ts::ppp::ControlPacket& p,
                                           ControlOutput& out) {
  Received rx;
  rx.packet = &p;
  rx.judgement = policy_.judge(p);
  apply_judgement_faults(p, rx.judgement);
  for (auto& n : rx.judgement.notes) engine::append_action(out.notes, std::move(n));
  rx.judgement.notes.clear();
  // RFC 1661 §4.6: after Max-Failure Configure-Naks without an Ack, "any further
  // Configure-Nak packets for peer requested options are converted to Configure-Reject".
  if (rx.judgement.verdict == Verdict::nak && naks_without_ack_ >= config_.max_failure) {
    // Reject the options we would have Nak'd, with the peer's values (§5.4: unchanged).
    std::vector<OwnedOption> rejects;
    for (const auto& hint : rx.judgement.options)
      for (const auto& o : p.options)
        if (o.type == hint.type) rejects.push_back(owned(o));
    if (!rejects.empty()) {
      rx.judgement.verdict = Verdict::reject;
      rx.judgement.options = std::move(rejects);
    }
    if (!warned_not_converging_) {
      warned_not_converging_ = true;
      engine::append_action(out.notes,
                engine::Violation{&peer_diag::kNotConverging,
                                  fmt::format("{}: {} Naks sent", name_, naks_without_ack_)});
    }
  }
  run(now, rx.judgement.verdict == Verdict::ack ? Event::rcr_plus : Event::rcr_minus, out, &rx);
}

// Fault injection (ppp_faults.h): Rejects turned into Acks, an acceptable option Rejected.
void ControlProtocol::apply_judgement_faults(const ts::ppp::ControlPacket& p, Judgement& j) const {
  const auto& f = config_.faults;
  if (f.ack_instead_of_reject && j.verdict == Verdict::reject) {
    j.verdict = Verdict::ack;
    j.options.clear();
  }
  if (f.reject_option == 0 || j.verdict == Verdict::reject) return;
  for (const auto& o : p.options)
    if (o.type == f.reject_option) {
      j.verdict = Verdict::reject;
      j.options = {owned(o)};
    }
}

bool ControlProtocol::reply_is_current(const ts::ppp::ControlPacket& p, ControlOutput& out) {
  if (!negotiating(state_)) return true;  // the table answers with Terminate-Ack or ignores
  // RFC 1661 §5.2-§5.4: the Identifier MUST match that of the last transmitted
  // Configure-Request; invalid packets are silently discarded.
  if (!request_outstanding_ || (p.identifier != request_id_ && !config_.faults.accept_stale_reply)) {
    ++counters_.discarded;
    engine::append_action(out.notes, engine::Violation{&peer_diag::kStaleReply,
                                           fmt::format("{} reply id={} expected id={}", name_,
                                                       p.identifier, request_id_)});
    return false;
  }
  if (config_.faults.unchecked_reply_options) return true;  // fault injection (ppp_faults.h)
  if (p.code == code::kConfigureAck && owned_options(p) != request_) {
    // RFC 1661 §5.2: the options in a Configure-Ack MUST exactly match those of the last
    // transmitted Configure-Request.
    ++counters_.discarded;
    engine::append_action(out.notes, engine::Violation{&peer_diag::kAckMismatch,
                                           fmt::format("{} id={}", name_, p.identifier)});
    return false;
  }
  if (p.code == code::kConfigureReject) {
    // RFC 1661 §5.4: the options in a Configure-Reject MUST be a proper subset of those in
    // the last transmitted Configure-Request.
    for (const auto& o : p.options) {
      if (std::find(request_.begin(), request_.end(), owned(o)) == request_.end()) {
        ++counters_.discarded;
        engine::append_action(out.notes, engine::Violation{&peer_diag::kRejectNotSubset,
                                               fmt::format("{} id={} option type {}", name_,
                                                           p.identifier, o.type)});
        return false;
      }
    }
  }
  return true;
}

void ControlProtocol::on_configure_reply(Instant now, const ts::ppp::ControlPacket& p,
                                         ControlOutput& out) {
  if (!reply_is_current(p, out)) return;
  const bool live = negotiating(state_);
  // RFC 1661 §5.1: a valid reply ends the request (the next one gets a new Identifier), so
  // a duplicate of this reply will be stale.
  if (live) request_outstanding_ = false;
  if (p.code == code::kConfigureAck) {
    if (live) policy_.peer_acked();
    run(now, Event::rca, out);
    return;
  }
  if (live) {
    if (p.code == code::kConfigureNak) {
      if (!config_.faults.ignore_nak) policy_.apply_nak(p);  // else fault injection
    } else {
      policy_.apply_reject(p);
    }
  }
  // A refusal we cannot live with closes the layer at once, without another request.
  if (live && policy_.failure()) {
    check_policy_failure(now, out);
    return;
  }
  run(now, Event::rcn, out);
}

void ControlProtocol::check_policy_failure(Instant now, ControlOutput& out) {
  if (!policy_.failure() || state_ == State::closing || state_ == State::closed) return;
  engine::append_action(out.notes,
            engine::Violation{&peer_diag::kUnacceptable, name_ + ": " + *policy_.failure()});
  close_reason_ = *policy_.failure();
  run(now, Event::close, out);
}

void ControlProtocol::on_code_reject(Instant now, const ts::ppp::ControlPacket& p,
                                     ControlOutput& out) {
  const int rejected_code = p.data.empty() ? -1 : p.data[0];
  engine::append_action(out.notes, engine::Violation{&peer_diag::kCodeRejected,
                                         fmt::format("{} code {} rejected", name_, rejected_code)});
  // RFC 1661 §4.3 RXJ-: the rejected code is one the layer cannot do without (Configure-*,
  // Terminate-*, Code-Reject); RXJ+ for the others (Echo, Discard, Identification ...).
  const bool catastrophic =
      rejected_code >= code::kConfigureRequest && rejected_code <= code::kCodeReject;
  run(now, catastrophic != config_.faults.code_reject_inverted ? Event::rxj_minus : Event::rxj_plus,
      out);  // inverted: fault injection (ppp_faults.h)
}

void ControlProtocol::run(Instant now, Event e, ControlOutput& out, const Received* rx) {
  mp::Cell cell = mp::transition(state_, e);
  if (config_.faults.stay_opened && state_ == State::opened) {  // fault injection (ppp_faults.h)
    if (e == Event::rta) return;
    if (e == Event::rcr_plus || e == Event::rcr_minus)
      cell = mp::Cell{true, static_cast<std::uint16_t>(cell.actions & (mp::kSca | mp::kScn)), State::opened, 0};
  }
  if (!cell.legal) {
    const bool from_peer = e >= Event::rcr_plus;
    if (from_peer) {
      ++counters_.discarded;
      engine::append_action(out.notes, engine::Violation{&peer_diag::kIllegalEvent,
                                             fmt::format("{} {} in state {}", name_,
                                                         mp::to_string(e), mp::to_string(state_))});
    }
    return;
  }
  const State from = state_;
  if (!negotiating(from) && (cell.next == State::req_sent || cell.next == State::ack_sent)) {
    policy_.reset();
    request_outstanding_ = false;
    naks_without_ack_ = 0;
    warned_not_converging_ = false;
  }
  state_ = cell.next;
  if (from != state_)
    engine::append_action(out.notes, engine::StateChange{name_, std::string(mp::to_string(from)),
                                             std::string(mp::to_string(state_))});
  execute(now, cell.actions, out, rx);
  if (!timer_runs_in(state_)) deadline_.reset();
}

// RFC 1661 §5.2: the Configure-Ack's Identifier is the request's (a fault may break it).
std::uint8_t ControlProtocol::ack_identifier(const ts::ppp::ControlPacket& request) const {
  return static_cast<std::uint8_t>(request.identifier + (config_.faults.wrong_ack_identifier ? 1 : 0));
}

void ControlProtocol::execute(Instant now, std::uint16_t a, ControlOutput& out,
                              const Received* rx) {
  if (a & mp::kTld) out.signals.push_back(LayerSignal::down);
  if (a & mp::kIrc)
    restart_counter_ = (a & mp::kStr) ? config_.max_terminate : config_.max_configure;
  if (a & mp::kZrc) {
    restart_counter_ = 0;
    start_timer(now);
    if (config_.faults.hangup_at_once) deadline_ = now;  // fault injection (ppp_faults.h)
  }
  if (a & mp::kScr) send_configure_request(now, out);
  if ((a & mp::kSca) && rx && rx->packet) {
    policy_.peer_request_acked(*rx->packet);
    naks_without_ack_ = 0;
    ++counters_.acks_sent;
    push_packet(out.packets, ts::ppp::encode_control(
                                 protocol_, packet_with(code::kConfigureAck, ack_identifier(*rx->packet),
                                                        owned_options(*rx->packet))));
  }
  if ((a & mp::kScn) && rx && rx->packet) {
    const bool nak = rx->judgement.verdict == Verdict::nak && !config_.faults.nak_as_reject;
    if (nak) ++naks_without_ack_;
    ++(nak ? counters_.naks_sent : counters_.rejects_sent);
    push_packet(out.packets,
                ts::ppp::encode_control(
                    protocol_, packet_with(nak ? code::kConfigureNak : code::kConfigureReject,
                                           rx->packet->identifier, rx->judgement.options)));
  }
  if (a & mp::kStr) {
    ++counters_.terminate_requests_sent;
    if (restart_counter_ > 0) --restart_counter_;
    start_timer(now);
    send_simple(out, code::kTerminateRequest, take_identifier(), as_bytes(close_reason_));
  }
  if ((a & mp::kSta) && rx && rx->packet) {
    if (!config_.faults.no_terminate_ack)  // fault injection (ppp_faults.h) when set
      send_simple(out, code::kTerminateAck, rx->packet->identifier, {});
  }
  else if (a & mp::kSta)
    send_simple(out, code::kTerminateAck, take_identifier(), {});
  if ((a & mp::kScj) && rx && !config_.faults.no_code_reject) {
    ++counters_.code_rejects_sent;
    send_simple(out, code::kCodeReject, take_identifier(), rx->raw);
  }
  if (a & mp::kTlu) out.signals.push_back(LayerSignal::up);
  if (a & mp::kTls) out.signals.push_back(LayerSignal::started);
  if (a & mp::kTlf) out.signals.push_back(LayerSignal::finished);
}

void ControlProtocol::send_configure_request(Instant now, ControlOutput& out) {
  // RFC 1661 §5.1: the Identifier MUST change whenever the options change or a valid reply
  // was received; we take a new one for every request, retransmissions included.
  request_ = policy_.request();
  request_id_ = take_identifier();
  request_outstanding_ = true;
  if (restart_counter_ > 0) --restart_counter_;
  start_timer(now);
  ++counters_.configure_requests_sent;
  push_packet(out.packets, ts::ppp::encode_control(protocol_, packet_with(code::kConfigureRequest,
                                                                          request_id_, request_)));
}

void ControlProtocol::send_simple(ControlOutput& out, std::uint8_t c, std::uint8_t id,
                                  ByteView data) {
  ts::ppp::ControlPacket p;
  p.code = c;
  p.identifier = id;
  p.data = data;
  push_packet(out.packets, ts::ppp::encode_control(protocol_, p));
}

}  // namespace ts::endpoints::ppp
