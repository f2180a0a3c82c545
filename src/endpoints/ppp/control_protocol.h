#pragma once
// ControlProtocol: one PPP control protocol (LCP, IPCP, IPv6CP, CCP) as the RFC 1661 §4
// option negotiation automaton in action. The transitions are the table of
// src/machines/ppp/option_automaton.h; this class executes its actions (§4.4): it sends
// Configure/Terminate/Code-Reject packets, runs the Restart timer and counter (§4.6), picks
// Identifiers (§5) and reports the layer signals (This-Layer-Up/Down/Started/Finished) to
// its owner. Which options to ask for and accept is the OptionPolicy's (option_policy.h).
// Sans-I/O: every call takes `now` and returns packets; the owner calls on_deadline().
//
// Receiving (receive(), codes 1-7; the owner handles LCP codes 8-13 and CCP 14-15 itself
// and passes other unknown codes to receive_unknown_code()):
//  - Configure-Request: judged by the policy -> RCR+ (Ack) or RCR- (Nak/Reject). After
//    max_failure Naks without an Ack, Naks become Rejects (§4.6 Max-Failure).
//  - Configure-Ack/Nak/Reject: while negotiating (Req-Sent .. Opened) a reply whose
//    Identifier is not our last Configure-Request's is silently discarded (§5.2-§5.4); an
//    Ack must repeat our options exactly (§5.2), a Reject must name a subset (§5.4),
//    otherwise discarded with a Violation. A policy failure() after a Nak/Reject closes the
//    layer with peer_diag::kUnacceptable.
//  - Terminate-Request -> RTR (the Ack copies its Identifier), Terminate-Ack -> RTA,
//    Code-Reject -> RXJ- when it rejects codes 1-7 (the layer cannot work), else RXJ+.
//  - An event the table marks illegal in the current state is a Violation and ignored.
// Timer (§4.6): Restart timer runs in Closing, Stopping, Req-Sent, Ack-Rcvd and Ack-Sent;
// each Configure-Request / Terminate-Request sent decrements the counter; expiry is TO+
// while the counter is above zero, else TO- (with Max-Configure unanswered requests the
// layer gives up after restart x max_configure).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dissectors/ppp/control_packet.h"
#include "src/core/bytes.h"
#include "src/core/time.h"
#include "src/endpoints/ppp/ppp_faults.h"
#include "src/endpoints/ppp/option_policy.h"
#include "src/engine/endpoint.h"
#include "src/machines/ppp/option_automaton.h"

namespace ts::endpoints::ppp {

// RFC 1661 §4.6 defaults.
struct ControlProtocolConfig {
  Duration restart = std::chrono::seconds(3);
  unsigned max_terminate = 2;
  unsigned max_configure = 10;
  unsigned max_failure = 5;
  // Conformance self-tests only: deliberate RFC violations (ppp_faults.h). Default: none.
  ControlFaults faults;
};

enum class LayerSignal : std::uint8_t { up, down, started, finished };

struct ControlOutput {
  std::vector<Bytes> packets;  // Information fields of this protocol, to send in order
  engine::Actions notes;       // StateChange and Violation
  std::vector<LayerSignal> signals;
  void append(ControlOutput&& other);
  bool has(LayerSignal s) const;
};

struct ControlCounters {
  std::uint64_t configure_requests_sent = 0;
  std::uint64_t naks_sent = 0;
  std::uint64_t rejects_sent = 0;
  std::uint64_t acks_sent = 0;
  std::uint64_t terminate_requests_sent = 0;
  std::uint64_t code_rejects_sent = 0;
  std::uint64_t discarded = 0;  // stale or invalid replies, illegal events
};

// True in the states where the automaton is (re)negotiating or closing (Req-Sent,
// Ack-Rcvd, Ack-Sent, Closing, Stopping): the peer's view may legitimately differ from
// ours for a moment (a lost Configure-Ack, a Terminate-Request in flight).
inline bool views_may_differ(machines::ppp::State s) {
  using S = machines::ppp::State;
  return s == S::req_sent || s == S::ack_rcvd || s == S::ack_sent || s == S::closing ||
         s == S::stopping;
}

class ControlProtocol {
 public:
  // `name` is the timeline entity ("LCP"); `policy` must outlive this object.
  ControlProtocol(std::string name, std::uint16_t protocol, ControlProtocolConfig config,
                  OptionPolicy& policy);

  // Administrative and lower-layer events (RFC 1661 §4.3).
  ControlOutput up(Instant now);
  ControlOutput down(Instant now);
  ControlOutput open(Instant now);
  ControlOutput close(Instant now, std::string_view reason);
  // A decoded packet of this protocol (codes 1-7; others go to receive_unknown_code).
  ControlOutput receive(Instant now, const ts::ppp::ControlPacket& packet);
  // RUC: a packet with a code this protocol does not know; `info` is rejected whole.
  ControlOutput receive_unknown_code(Instant now, ByteView info);
  // RXJ+ / RXJ- decided by the owner (LCP Protocol-Reject of LCP itself is catastrophic).
  ControlOutput rejected(Instant now, bool catastrophic);
  ControlOutput on_deadline(Instant now);
  std::optional<Instant> next_deadline() const { return deadline_; }

  machines::ppp::State state() const { return state_; }
  bool opened() const { return state_ == machines::ppp::State::opened; }
  const std::string& name() const { return name_; }
  std::uint16_t protocol() const { return protocol_; }
  const ControlCounters& counters() const { return counters_; }
  const ControlProtocolConfig& config() const { return config_; }
  // A fresh Identifier for a packet the owner originates (Echo-Request, Reset-Request ...).
  std::uint8_t take_identifier() { return ++identifier_; }

 private:
  using Event = machines::ppp::Event;
  struct Received;  // the packet being processed, for sca/scn/sta

  void run(Instant now, Event e, ControlOutput& out, const Received* rx = nullptr);
  void execute(Instant now, std::uint16_t actions, ControlOutput& out, const Received* rx);
  void on_configure_request(Instant now, const ts::ppp::ControlPacket& p, ControlOutput& out);
  void on_configure_reply(Instant now, const ts::ppp::ControlPacket& p, ControlOutput& out);
  bool reply_is_current(const ts::ppp::ControlPacket& p, ControlOutput& out);
  void on_code_reject(Instant now, const ts::ppp::ControlPacket& p, ControlOutput& out);
  void send_configure_request(Instant now, ControlOutput& out);
  void send_simple(ControlOutput& out, std::uint8_t code, std::uint8_t id, ByteView data);
  void check_policy_failure(Instant now, ControlOutput& out);
  std::uint8_t ack_identifier(const ts::ppp::ControlPacket& request) const;
  void start_timer(Instant now) {
    deadline_ = now + config_.restart * (config_.faults.slow_restart ? 2 : 1);  // ppp_faults.h
  }
  void apply_judgement_faults(const ts::ppp::ControlPacket& p, Judgement& j) const;

  std::string name_;
  std::uint16_t protocol_;
  ControlProtocolConfig config_;
  OptionPolicy& policy_;
  machines::ppp::State state_ = machines::ppp::State::initial;
  std::optional<Instant> deadline_;
  unsigned restart_counter_ = 0;
  unsigned naks_without_ack_ = 0;
  bool warned_not_converging_ = false;
  std::uint8_t identifier_ = 0;
  std::uint8_t request_id_ = 0;       // Identifier of our last Configure-Request
  bool request_outstanding_ = false;  // one was sent in this negotiation
  std::vector<OwnedOption> request_;  // its options
  std::string close_reason_;
  ControlCounters counters_;
};

}  // namespace ts::endpoints::ppp
