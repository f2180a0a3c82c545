// Two codecs over the simulator's impaired link model (src/runtime/sim/sim_link.h: seeded
// loss, jitter, reordering, duplication). Stateless: every packet that arrives decrypts to
// exactly what was sent. Stateful: nothing ever decrypts wrong; losses cost Reset-Request
// cycles, and once the link is clean again every packet decrypts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

#include "src/runtime/sim/sim_link.h"
#include "tests/unit/endpoints_ppp_mppe/mppe_test_support.h"

using namespace ts;
using namespace ts::endpoints::ppp;
using namespace ts::endpoints::ppp::test;
using ts::ppp::mppe::KeyStrength;
using namespace std::chrono_literals;

namespace {

struct InFlight {
  Instant arrival;
  std::size_t index;  // into the sent packets
};

struct Sent {
  Bytes plain;
  Bytes info;
};

sim::LinkImpairment impaired() {
  sim::LinkImpairment imp;
  imp.delay = 2ms;
  imp.jitter = 1ms;
  imp.loss = 0.1;
  imp.duplicate = 0.05;
  imp.reorder = 0.1;
  imp.reorder_delay = 5ms;
  return imp;
}

// Sends `count` packets one per millisecond from `from` over direction 0 of `link`; returns
// the arrivals in arrival order.
std::vector<InFlight> transmit(sim::SimLink& link, MppeCodec& from, engine::RandomSource& rng,
                               std::vector<Sent>& sent, int count) {
  std::vector<InFlight> arrivals;
  const Instant start = instant_from_ns(static_cast<std::int64_t>(sent.size()) * 1'000'000);
  for (int n = 0; n < count; ++n) {
    Sent s;
    s.plain = make_packet(rng, rng.between(1, 100));
    s.info = from.encrypt(s.plain);
    const Instant now = start + std::chrono::milliseconds(n);
    const auto t = link.transit(0, now, s.info.size() + 40, engine::ChannelKind::gre, s.info);
    for (const Instant a : t.arrivals) arrivals.push_back(InFlight{a, sent.size()});
    sent.push_back(std::move(s));
  }
  std::stable_sort(arrivals.begin(), arrivals.end(),
                   [](const InFlight& x, const InFlight& y) { return x.arrival < y.arrival; });
  return arrivals;
}

}  // namespace

TEST_CASE("Stateless over an impaired link: every arriving packet decrypts", "[mppe][sim]") {
  auto pair = make_pair(MppeSettings{KeyStrength::bits128, true});
  sim::SimLink link(1, 2, impaired(), impaired(), 2026, 0);
  engine::RandomSource rng(1);
  std::vector<Sent> sent;
  const auto arrivals = transmit(link, pair.server, rng, sent, 5000);
  int wrong = 0;
  for (const auto& a : arrivals) {
    const auto out = pair.client.decrypt(sent[a.index].info);
    if (!out.plaintext || *out.plaintext != sent[a.index].plain || out.problem) ++wrong;
  }
  CHECK(wrong == 0);
  const auto& stats = link.stats(0);
  CHECK(stats.lost > 0);
  CHECK(stats.duplicated > 0);
  CHECK(stats.reordered > 0);
  const auto c = pair.client.counters();
  CHECK(c.decrypted == arrivals.size());
  CHECK(c.duplicates >= stats.duplicated);
  CHECK(c.late > 0);
}

// Both reset readings: RFC 3078 §8.2 and flush_changes_key (Linux), where a FLUSHED packet
// lost on the link is a key change the receiver must guess (kMaxMissedFlushes).
TEST_CASE("Stateful over an impaired link: resets, never a wrong packet", "[mppe][sim]") {
  for (const bool flush_changes_key : {false, true}) {
    INFO((flush_changes_key ? "flush_changes_key" : "RFC resets"));
    MppeSettings settings{KeyStrength::bits128, false};
    settings.flush_changes_key = flush_changes_key;
    auto pair = make_pair(settings);
    sim::SimLink link(1, 2, impaired(), impaired(), 7, 0);
    engine::RandomSource rng(2);
    std::vector<Sent> sent;
    int wrong = 0;
    int delivered = 0;
    // Rounds of 50 packets; a Reset-Request asked during a round reaches the sender before
    // the next round (the CCP round trip).
    for (int round = 0; round < 60; ++round) {
      bool reset = false;
      for (const auto& a : transmit(link, pair.client, rng, sent, 50)) {
        const auto out = pair.server.decrypt(sent[a.index].info);
        if (out.plaintext) {
          ++delivered;
          if (*out.plaintext != sent[a.index].plain) ++wrong;
        }
        reset = reset || out.send_reset_request;
      }
      if (reset) pair.client.on_reset_request();
    }
    CHECK(wrong == 0);
    CHECK(delivered > 0);
    CHECK(pair.server.counters().sync_losses > 0);
    // Clean link: after at most one more reset cycle, everything decrypts.
    link.set_impairment(0, sim::LinkImpairment{});
    for (int round = 0; round < 2; ++round) {
      bool reset = false;
      for (const auto& a : transmit(link, pair.client, rng, sent, 10)) {
        const bool asks = pair.server.decrypt(sent[a.index].info).send_reset_request;
        reset = reset || asks;
      }
      if (reset) pair.client.on_reset_request();
    }
    int failures = 0;
    for (const auto& a : transmit(link, pair.client, rng, sent, 300)) {
      const auto out = pair.server.decrypt(sent[a.index].info);
      if (!out.plaintext || *out.plaintext != sent[a.index].plain) ++failures;
    }
    CHECK(failures == 0);
  }
}
