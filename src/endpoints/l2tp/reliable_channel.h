#pragma once
// ReliableChannel: the reliable delivery of one tunnel's control messages (RFC 2661 §5.8,
// Appendix A), used by both the LAC and the LNS. Sans-I/O (src/engine/endpoint.h): every
// call takes the current protocol time, returns the datagrams to put on the wire, and the
// owner calls on_deadline() at next_deadline(). No clock, no socket, deterministic.
//
// Sending (§5.8):
//  - send() queues a control message; the channel assigns Ns (from 0, modulo 65536), fills
//    Nr, and transmits while the unacknowledged count is below min(CWND, the peer's Receive
//    Window Size) (Appendix A, §5.8). Messages beyond the window wait, in order.
//  - Unacknowledged messages are kept. One retransmission timer runs for the oldest: after
//    initial_timeout, then doubling up to max_timeout, it is retransmitted with the same Ns
//    and the current Nr ("MUST be updated"), and CWND/SSTHRESH are reduced (Appendix A).
//    After max_retransmissions unanswered retransmissions: event::TunnelDead, and the
//    channel goes inert (dead() == true): §5.8's "MUST be cleared" is the owner's to do.
//  - A received Nr releases every message before it (each one an Appendix A ACK); the timer
//    restarts at initial_timeout for the new oldest, or stops when none is left.
//
// Receiving (§5.8), for each control message handed to on_receive():
//  - its Nr is processed first, whatever its Ns (an Nr beyond what we sent is
//    diag::kNrUnsent and ignored; an Nr behind our oldest unacknowledged one is stale and
//    ignored silently: the peer's messages may be reordered);
//  - a ZLB (no AVPs) only acknowledges; it takes no sequence slot;
//  - Ns == expected: delivered, Nr advances, and queued messages now in order follow;
//  - Ns at or before the last received one (duplicate): not delivered, but acknowledged;
//  - Ns ahead within our receive window: queued (queue_out_of_order) or dropped;
//  - Ns further ahead: dropped, diag::kNsBeyondWindow (the peer may have at most our
//    window outstanding).
//  - The acknowledgement rides on the next message sent (new or retransmitted); if none
//    goes out within ack_delay, a ZLB ACK (Ns = next Ns, not incremented) is sent.
//
// Ownership: send() encodes the message at once (options apply: hiding needs the secret and
// a random vector), so the message's views need only live for the call. Delivered
// messages are the received datagrams, owned; the owner decodes them with its own
// DecodeOptions (secret). on_receive() decodes only for the header and the ZLB test.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <vector>

#include "dissectors/l2tp/message.h"
#include "src/core/bytes.h"
#include "src/core/time.h"
#include "src/endpoints/l2tp/channel_event.h"
#include "src/endpoints/l2tp/congestion_window.h"
#include "src/endpoints/l2tp/reliable_channel_config.h"
#include "src/engine/endpoint.h"
#include "src/engine/timer_set.h"

namespace ts::endpoints::l2tp {

struct ChannelCounters {
  std::uint64_t sent = 0;           // first transmissions of non-ZLB messages
  std::uint64_t retransmitted = 0;  // retransmissions
  std::uint64_t acknowledged = 0;   // our messages released by the peer's Nr
  std::uint64_t received = 0;       // non-ZLB control messages handed in (any outcome)
  std::uint64_t delivered = 0;      // handed to the owner, in order
  std::uint64_t duplicates = 0;
  std::uint64_t out_of_order = 0;   // received ahead of the expected Ns (queued or dropped)
  std::uint64_t out_of_window = 0;  // of which beyond our window
  std::uint64_t zlb_sent = 0;
  std::uint64_t zlb_received = 0;
  std::uint64_t discarded = 0;      // not usable (see event::Discarded)
};

// What one call produced, in order within each list.
struct ChannelOutput {
  std::vector<Bytes> datagrams;  // UDP payloads to send to the peer now
  std::vector<Bytes> delivered;  // received control messages, in Ns order, each once
  std::vector<ChannelEvent> events;
  std::vector<engine::Violation> violations;  // the peer's faults (by_us = false)
};

class ReliableChannel {
 public:
  explicit ReliableChannel(ReliableChannelConfig config);

  // Queues `msg` (a control message with at least a Message Type; the channel forces
  // T=1, L=1, S=1, O=0, P=0 and writes Ns/Nr). Precondition: not a ZLB (the channel sends
  // those itself). The tunnel and session ids are the message's.
  ChannelOutput send(Instant now, const ts::l2tp::Message& msg,
                     const ts::l2tp::EncodeOptions& options = {});
  // One received UDP payload of this tunnel (the owner routed it by Tunnel ID).
  ChannelOutput on_receive(Instant now, ByteView datagram);
  // Timers due at `now`: retransmission, tunnel death, delayed ZLB ACK.
  ChannelOutput on_deadline(Instant now);
  std::optional<Instant> next_deadline() const;

  // The peer's Receive Window Size AVP (§4.4.3) arrived. 0 is invalid (§5.8): refused,
  // returns false, the window is unchanged.
  bool set_peer_receive_window(std::uint16_t window);
  // Gives up delivering our own messages (unacknowledged and waiting ones): the peer sent
  // StopCCN, so nothing of ours needs to reach it any more (RFC 2661 §5.7). Received
  // messages are still acknowledged, so the StopCCN's retransmissions get their ZLB.
  void abandon_outgoing();
  // The peer's Assigned Tunnel ID, for the ZLB ACKs this channel sends.
  void set_peer_tunnel_id(std::uint16_t id) { config_.peer_tunnel_id = id; }

  const ReliableChannelConfig& config() const { return config_; }
  const ChannelCounters& counters() const { return counters_; }
  const CongestionWindow& congestion() const { return cwnd_; }
  std::uint16_t next_ns() const { return next_ns_; }        // Ns of the next new message
  std::uint16_t expected_ns() const { return expected_ns_; }  // our Nr
  std::size_t unacknowledged() const { return unacked_.size(); }
  std::size_t waiting() const { return waiting_.size(); }  // queued, not yet sent
  bool ack_pending() const { return ack_pending_; }
  bool dead() const { return dead_; }
  // Nothing unacknowledged, nothing waiting, no acknowledgement owed.
  bool idle() const { return unacked_.empty() && waiting_.empty() && !ack_pending_; }
  // initial timeout + every back-off interval up to the TunnelDead declaration: how long
  // §5.7 says to keep a closing tunnel's state (31 s with the defaults).
  Duration full_retransmission_cycle() const;

 private:
  enum class Timer : std::uint8_t { retransmit, ack };
  struct Unacked {
    std::uint16_t ns = 0;
    Bytes datagram;
    unsigned retransmissions = 0;
  };

  Duration timeout_after(unsigned retransmissions) const;
  void transmit_waiting(Instant now, ChannelOutput& out);
  void process_nr(Instant now, std::uint16_t nr, ChannelOutput& out);
  void accept(Instant now, const ts::l2tp::Message& msg, ByteView datagram, ChannelOutput& out);
  void schedule_ack(Instant now);
  void retransmit_oldest(Instant now, ChannelOutput& out);
  void send_zlb(ChannelOutput& out);
  void die(ChannelOutput& out);

  ReliableChannelConfig config_;
  CongestionWindow cwnd_;
  engine::TimerSet<Timer> timers_;
  ChannelCounters counters_;
  std::uint16_t next_ns_ = 0;      // Ns of the next new message
  std::uint16_t expected_ns_ = 0;  // Nr: the next Ns we expect from the peer
  std::deque<Unacked> unacked_;    // sent, not acknowledged, oldest first
  std::deque<Bytes> waiting_;      // queued, not yet sent (no Ns yet)
  std::map<std::uint16_t, Bytes> out_of_order_;  // held ahead of expected_ns_, by Ns
  bool ack_pending_ = false;
  bool stalled_ = false;  // a WindowStalled event was reported and the stall persists
  bool dead_ = false;
};

}  // namespace ts::endpoints::l2tp
