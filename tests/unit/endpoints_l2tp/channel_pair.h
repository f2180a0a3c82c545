#pragma once
// Two ReliableChannels back to back over a deterministic test link (no simulator): each
// direction has a fixed latency, a set of datagram indices to lose and a set to delay, so
// loss and reordering happen exactly where a test asks. Every datagram put on the wire is
// logged with its time, direction and decoded Ns/Nr, for assertions on exact timings.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"
#include "dissectors/l2tp/message_types.h"
#include "src/endpoints/l2tp/reliable_channel.h"

namespace ts::endpoints::l2tp::test {

using namespace std::chrono_literals;

inline constexpr std::uint16_t kTestVendor = 9999;

// A HELLO-typed control message carrying `index` in a vendor AVP, to tell messages apart.
inline ts::l2tp::Message make_message(
    std::uint32_t index, ts::l2tp::MessageType type = ts::l2tp::MessageType::hello) {
  ts::l2tp::Message m;
  m.header.type_control = true;
  m.header.tunnel_id = 1;
  m.message_type = ts::l2tp::to_u16(type);
  const std::uint8_t v[4] = {static_cast<std::uint8_t>(index >> 24),
                             static_cast<std::uint8_t>(index >> 16),
                             static_cast<std::uint8_t>(index >> 8),
                             static_cast<std::uint8_t>(index)};
  m.avps.push_back(ts::l2tp::make_avp_vendor(kTestVendor, 1, ByteView{v}, false));
  return m;
}

// The index make_message() put in, or nullopt.
inline std::optional<std::uint32_t> message_index(const Bytes& datagram) {
  const auto d = ts::l2tp::decode(datagram);
  for (const auto& a : d.value.avps)
    if (a.vendor_id == kTestVendor) return ts::l2tp::parse_u32(a.value());
  return std::nullopt;
}

// A bare sequenced control header as the peer would send it: a ZLB, or a HELLO.
inline Bytes make_peer_datagram(std::uint16_t ns, std::uint16_t nr, bool zlb) {
  ts::l2tp::Message m = zlb ? ts::l2tp::Message{} : make_message(ns);
  m.header.type_control = m.header.length_present = m.header.sequence_present = true;
  m.header.tunnel_id = 1;
  m.header.ns = ns;
  m.header.nr = nr;
  m.zlb = zlb;
  return ts::l2tp::encode(m);
}

struct WireRecord {
  Instant at;
  char from = 'A';  // 'A' or 'B'
  std::uint16_t ns = 0, nr = 0;
  bool zlb = false;
  bool lost = false;
};

struct Direction {
  Duration latency = 10ms;
  std::set<int> lose;           // 0-based datagram indices in this direction
  std::set<int> delay;          // indices held back by extra_delay (reordering)
  Duration extra_delay = 100ms;
  bool lose_all = false;
  int count = 0;
};

class ChannelPair {
 public:
  ChannelPair(ReliableChannelConfig a_cfg, ReliableChannelConfig b_cfg)
      : a(a_cfg), b(b_cfg), now(instant_from_ns(0)) {}

  void send_a(ts::l2tp::Message m) { absorb('A', a.send(now, m)); }
  void send_b(ts::l2tp::Message m) { absorb('B', b.send(now, m)); }

  // Advances virtual time to `end`, delivering datagrams and firing deadlines in time order.
  void run_until(Instant end) {
    for (;;) {
      std::optional<Instant> next;
      auto consider = [&](std::optional<Instant> t) {
        if (t && (!next || *t < *next)) next = t;
      };
      consider(a.next_deadline());
      consider(b.next_deadline());
      for (const auto& f : flight_) consider(f.at);
      if (!next || *next > end) break;
      now = std::max(now, *next);
      deliver_due();
      if (a.next_deadline() && *a.next_deadline() <= now) absorb('A', a.on_deadline(now));
      if (b.next_deadline() && *b.next_deadline() <= now) absorb('B', b.on_deadline(now));
    }
    now = end;
  }

  std::vector<WireRecord> sent_by(char who) const {
    std::vector<WireRecord> out;
    for (const auto& r : wire)
      if (r.from == who) out.push_back(r);
    return out;
  }

  ReliableChannel a, b;
  Instant now;
  Direction ab, ba;
  std::vector<Bytes> a_delivered, b_delivered;
  std::vector<ChannelEvent> a_events, b_events;
  std::vector<engine::Violation> violations;
  std::vector<WireRecord> wire;
  std::size_t max_outstanding_a = 0;
  // Called for each message A or B delivers (e.g. to answer it at once).
  std::function<void(const Bytes&)> a_on_deliver, b_on_deliver;

 private:
  struct InFlight {
    Instant at;
    std::uint64_t order = 0;
    char to = 'B';
    Bytes data;
  };

  void absorb(char from, ChannelOutput out) {
    Direction& dir = from == 'A' ? ab : ba;
    for (auto& d : out.datagrams) {
      const int index = dir.count++;
      const auto msg = ts::l2tp::decode(d).value;
      const bool lost = dir.lose_all || dir.lose.count(index) != 0;
      wire.push_back(WireRecord{now, from, msg.header.ns, msg.header.nr, msg.zlb, lost});
      if (lost) continue;
      const Duration extra = dir.delay.count(index) ? dir.extra_delay : Duration{};
      flight_.push_back(InFlight{now + dir.latency + extra, order_++, from == 'A' ? 'B' : 'A',
                                 std::move(d)});
    }
    auto& delivered = from == 'A' ? a_delivered : b_delivered;
    for (auto& d : out.delivered) {
      delivered.push_back(d);
      if (from == 'A' && a_on_deliver) a_on_deliver(d);
      if (from == 'B' && b_on_deliver) b_on_deliver(d);
    }
    auto& events = from == 'A' ? a_events : b_events;
    events.insert(events.end(), out.events.begin(), out.events.end());
    violations.insert(violations.end(), out.violations.begin(), out.violations.end());
    max_outstanding_a = std::max(max_outstanding_a, a.unacknowledged());
  }

  void deliver_due() {
    for (;;) {
      auto best = flight_.end();
      for (auto it = flight_.begin(); it != flight_.end(); ++it)
        if (it->at <= now && (best == flight_.end() || std::tie(it->at, it->order) <
                                                           std::tie(best->at, best->order)))
          best = it;
      if (best == flight_.end()) return;
      InFlight f = std::move(*best);
      flight_.erase(best);
      if (f.to == 'B')
        absorb('B', b.on_receive(now, f.data));
      else
        absorb('A', a.on_receive(now, f.data));
    }
  }

  std::vector<InFlight> flight_;
  std::uint64_t order_ = 0;
};

inline Instant at(Duration d) { return instant_from_ns(0) + d; }

template <typename E>
std::vector<E> events_of(const std::vector<ChannelEvent>& events) {
  std::vector<E> out;
  for (const auto& e : events)
    if (const E* p = std::get_if<E>(&e)) out.push_back(*p);
  return out;
}

}  // namespace ts::endpoints::l2tp::test
