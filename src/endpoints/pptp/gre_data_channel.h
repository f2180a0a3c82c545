#pragma once
// GreDataChannel: one PPTP call's enhanced GRE data path (RFC 2637 §4), used by the PAC and
// the PNS alike. Sans-I/O: every call takes the current protocol time and returns the GRE
// packets to send; the owner calls on_deadline() at next_deadline(). No clock, no socket.
//
// Sending (§4.1, §4.2):
//  - send() takes one PPP frame (no HDLC framing) and sends it as GRE version 1, K=1, S=1,
//    Key = payload length | peer's Call ID, Sequence Number from 0, and the Acknowledgment
//    Number (A=1) when an acknowledgement is owed (piggybacked).
//  - At most `window()` packets await acknowledgement. The window starts at half the peer's
//    Packet Recv. Window Size (minimum 1, §4.2.1), grows by one after each whole window is
//    acknowledged without a time-out, up to the peer's size (§4.2.3), and halves, rounded
//    up, on a time-out (§4.2.2). Frames beyond the window wait in a bounded queue or are
//    dropped (config); both counted.
//  - The oldest unacknowledged packet times out after ATO. No retransmission (§4.2): on a
//    time-out every outstanding packet is given up as lost (counted), the window closes,
//    RTT backs off (§4.4.2) and queued frames flow again.
//  - An Acknowledgment Number acknowledges every outstanding packet at or before it
//    (§4.2.5); the sample is the age of the highest one, fed to §4.4.1 when adaptive.
//    An Acknowledgment Number for a packet never sent: diag kGreAckUnsent, ignored.
// Receiving (§4.3), for each packet of this call:
//  - its Acknowledgment Number is processed first;
//  - a payload with the next expected sequence number is delivered, then any held ones
//    that now follow; one ahead is held (reorder=true, within receive_window, at most
//    reorder_hold, then the gap is given up as lost) or delivered at once with the gap
//    given up (reorder=false); one at or before the last delivered/skipped number is
//    discarded silently (duplicate or late). Nothing is ever delivered twice.
//  - The highest sequence number received is acknowledged (§4.1), on the next data packet,
//    or by an ack-only packet (S=0, A=1, no payload) after ack_delay.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "dissectors/gre/header.h"
#include "src/core/bytes.h"
#include "src/core/time.h"
#include "src/endpoints/pptp/gre_data_channel_config.h"
#include "src/engine/endpoint.h"
#include "src/engine/timer_set.h"

namespace ts::endpoints::pptp {

struct GreCounters {
  std::uint64_t sent = 0;            // data packets sent
  std::uint64_t ack_only_sent = 0;   // ack-only packets sent
  std::uint64_t piggybacked = 0;     // data packets that carried an acknowledgement
  std::uint64_t queued = 0;          // frames that waited for the window
  std::uint64_t dropped_window = 0;  // frames dropped: window full and queue full/off
  std::uint64_t acknowledged = 0;    // our packets acknowledged by the peer
  std::uint64_t timeouts = 0;        // acknowledgement time-outs
  std::uint64_t given_up = 0;        // outstanding packets given up on time-outs
  std::uint64_t received = 0;        // data packets received (any outcome)
  std::uint64_t ack_only_received = 0;
  std::uint64_t delivered = 0;     // frames handed to the owner, in order, once each
  std::uint64_t out_of_order = 0;  // data packets that arrived ahead of the expected one
  std::uint64_t reordered = 0;     // of those, delivered in order after being held
  std::uint64_t duplicates = 0;    // discarded: already delivered or held
  std::uint64_t late = 0;          // discarded: arrived after their gap was given up
  std::uint64_t skipped = 0;       // sequence numbers never received (given up as lost)
};

struct GreOutput {
  std::vector<Bytes> packets;    // GRE packets (header + payload) to send now, in order
  std::vector<Bytes> delivered;  // PPP frames received, in sequence order
  std::vector<engine::Violation> violations;
  void append(GreOutput&& other);
};

class GreDataChannel {
 public:
  GreDataChannel(GreDataChannelConfig config, Instant now);

  GreOutput send(Instant now, ByteView ppp_frame);
  // A decoded GRE v1 packet whose Key Call ID is ours (the owner demultiplexed it).
  GreOutput on_receive(Instant now, const gre::Header& packet);
  GreOutput on_deadline(Instant now);
  std::optional<Instant> next_deadline() const { return timers_.next(); }

  const GreDataChannelConfig& config() const { return config_; }
  const GreCounters& counters() const { return counters_; }
  std::uint16_t window() const { return window_; }
  std::size_t outstanding() const { return outstanding_.size(); }
  std::size_t waiting() const { return queue_.size(); }
  Duration rtt() const { return rtt_; }
  Duration ato() const { return ato_; }
  bool ack_pending() const { return ack_pending_; }

 private:
  enum class Timer : std::uint8_t { ack_timeout, send_ack, reorder };
  struct Outstanding {
    std::uint32_t seq = 0;
    Instant sent_at{};
  };

  void transmit(Instant now, ByteView frame, GreOutput& out);
  void transmit_queued(Instant now, GreOutput& out);
  void process_ack(Instant now, std::uint32_t ack, GreOutput& out);
  void accept(Instant now, std::uint32_t seq, ByteView payload, GreOutput& out);
  void deliver(std::uint32_t seq, Bytes frame, GreOutput& out);
  void drain_held(GreOutput& out);
  void skip_to_first_held(GreOutput& out);
  void time_out(Instant now, GreOutput& out);
  void update_rtt(Duration sample);
  void compute_ato();
  void arm_ack_timeout();
  Bytes encode_packet(bool with_seq, ByteView payload);

  GreDataChannelConfig config_;
  engine::TimerSet<Timer> timers_;
  GreCounters counters_;
  std::uint16_t window_ = 1;
  std::uint32_t acked_in_window_ = 0;
  std::uint32_t next_seq_ = 0;
  std::deque<Outstanding> outstanding_;
  std::deque<Bytes> queue_;
  Duration rtt_{};
  double dev_ns_ = 0.0;
  Duration ato_{};
  std::uint32_t expected_ = 0;  // next sequence number to deliver
  bool any_received_ = false;
  std::uint32_t highest_received_ = 0;
  bool ack_pending_ = false;
  std::map<std::uint32_t, Bytes> held_;  // ahead of expected_, by distance order
  std::set<std::uint32_t> recent_;       // recently delivered numbers (duplicate detection)
  std::deque<std::uint32_t> recent_order_;
};

}  // namespace ts::endpoints::pptp
