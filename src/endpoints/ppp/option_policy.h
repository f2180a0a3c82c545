#pragma once
// OptionPolicy: the per-protocol decisions of a PPP control protocol (LCP, IPCP, IPv6CP,
// CCP), consulted by ControlProtocol (control_protocol.h), which runs the RFC 1661 §4
// automaton and owns identifiers, timers and counters. The policy knows what to ask for,
// how to judge what the peer asks for, and records what was agreed; it never sends.
//
// Contract:
//  - request() gives the options of our next Configure-Request (possibly none).
//  - judge() classifies the peer's Configure-Request (RFC 1661 §5.1-§5.4): reject when any
//    option is unrecognised or not negotiable (the Reject lists only those, unchanged);
//    otherwise nak when any value is unacceptable (the Nak lists those with hints);
//    otherwise ack. It may also return notes (Violations for malformed options).
//  - peer_acked(): our last request was acknowledged (our values are in force).
//  - peer_request_acked(): we acknowledged the peer's request (its values are in force).
//  - apply_nak()/apply_reject(): adjust our next request; set failure() when the peer
//    refuses something this side cannot do without (the owner then closes the layer).
//  - reset(): a new negotiation starts (This-Layer-Started / Down): forget agreements.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dissectors/ppp/control_packet.h"
#include "src/core/bytes.h"
#include "src/engine/endpoint.h"

namespace ts::endpoints::ppp {

// A Configuration Option that owns its data (ConfigOption views a decoded buffer).
struct OwnedOption {
  std::uint8_t type = 0;
  Bytes data;
  friend bool operator==(const OwnedOption&, const OwnedOption&) = default;
};

OwnedOption owned(const ts::ppp::ConfigOption& o);
OwnedOption option_u16(std::uint8_t type, std::uint16_t value);
OwnedOption option_u32(std::uint8_t type, std::uint32_t value);
std::uint32_t read_be32(ByteView data);  // data.size() >= 4
std::uint16_t read_be16(ByteView data);  // data.size() >= 2

enum class Verdict : std::uint8_t { ack, nak, reject };

struct Judgement {
  Verdict verdict = Verdict::ack;
  std::vector<OwnedOption> options;  // the Nak hints or the rejected options (empty for ack)
  engine::Actions notes;             // Violations about the request
};

// Builds a Judgement from per-option decisions, with RFC 1661's precedence: any reject
// wins over naks, which win over ack.
class JudgementBuilder {
 public:
  void reject(const ts::ppp::ConfigOption& o) { rejects_.push_back(owned(o)); }
  void nak(OwnedOption hint) { naks_.push_back(std::move(hint)); }
  void note(const DiagnosticDef& def, std::string detail);
  Judgement finish();

 private:
  std::vector<OwnedOption> rejects_;
  std::vector<OwnedOption> naks_;
  engine::Actions notes_;
};

class OptionPolicy {
 public:
  virtual ~OptionPolicy() = default;
  virtual std::vector<OwnedOption> request() = 0;
  virtual Judgement judge(const ts::ppp::ControlPacket& request) = 0;
  virtual void peer_acked() = 0;
  virtual void peer_request_acked(const ts::ppp::ControlPacket& request) = 0;
  virtual void apply_nak(const ts::ppp::ControlPacket& nak) = 0;
  virtual void apply_reject(const ts::ppp::ControlPacket& reject) = 0;
  virtual void reset() = 0;
  // Set when negotiation cannot succeed (a required option rejected, no acceptable value).
  const std::optional<std::string>& failure() const { return failure_; }

 protected:
  void fail(std::string why) {
    if (!failure_) failure_ = std::move(why);
  }
  void clear_failure() { failure_.reset(); }

 private:
  std::optional<std::string> failure_;
};

}  // namespace ts::endpoints::ppp
