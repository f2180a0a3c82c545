#pragma once
// LinkPair: two PppPeers back to back (or one wired to itself) over a virtual clock, with
// a fixed one-way delay and optional drop / duplicate rules or seeded random loss. Records
// every frame on the wire with its time and decoded summary, and every note per side.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/endpoints/ppp/ppp_peer.h"
#include "src/engine/random_source.h"

namespace ts::endpoints::ppp::test {

using namespace std::chrono_literals;

inline Instant at(Duration d) { return Instant{d}; }

struct WireRecord {
  Instant at;
  int from = 0;  // 0 = a, 1 = b
  Bytes frame;
  std::string text;  // ts::ppp::summarize of the frame
  bool dropped = false;
};

class LinkPair {
 public:
  // Two peers; `loopback` wires peer a to itself (b unused).
  LinkPair(PppConfig a_config, PppConfig b_config, Duration delay = 10ms, bool loopback = false);

  PppPeer& a() { return *peers_[0]; }
  PppPeer& b() { return *peers_[1]; }
  PppPeer& peer(int i) { return *peers_[i]; }

  // Rules: return true to drop / duplicate a frame sent by `from`.
  std::function<bool(int from, const WireRecord&)> drop;
  std::function<bool(int from, const WireRecord&)> duplicate;
  double loss = 0.0;  // random loss probability per frame, seeded
  void seed_loss(std::uint64_t seed) { loss_random_ = engine::RandomSource(seed); }

  void up(Instant now, bool a_up = true, bool b_up = true);
  void close(int side, Instant now, std::string_view reason = "operator close");
  void inject(int to, Instant now, ByteView frame);  // a frame as if from the other side
  void run_until(Instant end);

  std::vector<WireRecord> wire;
  engine::Actions notes[2];

  // Frames sent by `from` whose summary contains `text` (not dropped).
  std::vector<WireRecord> sent(int from, std::string_view text) const;
  std::size_t count_sent(int from, std::string_view text) const { return sent(from, text).size(); }
  // Violations (and notes) with diagnostic id `id` reported by side i.
  std::size_t violations(int side, std::string_view id) const;
  // "from -> to" StateChange notes of `entity`, in order, for side i.
  std::vector<std::string> transitions(int side, std::string_view entity) const;

 private:
  struct InFlight {
    Instant at;
    std::uint64_t order;
    int to;
    Bytes frame;
  };
  void take(int from, Instant now, engine::LinkOutput&& out);
  void put_on_wire(int from, Instant now, Bytes frame);
  std::optional<Instant> next_event() const;

  std::unique_ptr<PppPeer> peers_[2];
  Duration delay_;
  bool loopback_;
  std::vector<InFlight> in_flight_;
  std::uint64_t order_ = 0;
  engine::RandomSource loss_random_{0x5EED};
};

}  // namespace ts::endpoints::ppp::test
