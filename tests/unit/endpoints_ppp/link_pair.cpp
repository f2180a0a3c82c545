#include "tests/unit/endpoints_ppp/link_pair.h"

#include <algorithm>

#include "dissectors/ppp/ppp_packet.h"

namespace ts::endpoints::ppp::test {

namespace {
}  // namespace

LinkPair::LinkPair(PppConfig a_config, PppConfig b_config, Duration delay, bool loopback)
    : delay_(delay), loopback_(loopback) {
  peers_[0] = std::make_unique<PppPeer>(std::move(a_config));
  peers_[1] = std::make_unique<PppPeer>(std::move(b_config));
}

void LinkPair::up(Instant now, bool a_up, bool b_up) {
  if (a_up) take(0, now, a().up(now));
  if (b_up && !loopback_) take(1, now, b().up(now));
}

void LinkPair::close(int side, Instant now, std::string_view reason) {
  take(side, now, peer(side).close(now, reason));
}

void LinkPair::inject(int to, Instant now, ByteView frame) {
  take(to, now, peer(to).receive(now, frame));
}

void LinkPair::take(int from, Instant now, engine::LinkOutput&& out) {
  for (auto& n : out.notes) engine::append_action(notes[from], std::move(n));
  for (auto& f : out.frames) put_on_wire(from, now, std::move(f));
}

void LinkPair::put_on_wire(int from, Instant now, Bytes frame) {
  WireRecord r;
  r.at = now;
  r.from = from;
  r.frame = frame;
  const auto d = ts::ppp::decode_ppp(frame);
  r.text = ts::ppp::summarize(d.value);
  r.dropped = (drop && drop(from, r)) || (loss > 0 && (loss_random_.u32() / 4294967296.0) < loss);
  const bool dup = !r.dropped && duplicate && duplicate(from, r);
  wire.push_back(r);
  if (r.dropped) return;
  const int to = loopback_ ? 0 : 1 - from;
  in_flight_.push_back(InFlight{now + delay_, order_++, to, frame});
  if (dup) in_flight_.push_back(InFlight{now + delay_ + 1ms, order_++, to, std::move(frame)});
}

std::optional<Instant> LinkPair::next_event() const {
  std::optional<Instant> t;
  for (const auto& f : in_flight_)
    if (!t || f.at < *t) t = f.at;
  for (int i = 0; i < (loopback_ ? 1 : 2); ++i) {
    const auto d = peers_[i]->next_deadline();
    if (d && (!t || *d < *t)) t = d;
  }
  return t;
}

void LinkPair::run_until(Instant end) {
  for (int guard = 0; guard < 1000000; ++guard) {
    const auto t = next_event();
    if (!t || *t > end) return;
    const Instant now = *t;
    std::sort(in_flight_.begin(), in_flight_.end(), [](const InFlight& x, const InFlight& y) {
      return x.at != y.at ? x.at < y.at : x.order < y.order;
    });
    if (!in_flight_.empty() && in_flight_.front().at == now) {
      InFlight f = std::move(in_flight_.front());
      in_flight_.erase(in_flight_.begin());
      take(f.to, now, peer(f.to).receive(now, f.frame));
      continue;
    }
    for (int i = 0; i < (loopback_ ? 1 : 2); ++i) {
      const auto d = peers_[i]->next_deadline();
      if (d && *d <= now) take(i, now, peers_[i]->on_deadline(now));
    }
  }
}

std::vector<WireRecord> LinkPair::sent(int from, std::string_view text) const {
  std::vector<WireRecord> out;
  for (const auto& r : wire)
    if (r.from == from && !r.dropped && r.text.find(text) != std::string::npos) out.push_back(r);
  return out;
}

std::size_t LinkPair::violations(int side, std::string_view id) const {
  std::size_t n = 0;
  for (const auto& a : notes[side])
    if (const auto* v = std::get_if<engine::Violation>(&a); v && v->def && v->def->id == id) ++n;
  return n;
}

std::vector<std::string> LinkPair::transitions(int side, std::string_view entity) const {
  std::vector<std::string> out;
  for (const auto& a : notes[side])
    if (const auto* s = std::get_if<engine::StateChange>(&a); s && s->entity == entity)
      out.push_back(s->from + " -> " + s->to);
  return out;
}

}  // namespace ts::endpoints::ppp::test
