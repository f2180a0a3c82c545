#include "src/endpoints/pptp/gre_data_channel.h"

#include <algorithm>
#include <cmath>

#include "src/endpoints/pptp/pptp_endpoint_diagnostics.h"

namespace ts::endpoints::pptp {

namespace {

// Sequence numbers are 32-bit counters (§4.1); `a` is after `b` when the signed distance
// from b to a is positive (serial arithmetic, so a wrap at 2^32 is harmless).
std::int32_t distance(std::uint32_t from, std::uint32_t to) {
  return static_cast<std::int32_t>(to - from);
}

constexpr std::size_t kRecentLimit = 1024;  // delivered numbers remembered for duplicates

}  // namespace

void GreOutput::append(GreOutput&& other) {
  for (auto& p : other.packets) packets.push_back(std::move(p));
  for (auto& d : other.delivered) delivered.push_back(std::move(d));
  for (auto& v : other.violations) violations.push_back(std::move(v));
}

GreDataChannel::GreDataChannel(GreDataChannelConfig config, Instant) : config_(config) {
  if (config_.peer_window == 0) config_.peer_window = 1;
  if (config_.receive_window == 0) config_.receive_window = 1;
  // RFC 2637 §4.2.1: the initial window is half what the receiver requested, at least 1.
  window_ = std::max<std::uint16_t>(1, config_.peer_window / 2);
  // RFC 2637 §4.4: RTT starts at PPD; DEV starts at 0.
  rtt_ = config_.initial_rtt;
  compute_ato();
}

Bytes GreDataChannel::encode_packet(bool with_seq, ByteView payload) {
  gre::Header h;
  h.key_present = true;
  h.version = 1;
  h.protocol_type = gre::kProtocolPpp;
  h.call_id = config_.peer_call_id;
  h.sequence_present = with_seq;
  if (with_seq) h.sequence_number = next_seq_++;
  if (with_seq && config_.faults.reserved_bit_set) h.strict_source_route = true;  // fault injection
  if (ack_pending_) {
    h.ack_present = true;
    h.acknowledgment_number =
        config_.faults.ack_delivered_only ? expected_ - 1 : highest_received_;  // fault injection
    ack_pending_ = false;
    timers_.cancel(Timer::send_ack);
  }
  return gre::encode(h, payload);
}

GreOutput GreDataChannel::send(Instant now, ByteView ppp_frame) {
  GreOutput out;
  if ((outstanding_.size() < window_ && queue_.empty()) || config_.faults.ignore_window) {
    transmit(now, ppp_frame, out);
  } else if (config_.queue_when_window_full && queue_.size() < config_.send_queue_limit) {
    // RFC 2637 §4.2.4: on the transmit side packets are buffered for transmission.
    ++counters_.queued;
    queue_.emplace_back(ppp_frame.begin(), ppp_frame.end());
  } else {
    ++counters_.dropped_window;
  }
  return out;
}

void GreDataChannel::transmit(Instant now, ByteView frame, GreOutput& out) {
  if (ack_pending_) ++counters_.piggybacked;
  outstanding_.push_back(Outstanding{next_seq_, now});
  out.packets.push_back(encode_packet(true, frame));
  ++counters_.sent;
  arm_ack_timeout();
}

void GreDataChannel::transmit_queued(Instant now, GreOutput& out) {
  while (!queue_.empty() && outstanding_.size() < window_) {
    Bytes frame = std::move(queue_.front());
    queue_.pop_front();
    transmit(now, frame, out);
  }
}

void GreDataChannel::arm_ack_timeout() {
  if (outstanding_.empty()) {
    timers_.cancel(Timer::ack_timeout);
    return;
  }
  timers_.set(Timer::ack_timeout, outstanding_.front().sent_at + ato_);
}

GreOutput GreDataChannel::on_receive(Instant now, const gre::Header& packet) {
  GreOutput out;
  if (packet.ack_present) process_ack(now, packet.acknowledgment_number, out);
  if (packet.sequence_present) {
    accept(now, packet.sequence_number, packet.payload, out);
  } else {
    ++counters_.ack_only_received;
  }
  transmit_queued(now, out);
  return out;
}

void GreDataChannel::process_ack(Instant now, std::uint32_t ack, GreOutput& out) {
  // An ack must name a packet we sent: at most next_seq_ - 1.
  if (next_seq_ == 0 || distance(ack, next_seq_ - 1) < 0) {
    // RFC 2637 §4.1: the Acknowledgment Number is "the highest numbered GRE packet
    // received by the sending peer".
    out.violations.push_back(engine::Violation{
        &diag::kGreAckUnsent,
        "ack=" + std::to_string(ack) + " next_seq=" + std::to_string(next_seq_), false});
    return;
  }
  std::optional<Instant> newest_sent;
  while (!outstanding_.empty() && distance(outstanding_.front().seq, ack) >= 0) {
    newest_sent = outstanding_.front().sent_at;
    outstanding_.pop_front();
    ++counters_.acknowledged;
    // RFC 2637 §4.2.3: a whole window acknowledged without time-out opens it by one.
    if (++acked_in_window_ >= window_) {
      acked_in_window_ = 0;
      if (window_ < config_.peer_window) ++window_;
    }
  }
  // RFC 2637 §4.2.5: the sample uses the send time of the highest acknowledged packet;
  // adaptive calculations only happen when an acknowledgement is received.
  if (newest_sent && config_.adaptive) update_rtt(now - *newest_sent);
  arm_ack_timeout();
}

void GreDataChannel::update_rtt(Duration sample) {
  // RFC 2637 §4.4.1: DIFF = SAMPLE - RTT; DEV += beta(|DIFF| - DEV); RTT += alpha DIFF.
  const double diff = static_cast<double>((sample - rtt_).count());
  dev_ns_ += kAtoBeta * (std::fabs(diff) - dev_ns_);
  rtt_ += Duration{static_cast<std::int64_t>(kAtoAlpha * diff)};
  compute_ato();
}

void GreDataChannel::compute_ato() {
  if (!config_.adaptive) {
    ato_ = config_.initial_rtt;
    return;
  }
  // RFC 2637 §4.4.1: ATO = MAX(MinTimeOut, MIN(RTT + chi DEV, MaxTimeOut)).
  const Duration raw = rtt_ + Duration{static_cast<std::int64_t>(kAtoChi * dev_ns_)};
  ato_ = std::max(config_.min_timeout, std::min(raw, config_.max_timeout));
}

void GreDataChannel::time_out(Instant now, GreOutput& out) {
  ++counters_.timeouts;
  counters_.given_up += outstanding_.size();
  outstanding_.clear();  // RFC 2637 §4.2: no retransmission
  // RFC 2637 §4.2.2: the window closes to half its size, rounded up, minimum 1.
  window_ = std::max<std::uint16_t>(1, static_cast<std::uint16_t>((window_ + 1) / 2));
  acked_in_window_ = 0;
  if (config_.adaptive) {
    // RFC 2637 §4.4.2: RTT = delta RTT, DEV unchanged, ATO recomputed (bounded).
    rtt_ = std::min(config_.max_timeout,
                    Duration{static_cast<std::int64_t>(kAtoDelta * rtt_.count())});
    compute_ato();
  }
  timers_.cancel(Timer::ack_timeout);
  transmit_queued(now, out);
}

void GreDataChannel::accept(Instant now, std::uint32_t seq, ByteView payload, GreOutput& out) {
  ++counters_.received;
  if (!any_received_ || distance(highest_received_, seq) > 0) highest_received_ = seq;
  any_received_ = true;
  ack_pending_ = true;
  if (!timers_.armed(Timer::send_ack)) timers_.set(Timer::send_ack, now + config_.ack_delay);

  const std::int32_t ahead = distance(expected_, seq);
  if (ahead < 0) {
    // RFC 2637 §4.3: late and duplicate packets are silently discarded.
    const bool duplicate = recent_.count(seq) != 0;
    if (duplicate) {
      ++counters_.duplicates;
    } else {
      ++counters_.late;
    }
    // Fault injection (pptp_faults.h): passed on all the same.
    if (duplicate ? config_.faults.deliver_duplicates : config_.faults.deliver_late)
      out.delivered.emplace_back(payload.begin(), payload.end());
    return;
  }
  if (ahead == 0) {
    deliver(seq, Bytes(payload.begin(), payload.end()), out);
    drain_held(out);
    if (held_.empty()) timers_.cancel(Timer::reorder);
    return;
  }
  if (held_.count(seq) != 0) {
    ++counters_.duplicates;
    return;
  }
  ++counters_.out_of_order;
  if (config_.reorder && ahead < static_cast<std::int32_t>(config_.receive_window)) {
    // RFC 2637 §4.3: out-of-sequence packets "may be reordered by the receiver".
    held_.emplace(seq, Bytes(payload.begin(), payload.end()));
    if (!timers_.armed(Timer::reorder)) timers_.set(Timer::reorder, now + config_.reorder_hold);
    return;
  }
  // Not reordering (or too far ahead): the gap is given up; held packets before this one
  // go first, in order, so nothing is delivered out of sequence (§4.3 MUST).
  while (!held_.empty() && distance(expected_, seq) > 0) skip_to_first_held(out);
  counters_.skipped += static_cast<std::uint64_t>(distance(expected_, seq));
  expected_ = seq;
  deliver(seq, Bytes(payload.begin(), payload.end()), out);
  drain_held(out);
  if (held_.empty()) timers_.cancel(Timer::reorder);
}

void GreDataChannel::deliver(std::uint32_t seq, Bytes frame, GreOutput& out) {
  out.delivered.push_back(std::move(frame));
  ++counters_.delivered;
  expected_ = seq + 1;
  recent_.insert(seq);
  recent_order_.push_back(seq);
  if (recent_order_.size() > kRecentLimit) {
    recent_.erase(recent_order_.front());
    recent_order_.pop_front();
  }
}

void GreDataChannel::drain_held(GreOutput& out) {
  for (auto it = held_.find(expected_); it != held_.end(); it = held_.find(expected_)) {
    ++counters_.reordered;
    Bytes frame = std::move(it->second);
    const std::uint32_t seq = it->first;
    held_.erase(it);
    deliver(seq, std::move(frame), out);
  }
}

// Gives up the gap before the nearest held packet and delivers from there.
void GreDataChannel::skip_to_first_held(GreOutput& out) {
  auto first = held_.begin();
  for (auto it = held_.begin(); it != held_.end(); ++it)
    if (distance(expected_, it->first) < distance(expected_, first->first)) first = it;
  counters_.skipped += static_cast<std::uint64_t>(distance(expected_, first->first));
  expected_ = first->first;
  drain_held(out);
}

GreOutput GreDataChannel::on_deadline(Instant now) {
  GreOutput out;
  for (Timer t : timers_.expired(now)) {
    switch (t) {
      case Timer::ack_timeout:
        time_out(now, out);
        break;
      case Timer::send_ack:
        if (ack_pending_) {
          // Fault injection (pptp_faults.h): an ack-only packet with a payload.
          const Bytes padding(config_.faults.ack_only_with_payload ? 4 : 0, 0);
          out.packets.push_back(encode_packet(false, padding));
          ++counters_.ack_only_sent;
        }
        break;
      case Timer::reorder:
        // The hold expired: the missing packets are taken as lost.
        if (!held_.empty()) skip_to_first_held(out);
        if (!held_.empty()) timers_.set(Timer::reorder, now + config_.reorder_hold);
        break;
    }
  }
  return out;
}

}  // namespace ts::endpoints::pptp
