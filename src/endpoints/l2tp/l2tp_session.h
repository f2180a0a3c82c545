#pragma once
// L2tpSession: one call of a tunnel (RFC 2661 §5.2, §7.4, §7.5) as its owner (Tunnel) sees
// it: ids, which kind of call it is, its state in the role-agnostic session table
// (src/machines/l2tp/session_machine.h), the link it carries, and the data channel with
// optional sequencing (§5.4). The Tunnel sends and receives the session's control
// messages; the session turns PPP frames into data messages and back.
//
// Data channel contract:
//  - build_data() frames one PPP frame as a data message to the peer's Tunnel/Session ID,
//    with Ns when sequencing is on (Nr is reserved in data messages, sent as 0, §3.1).
//  - accept_data() takes a decoded data message for this session and returns the PPP
//    frame to hand to the link, or nullopt for a stale/duplicate sequenced message
//    (never delivered twice). Losses and reorders are counted, not retransmitted (§5.4).
//    An LAC mirrors the LNS's sequencing choice unless Sequencing Required was sent.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "dissectors/l2tp/message.h"
#include "src/core/bytes.h"
#include "src/core/time.h"
#include "src/endpoints/l2tp/l2tp_config.h"
#include "src/engine/session_link.h"
#include "src/machines/l2tp/session_machine.h"

namespace ts::endpoints::l2tp {

enum class CallKind : std::uint8_t { incoming, outgoing };

struct SessionCounters {
  std::uint64_t frames_sent = 0, frames_received = 0;
  std::uint64_t bytes_sent = 0, bytes_received = 0;
  std::uint64_t lost = 0;        // sequence gaps seen on receive
  std::uint64_t stale = 0;       // sequenced data at or before the last delivered Ns: dropped
  std::uint64_t unsequenced = 0; // data without Ns while both sides must sequence
};

// What the peer told us about the call (for timelines and assertions).
struct CallInfo {
  std::string called_number, calling_number;
  std::uint32_t serial = 0;
  std::uint32_t tx_speed = 0, rx_speed = 0;
  bool sequencing_required = false;     // Sequencing Required AVP seen (§4.4.6)
  bool proxy_lcp = false;               // proxy LCP AVPs seen in ICCN (§4.4.5)
  std::string proxy_authen_name;        // Proxy Authen Name, when sent
  std::uint16_t proxy_authen_type = 0;  // Proxy Authen Type (§4.4.5), 0 = none sent
  std::optional<std::uint32_t> peer_send_accm, peer_recv_accm;  // last SLI
  std::uint64_t wen_count = 0;          // WAN-Error-Notify messages received
};

class L2tpSession {
 public:
  L2tpSession(L2tpRole role, CallKind kind, std::uint16_t tunnel_local_id,
              std::uint16_t local_id, const L2tpConfig& config);

  // Feeds one session message we sent or received to the §7.4/§7.5 table. Returns the
  // step (legal or not); the state changes only on legal steps.
  machines::Step<machines::l2tp::SessionState> apply(machines::Direction d,
                                                     std::uint16_t message_type);

  Bytes build_data(ByteView frame);
  std::optional<ByteView> accept_data(const ts::l2tp::Message& msg);

  std::string entity() const;  // "session <tunnel>/<session>"
  L2tpRole role() const { return role_; }
  CallKind kind() const { return kind_; }
  machines::l2tp::SessionState state() const { return state_; }
  bool established() const { return state_ == machines::l2tp::SessionState::established; }
  std::uint16_t local_id() const { return local_id_; }
  std::uint16_t peer_id() const { return peer_id_; }
  void set_peer_id(std::uint16_t id) { peer_id_ = id; }
  void set_peer_tunnel_id(std::uint16_t id) { peer_tunnel_id_ = id; }
  // Both sides MUST sequence (the LAC sent Sequencing Required, §5.4).
  void require_sequencing() { sequencing_required_ = true; send_sequenced_ = true; }
  bool sequencing_required() const { return sequencing_required_; }
  bool sending_sequenced() const { return send_sequenced_; }

  engine::SessionLink* link() { return link_.get(); }
  const engine::SessionLink* link() const { return link_.get(); }
  void attach_link(std::unique_ptr<engine::SessionLink> link) { link_ = std::move(link); }
  std::unique_ptr<engine::SessionLink> detach_link() { return std::move(link_); }

  CallInfo& info() { return info_; }
  const CallInfo& info() const { return info_; }
  const SessionCounters& counters() const { return counters_; }
  std::optional<Instant> setup_deadline;  // cleared once established
  std::optional<Instant> dial_deadline;   // LAC outgoing call: when the "call" answers
  std::optional<Instant> close_deadline;  // graceful hangup: CDN by then even if the link lingers
  bool sli_sent = false;

 private:
  L2tpRole role_;
  CallKind kind_;
  std::uint16_t tunnel_local_id_;
  std::uint16_t local_id_;
  std::uint16_t peer_id_ = 0;
  std::uint16_t peer_tunnel_id_ = 0;
  bool length_bit_;
  L2tpFaults faults_;  // self-tests only (l2tp_faults.h): the data-channel switches
  machines::l2tp::SessionState state_ = machines::l2tp::SessionState::idle;
  std::unique_ptr<engine::SessionLink> link_;
  CallInfo info_;
  SessionCounters counters_;
  bool sequencing_required_ = false;
  bool send_sequenced_ = false;
  std::uint16_t next_ns_ = 0;
  std::optional<std::uint16_t> last_received_ns_;
};

}  // namespace ts::endpoints::l2tp
