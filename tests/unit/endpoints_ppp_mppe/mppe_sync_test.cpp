// Synchronisation (RFC 3078 §8): loss in stateful mode (Reset-Request, then recovery on a
// FLUSHED packet after on_reset_request()), loss, reordering and duplication in stateless
// mode (every received packet decrypts), and the bound on the work of one packet.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/unit/endpoints_ppp_mppe/mppe_test_support.h"

using namespace ts;
using namespace ts::endpoints::ppp;
using namespace ts::endpoints::ppp::test;
using ts::ppp::mppe::KeyStrength;

namespace {

struct Sent {
  Bytes plain;
  Bytes info;
};

std::vector<Sent> send_many(MppeCodec& from, engine::RandomSource& rng, int n) {
  std::vector<Sent> out;
  for (int i = 0; i < n; ++i) {
    Bytes plain = make_packet(rng, rng.between(1, 60));
    Bytes info = from.encrypt(plain);
    out.push_back(Sent{std::move(plain), std::move(info)});
  }
  return out;
}

bool delivers(MppeCodec& to, const Sent& s) {
  const auto out = to.decrypt(s.info);
  return out.plaintext && *out.plaintext == s.plain && !out.problem && !out.send_reset_request;
}

// Stateful: drop `lost` packets after `before` good ones, then check the Reset-Request
// cycle: the first packet after the gap asks for a reset, the next ones are dropped without
// a diagnostic (and still want a Reset-Request outstanding), and after on_reset_request()
// the FLUSHED packet and all that follow decrypt.
void stateful_loss(KeyStrength strength, int before, int lost, bool flush_changes_key = false) {
  MppeSettings settings{strength, false};
  settings.flush_changes_key = flush_changes_key;
  auto pair = make_pair(settings);
  engine::RandomSource rng(static_cast<std::uint64_t>(before * 7919 + lost));
  for (const auto& s : send_many(pair.client, rng, before)) REQUIRE(delivers(pair.server, s));
  (void)send_many(pair.client, rng, lost);  // lost on the link
  const auto gap = send_many(pair.client, rng, 3);
  const auto first = pair.server.decrypt(gap[0].info);
  CHECK_FALSE(first.plaintext);
  CHECK(first.send_reset_request);
  CHECK(first.problem == nullptr);  // loss is not the peer's fault
  CHECK(pair.server.resynchronising());
  for (int i = 1; i < 3; ++i) {
    const auto later = pair.server.decrypt(gap[static_cast<std::size_t>(i)].info);
    CHECK_FALSE(later.plaintext);
    CHECK(later.send_reset_request);  // §8.2: discard until FLUSHED, a request outstanding
    CHECK(later.problem == nullptr);
  }
  // The Reset-Request reaches the client (the PPP peer sends it over CCP).
  pair.client.on_reset_request();
  const std::uint64_t changes = pair.client.counters().send_key_changes;
  const auto after = send_many(pair.client, rng, 600);
  CHECK((after[0].info[0] & 0x80) == 0x80);  // FLUSHED
  const bool first_is_flag = (after[0].info[1] & 0xFF) == 0xFF;
  const auto reset_changes = flush_changes_key && !first_is_flag ? 1U : 0U;
  CHECK(pair.client.counters().send_key_changes ==
        changes + reset_changes + static_cast<std::uint64_t>((before + lost + 3 + 600) / 256 -
                                                              (before + lost + 3) / 256));
  int failures = 0;
  for (const auto& s : after) failures += delivers(pair.server, s) ? 0 : 1;
  CHECK(failures == 0);
  CHECK_FALSE(pair.server.resynchronising());
  CHECK(pair.server.receive_key() == pair.client.send_key());
  const auto c = pair.server.counters();
  CHECK(c.sync_losses == 1);
  CHECK(c.discarded == 3);
  CHECK(pair.client.counters().resets_received == 1);
}

}  // namespace

TEST_CASE("Stateful loss: Reset-Request, then recovery on the FLUSHED packet", "[mppe][rfc3078]") {
  SECTION("one packet lost") { stateful_loss(KeyStrength::bits128, 10, 1); }
  SECTION("the flag packet lost") { stateful_loss(KeyStrength::bits128, 255, 1); }
  SECTION("a gap over one flag packet") { stateful_loss(KeyStrength::bits40, 250, 20); }
  SECTION("300 packets lost (over two flags)") { stateful_loss(KeyStrength::bits56, 200, 300); }
  SECTION("1500 packets lost, across several flags") {
    stateful_loss(KeyStrength::bits128, 3000, 1500);
  }
  SECTION("2000 packets lost (8 flags)") { stateful_loss(KeyStrength::bits128, 100, 2000); }
  SECTION("flush_changes_key: one lost") { stateful_loss(KeyStrength::bits128, 10, 1, true); }
  SECTION("flush_changes_key: flag lost") { stateful_loss(KeyStrength::bits40, 255, 1, true); }
  SECTION("flush_changes_key: 700 lost") { stateful_loss(KeyStrength::bits56, 100, 700, true); }
  SECTION("flush_changes_key: reset lands on a flag packet") {
    stateful_loss(KeyStrength::bits128, 240, 12, true);
  }
}

TEST_CASE("RFC reset semantics and flush_changes_key do not interoperate", "[mppe][rfc3078]") {
  // A sender that restarts the tables with the current key (RFC 3078 §8.2) and a receiver
  // that changes the key on FLUSHED: the resynchronising packet is garbage to the receiver,
  // which says so and asks again; documented in MppeSettings.
  MppeSettings rfc{KeyStrength::bits128, false};
  MppeSettings linux_like = rfc;
  linux_like.flush_changes_key = true;
  auto sender = MppeCodec::from_mschap_v2("clientPass", rfc_nt_response(), false, rfc);
  auto receiver = MppeCodec::from_mschap_v2("clientPass", rfc_nt_response(), true, linux_like);
  REQUIRE(sender);
  REQUIRE(receiver);
  engine::RandomSource rng(12);
  for (const auto& s : send_many(*sender, rng, 5)) REQUIRE(delivers(*receiver, s));
  (void)send_many(*sender, rng, 1);
  CHECK(receiver->decrypt(send_many(*sender, rng, 1)[0].info).send_reset_request);
  sender->on_reset_request();
  const auto out = receiver->decrypt(send_many(*sender, rng, 1)[0].info);
  CHECK_FALSE(out.plaintext);
  CHECK(out.send_reset_request);
}

TEST_CASE("Stateful: a duplicate or late packet is a mismatch too", "[mppe][rfc3078]") {
  auto pair = make_pair(MppeSettings{KeyStrength::bits128, false});
  engine::RandomSource rng(5);
  const auto sent = send_many(pair.client, rng, 5);
  for (int i = 0; i < 3; ++i) REQUIRE(delivers(pair.server, sent[static_cast<std::size_t>(i)]));
  const auto dup = pair.server.decrypt(sent[2].info);
  CHECK_FALSE(dup.plaintext);
  CHECK(dup.send_reset_request);  // §3: "does not match the expected count" -> MUST
  // Still waiting for FLUSHED: the next in-order packets are discarded.
  CHECK_FALSE(pair.server.decrypt(sent[3].info).plaintext);
  pair.client.on_reset_request();
  for (const auto& s : send_many(pair.client, rng, 5)) CHECK(delivers(pair.server, s));
}

TEST_CASE("A Reset-Request without loss only flushes", "[mppe][rfc3078]") {
  auto pair = make_pair(MppeSettings{KeyStrength::bits128, false});
  engine::RandomSource rng(6);
  for (const auto& s : send_many(pair.client, rng, 20)) REQUIRE(delivers(pair.server, s));
  const Bytes key = pair.client.send_key();
  pair.client.on_reset_request();
  const auto more = send_many(pair.client, rng, 20);
  CHECK((more[0].info[0] & 0x80) == 0x80);
  CHECK((more[1].info[0] & 0x80) == 0);
  CHECK(pair.client.send_key() == key);  // §8.2: re-initialise tables, no key change
  for (const auto& s : more) CHECK(delivers(pair.server, s));
}

TEST_CASE("Stateless: loss, reordering and duplicates all decrypt", "[mppe][rfc3078]") {
  for (const auto strength : {KeyStrength::bits40, KeyStrength::bits56, KeyStrength::bits128}) {
    INFO(strength_name(strength));
    auto pair = make_pair(MppeSettings{strength, true});
    engine::RandomSource rng(40 + static_cast<std::uint64_t>(strength));
    auto sent = send_many(pair.server, rng, 6000);  // past the 4096 wrap
    // The link: drops about a quarter, swaps neighbours within windows of 8 packets, and
    // duplicates about one in 20.
    std::vector<const Sent*> wire;
    for (std::size_t at = 0; at < sent.size(); at += 8) {
      std::vector<const Sent*> window;
      for (std::size_t i = at; i < std::min(at + 8, sent.size()); ++i) {
        if (rng.between(0, 3) != 0) window.push_back(&sent[i]);
        if (rng.between(0, 19) == 0) window.push_back(&sent[i]);
      }
      for (std::size_t i = window.size(); i > 1; --i) {
        std::swap(window[i - 1], window[rng.between(0, static_cast<std::uint32_t>(i - 1))]);
      }
      wire.insert(wire.end(), window.begin(), window.end());
    }
    int failures = 0;
    for (const Sent* s : wire) failures += delivers(pair.client, *s) ? 0 : 1;
    CHECK(failures == 0);
    const auto c = pair.client.counters();
    CHECK(c.decrypted == wire.size());
    CHECK(c.late > 0);
    CHECK(c.duplicates > 0);
    CHECK(c.sync_losses == 0);
    CHECK(c.discarded == 0);
  }
}

TEST_CASE("Stateless: a long gap costs at most 2047 key changes", "[mppe][rfc3078]") {
  auto pair = make_pair(MppeSettings{KeyStrength::bits128, true});
  engine::RandomSource rng(9);
  const auto sent = send_many(pair.server, rng, 6000);
  // First packet seen: count 2046, 2047 key changes after the initial key (§8.1 N = C1 - C2).
  REQUIRE(delivers(pair.client, sent[2046]));
  CHECK(pair.client.counters().receive_key_changes == 2047);
  // Another gap of 2047: count 4093; then across the wrap to count 0.
  REQUIRE(delivers(pair.client, sent[4093]));
  CHECK(pair.client.counters().receive_key_changes == 4094);
  REQUIRE(delivers(pair.client, sent[4096]));
  CHECK(pair.client.counters().receive_key_changes == 4097);
  // Older than the kept keys (300 behind) or 2048+ ahead: a late packet, dropped without
  // blame and without work.
  for (const std::size_t late : {std::size_t{3796}, std::size_t{2100}}) {
    const auto old = pair.client.decrypt(sent[late].info);
    CHECK_FALSE(old.plaintext);
    CHECK(old.problem == nullptr);
    CHECK(pair.client.counters().receive_key_changes == 4097);
  }
  for (std::size_t i = 4097; i < 4200; ++i) CHECK(delivers(pair.client, sent[i]));
}

TEST_CASE("Stateless: recent skipped counts stay decryptable", "[mppe][rfc3078]") {
  auto pair = make_pair(MppeSettings{KeyStrength::bits128, true});
  engine::RandomSource rng(11);
  const auto sent = send_many(pair.server, rng, 400);
  REQUIRE(delivers(pair.client, sent[399]));
  // 255 counts behind the newest are kept, received or skipped.
  for (std::size_t i = 399 - MppeReceiver::kStatelessHistory + 1; i < 399; ++i) {
    REQUIRE(delivers(pair.client, sent[i]));
  }
  CHECK(pair.client.counters().late == MppeReceiver::kStatelessHistory - 1);
}
