#include "src/endpoints/l2tp/reliable_channel.h"

#include <algorithm>
#include <cassert>
#include <utility>

#include <fmt/format.h>

#include "src/endpoints/l2tp/reliable_channel_diagnostics.h"
#include "src/endpoints/l2tp/sequence_number.h"

namespace ts::endpoints::l2tp {

namespace {
// RFC 2661 §5.8: the cap on the back-off "MUST be no less than 8 seconds".
constexpr Duration kMinimumCap = std::chrono::seconds(8);
// Outstanding messages must stay within half the sequence space, or "at or before" (§5.8)
// becomes ambiguous for the peer.
constexpr std::uint16_t kMaxWindow = 32767;
// A control message always has L=1, S=1, O=0 (RFC 2661 §3.1), so Ns and Nr sit at fixed
// offsets: flags, Length, Tunnel ID, Session ID, Ns, Nr.
constexpr std::size_t kNsOffset = 8;
constexpr std::size_t kNrOffset = 10;

void put_be16(Bytes& b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<std::uint8_t>(v >> 8);
  b[at + 1] = static_cast<std::uint8_t>(v & 0xff);
}

void patch_sequence(Bytes& datagram, std::uint16_t ns, std::uint16_t nr) {
  assert(datagram.size() >= kNrOffset + 2);
  put_be16(datagram, kNsOffset, ns);
  put_be16(datagram, kNrOffset, nr);
}

void force_control_flags(ts::l2tp::Header& h) {
  h.type_control = true;
  h.length_present = true;
  h.sequence_present = true;
  h.offset_present = false;
  h.priority = false;
  h.version = ts::l2tp::kVersionL2tpV2;
}

std::uint16_t clamp_window(std::uint16_t w) { return std::clamp<std::uint16_t>(w, 1, kMaxWindow); }

ReliableChannelConfig normalised(ReliableChannelConfig c) {
  c.receive_window = clamp_window(c.receive_window);
  c.peer_receive_window = clamp_window(c.peer_receive_window);
  if (c.initial_timeout <= Duration::zero()) c.initial_timeout = std::chrono::seconds(1);
  c.max_timeout = std::max({c.max_timeout, kMinimumCap, c.initial_timeout});
  if (c.faults.low_backoff_cap) c.max_timeout = std::chrono::seconds(4);  // self-tests only
  if (c.ack_delay < Duration::zero()) c.ack_delay = Duration::zero();
  return c;
}
}  // namespace

ReliableChannel::ReliableChannel(ReliableChannelConfig config)
    : config_(normalised(config)), cwnd_(config_.peer_receive_window, config_.slow_start) {
  next_ns_ = config_.faults.first_ns;  // 0 unless a self-test breaks §5.8 on purpose
}

Duration ReliableChannel::timeout_after(unsigned retransmissions) const {
  // §5.8: exponential back-off from the initial timeout, capped at max_timeout.
  Duration t = config_.initial_timeout;
  for (unsigned i = 0; i < retransmissions && t < config_.max_timeout; ++i) t *= 2;
  return std::min(t, config_.max_timeout);
}

Duration ReliableChannel::full_retransmission_cycle() const {
  Duration total{};
  for (unsigned r = 0; r <= config_.max_retransmissions; ++r) total += timeout_after(r);
  return total;
}

bool ReliableChannel::set_peer_receive_window(std::uint16_t window) {
  // RFC 2661 §5.8: "A value of 0 for the Receive Window Size AVP is invalid."
  if (window == 0) return false;
  if (config_.faults.ignore_peer_window) return true;  // self-tests only: keeps the default 4
  config_.peer_receive_window = clamp_window(window);
  cwnd_.set_advertised(config_.peer_receive_window);
  return true;
}

ChannelOutput ReliableChannel::send(Instant now, const ts::l2tp::Message& msg,
                                    const ts::l2tp::EncodeOptions& options) {
  // Precondition: a ZLB takes no sequence slot (§5.8); the channel sends those itself.
  assert(msg.message_type.has_value() || !msg.avps.empty());
  ChannelOutput out;
  if (dead_) {
    ++counters_.discarded;
    out.events.push_back(event::Discarded{"channel dead: message not sent"});
    return out;
  }
  ts::l2tp::Message m = msg;
  force_control_flags(m.header);
  m.zlb = false;
  waiting_.push_back(ts::l2tp::encode(m, options));
  transmit_waiting(now, out);
  return out;
}

void ReliableChannel::transmit_waiting(Instant now, ChannelOutput& out) {
  bool sent_any = false;
  // §5.8 / Appendix A: at most min(CWND, the peer's window) messages outstanding.
  while (!dead_ && !waiting_.empty() && unacked_.size() < cwnd_.limit()) {
    Bytes datagram = std::move(waiting_.front());
    waiting_.pop_front();
    const std::uint16_t lag = config_.faults.nr_behind ? 1 : 0;  // self-tests only
    patch_sequence(datagram, next_ns_, static_cast<std::uint16_t>(expected_ns_ - lag));
    if (unacked_.empty()) timers_.set(Timer::retransmit, now + timeout_after(0));
    out.datagrams.push_back(datagram);
    unacked_.push_back(Unacked{next_ns_, std::move(datagram), 0});
    if (!config_.faults.ns_not_incremented) next_ns_ = seq_add(next_ns_, 1);  // self-tests only
    ++counters_.sent;
    sent_any = true;
  }
  if (sent_any) {  // the current Nr rode on it: no ZLB needed
    ack_pending_ = false;
    timers_.cancel(Timer::ack);
  }
  if (waiting_.empty()) {
    stalled_ = false;
  } else if (!stalled_) {
    stalled_ = true;
    out.events.push_back(event::WindowStalled{
        waiting_.size(), static_cast<std::uint16_t>(unacked_.size()), cwnd_.limit()});
  }
}

ChannelOutput ReliableChannel::on_receive(Instant now, ByteView datagram) {
  ChannelOutput out;
  auto discard = [&](std::string_view reason) {
    // Self-tests only: a malformed control message (T=1) takes a sequence number anyway.
    if (config_.faults.malformed_takes_ns && !datagram.empty() && (datagram[0] & 0x80) != 0 && !dead_)
      expected_ns_ = seq_add(expected_ns_, 1), ack_pending_ = true;
    ++counters_.discarded;
    out.events.push_back(event::Discarded{reason});
    return out;
  };
  if (dead_) return discard("channel dead");
  const auto decoded = ts::l2tp::decode(datagram);
  const ts::l2tp::Message& msg = decoded.value;
  if (!decoded.complete) return discard("truncated");
  if (msg.header.version != ts::l2tp::kVersionL2tpV2) return discard("not L2TPv2");
  if (!msg.is_control()) return discard("data message");
  // RFC 2661 §3.1: control messages MUST carry Ns/Nr; without them nothing can be sequenced.
  if (!msg.header.sequence_present) return discard("control message without Ns/Nr");

  process_nr(now, msg.header.nr, out);
  if (msg.zlb)
    ++counters_.zlb_received;  // §5.8: only Nr counts; the ZLB's Ns takes no slot
  else
    accept(now, msg, datagram, out);
  transmit_waiting(now, out);
  return out;
}

void ReliableChannel::process_nr(Instant now, std::uint16_t nr, ChannelOutput& out) {
  if (config_.faults.ignore_acknowledgements) return;
  const auto outstanding = static_cast<std::uint16_t>(unacked_.size());
  const auto oldest = static_cast<std::uint16_t>(next_ns_ - outstanding);
  const std::uint16_t acked = seq_distance(oldest, nr);
  if (acked == 0) return;
  if (acked > outstanding) {
    // Behind our oldest unacknowledged message: a stale (reordered) ack, harmless.
    if (seq_distance(nr, oldest) <= 32767) return;
    // RFC 2661 §5.8: Nr is the next Ns the peer expects; it cannot pass what we sent.
    out.violations.push_back(engine::Violation{
        &diag::kNrUnsent, fmt::format("Nr={} but the next Ns we send is {}", nr, next_ns_)});
    return;
  }
  for (std::uint16_t i = 0; i < acked; ++i) {
    unacked_.pop_front();
    cwnd_.on_ack();  // Appendix A: each acknowledged message is one ACK
    ++counters_.acknowledged;
  }
  // §5.8: the new oldest message gets a fresh retransmission period.
  if (unacked_.empty())
    timers_.cancel(Timer::retransmit);
  else
    timers_.set(Timer::retransmit, now + timeout_after(unacked_.front().retransmissions));
}

void ReliableChannel::accept(Instant now, const ts::l2tp::Message& msg, ByteView datagram,
                             ChannelOutput& out) {
  ++counters_.received;
  const std::uint16_t ns = msg.header.ns;
  const std::uint16_t last_received = seq_add(expected_ns_, 0xffff);
  if (ns == expected_ns_) {
    out.delivered.emplace_back(datagram.begin(), datagram.end());
    ++counters_.delivered;
    expected_ns_ = seq_add(expected_ns_, 1);
    for (auto it = out_of_order_.find(expected_ns_); it != out_of_order_.end();
         it = out_of_order_.find(expected_ns_)) {
      out.delivered.push_back(std::move(it->second));
      ++counters_.delivered;
      out_of_order_.erase(it);
      expected_ns_ = seq_add(expected_ns_, 1);
    }
    schedule_ack(now);
    return;
  }
  if (seq_at_or_before(ns, last_received)) {
    // §5.8: a duplicate is ignored, but its receipt MUST be acknowledged.
    ++counters_.duplicates;
    out.events.push_back(event::DuplicateReceived{ns});
    schedule_ack(now);
    if (config_.faults.process_duplicates) out.delivered.emplace_back(datagram.begin(), datagram.end());
    return;
  }
  ++counters_.out_of_order;
  const bool in_window = seq_distance(expected_ns_, ns) < config_.receive_window;
  if (!in_window) {
    // §5.8: the peer may have at most our Receive Window Size outstanding.
    ++counters_.out_of_window;
    out.events.push_back(event::OutOfOrderDropped{ns, expected_ns_, true});
    out.violations.push_back(engine::Violation{
        &diag::kNsBeyondWindow, fmt::format("Ns={} while expecting {} with a window of {}", ns,
                                            expected_ns_, config_.receive_window)});
    return;
  }
  if (config_.faults.deliver_out_of_order) {
    out.delivered.emplace_back(datagram.begin(), datagram.end());
    return;
  }
  if (!config_.queue_out_of_order) {
    out.events.push_back(event::OutOfOrderDropped{ns, expected_ns_, false});
    return;
  }
  if (out_of_order_.count(ns) != 0) {  // a retransmission of one already held
    ++counters_.duplicates;
    out.events.push_back(event::DuplicateReceived{ns});
    return;
  }
  out_of_order_.emplace(ns, Bytes(datagram.begin(), datagram.end()));
  out.events.push_back(event::OutOfOrderQueued{ns, expected_ns_});
}

void ReliableChannel::schedule_ack(Instant now) {
  ack_pending_ = true;
  // The first unacknowledged receipt starts the delay; later ones do not push it back.
  if (!timers_.armed(Timer::ack)) timers_.set(Timer::ack, now + config_.ack_delay);
}

ChannelOutput ReliableChannel::on_deadline(Instant now) {
  ChannelOutput out;
  if (dead_) return out;
  for (Timer t : timers_.expired(now)) {
    if (dead_) break;
    if (t == Timer::retransmit && !unacked_.empty()) retransmit_oldest(now, out);
    if (t == Timer::ack && ack_pending_) send_zlb(out);
  }
  return out;
}

void ReliableChannel::retransmit_oldest(Instant now, ChannelOutput& out) {
  Unacked& u = unacked_.front();
  // §5.8: after the configured retransmissions the tunnel and its sessions MUST be cleared.
  if (u.retransmissions >= config_.max_retransmissions) {
    die(out);
    return;
  }
  ++u.retransmissions;
  // §5.8: "same Ns value, but the Nr value MUST be updated".
  patch_sequence(u.datagram, u.ns, expected_ns_);
  out.datagrams.push_back(u.datagram);
  ++counters_.retransmitted;
  cwnd_.on_retransmit();  // Appendix A: congestion
  const Duration next = timeout_after(u.retransmissions);
  timers_.set(Timer::retransmit, now + next);
  ack_pending_ = false;
  timers_.cancel(Timer::ack);
  out.events.push_back(
      event::Retransmitted{u.ns, u.retransmissions, next, cwnd_.cwnd(), cwnd_.ssthresh()});
}

void ReliableChannel::send_zlb(ChannelOutput& out) {
  ts::l2tp::Message zlb;
  force_control_flags(zlb.header);
  zlb.header.tunnel_id = config_.peer_tunnel_id;
  zlb.header.session_id = 0;
  // §5.8: a ZLB carries the next Ns without taking it.
  zlb.header.ns = next_ns_;
  zlb.header.nr = expected_ns_;
  zlb.zlb = true;
  out.datagrams.push_back(ts::l2tp::encode(zlb));
  ++counters_.zlb_sent;
  if (config_.faults.zlb_takes_slot) next_ns_ = seq_add(next_ns_, 1);  // self-tests only
  ack_pending_ = false;
  out.events.push_back(event::ZlbSent{expected_ns_});
}

void ReliableChannel::abandon_outgoing() {
  unacked_.clear();
  waiting_.clear();
  stalled_ = false;
  timers_.cancel(Timer::retransmit);
}

void ReliableChannel::die(ChannelOutput& out) {
  dead_ = true;
  out.events.push_back(
      event::TunnelDead{unacked_.front().ns, unacked_.front().retransmissions});
  timers_.cancel(Timer::retransmit);
  timers_.cancel(Timer::ack);
  ack_pending_ = false;
}

std::optional<Instant> ReliableChannel::next_deadline() const {
  return dead_ ? std::nullopt : timers_.next();
}

}  // namespace ts::endpoints::l2tp
