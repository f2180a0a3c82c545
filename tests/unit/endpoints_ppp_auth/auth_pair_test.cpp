// Every method, an Authenticator and an Authenticatee back to back: success, wrong
// password, unknown user, lost packets and retransmission timing, giving up.
#include "auth_pair.h"

#include <catch2/catch.hpp>

#include "dissectors/ppp/ppp_protocols.h"

using namespace std::chrono_literals;
using namespace ts::endpoints::ppp;
using ts::endpoints::ppp::test::AuthPair;
using ts::endpoints::ppp::test::t0;
using ts::endpoints::ppp::test::tee_config;
using ts::endpoints::ppp::test::tor_config;
using ts::endpoints::ppp::test::WirePacket;

namespace {

AuthMethod any_method() {
  return GENERATE(AuthMethod::pap, AuthMethod::chap_md5, AuthMethod::mschap_v1,
                  AuthMethod::mschap_v2, AuthMethod::eap_md5, AuthMethod::eap_mschap_v2);
}

// The final verdict packet of the authenticator: PAP Ack/Nak, CHAP Success/Failure, EAP
// Success/Failure.
std::uint8_t success_code(AuthMethod m) { return m == AuthMethod::pap ? 2 : 3; }
std::uint8_t failure_code(AuthMethod m) { return m == AuthMethod::pap ? 3 : 4; }

// Who speaks first: PAP's authenticatee; CHAP and EAP's authenticator.
bool authenticator_first(AuthMethod m) { return m != AuthMethod::pap; }

}  // namespace

TEST_CASE("auth pair: the right password succeeds on both sides") {
  const AuthMethod m = any_method();
  CAPTURE(to_string(m));
  AuthPair pair(m, tor_config(), m, tee_config());
  pair.start();
  pair.run_for(1s);
  CHECK(pair.tor.result().outcome == AuthOutcome::success);
  CHECK(pair.tee.result().outcome == AuthOutcome::success);
  CHECK(pair.tor.result().peer_name == "alice");
  if (m != AuthMethod::pap) CHECK(pair.tee.result().peer_name == "tunnelscope");
  const auto tor_packets = pair.sent_by(true);
  REQUIRE_FALSE(tor_packets.empty());
  CHECK(tor_packets.back().code() == success_code(m));
  for (const auto& w : pair.wire) {
    CHECK(w.packet.protocol == auth_ppp_protocol(m));
    CHECK(w.at == t0());  // nothing waited for a timer
  }
  CHECK(pair.violations(true).empty());
  CHECK(pair.violations(false).empty());
  // Done: no timer left (no rechallenge configured).
  CHECK_FALSE(pair.tor.next_deadline());
  CHECK_FALSE(pair.tee.next_deadline());
  const bool mschap =
      m == AuthMethod::mschap_v1 || m == AuthMethod::mschap_v2 || m == AuthMethod::eap_mschap_v2;
  CHECK(pair.tor.result().keys.has_value() == mschap);
  CHECK(pair.tee.result().keys.has_value() == mschap);
}

TEST_CASE("auth pair: a wrong password fails on both sides with the method's failure packet") {
  const AuthMethod m = any_method();
  CAPTURE(to_string(m));
  AuthPair pair(m, tor_config(), m, tee_config("alice", "wrong"));
  pair.start();
  pair.run_for(1s);
  CHECK(pair.tor.result().outcome == AuthOutcome::failure);
  CHECK(pair.tee.result().outcome == AuthOutcome::failure);
  const auto tor_packets = pair.sent_by(true);
  REQUIRE_FALSE(tor_packets.empty());
  CHECK(tor_packets.back().code() == failure_code(m));
  CHECK_FALSE(pair.tor.result().keys);
  CHECK_FALSE(pair.tee.result().keys);
  CHECK(pair.violations(true).empty());  // a wrong password is no protocol fault
}

TEST_CASE("auth pair: an unknown user fails") {
  const AuthMethod m = any_method();
  CAPTURE(to_string(m));
  AuthPair pair(m, tor_config(), m, tee_config("mallory", "secret"));
  pair.start();
  pair.run_for(1s);
  CHECK(pair.tor.result().outcome == AuthOutcome::failure);
  CHECK(pair.tee.result().outcome == AuthOutcome::failure);
  CHECK(pair.tor.result().peer_name == "mallory");
  CHECK(pair.sent_by(true).back().code() == failure_code(m));
}

TEST_CASE("auth pair: the first packet lost, the retransmission comes after `restart`") {
  const AuthMethod m = any_method();
  CAPTURE(to_string(m));
  auto tor_cfg = tor_config();
  tor_cfg.restart = 2s;
  auto tee_cfg = tee_config();
  tee_cfg.restart = 2s;
  AuthPair pair(m, tor_cfg, m, tee_cfg);
  const bool first_is_tor = authenticator_first(m);
  bool dropped = false;
  pair.drop = [&](const WirePacket& w) {
    if (dropped || w.from_authenticator != first_is_tor) return false;
    return dropped = true;
  };
  pair.start();
  pair.run_for(10s);
  CHECK(pair.tor.result().outcome == AuthOutcome::success);
  CHECK(pair.tee.result().outcome == AuthOutcome::success);
  const auto first = pair.sent_by(first_is_tor);
  REQUIRE(first.size() >= 2);
  CHECK(first[0].dropped);
  CHECK(first[0].at == t0());
  CHECK(first[1].at == t0() + 2s);
  // RFC 1994 §4.1, RFC 1334 §2.2.1: a new Identifier; RFC 3748 §4.1: the same one.
  if (is_eap(m)) {
    CHECK(first[1].packet.info == first[0].packet.info);
  } else {
    CHECK(first[1].identifier() != first[0].identifier());
  }
}

TEST_CASE("auth pair: the first answer lost, the exchange recovers after `restart`") {
  const AuthMethod m = any_method();
  CAPTURE(to_string(m));
  auto tor_cfg = tor_config();
  tor_cfg.restart = 4s;
  auto tee_cfg = tee_config();
  tee_cfg.restart = 4s;
  AuthPair pair(m, tor_cfg, m, tee_cfg);
  // The answerer: the authenticatee for CHAP/EAP, the authenticator (Ack) for PAP.
  const bool answerer_is_tor = !authenticator_first(m);
  bool dropped = false;
  pair.drop = [&](const WirePacket& w) {
    if (dropped || w.from_authenticator != answerer_is_tor) return false;
    return dropped = true;
  };
  pair.start();
  pair.run_for(20s);
  CHECK(pair.tor.result().outcome == AuthOutcome::success);
  CHECK(pair.tee.result().outcome == AuthOutcome::success);
  const auto asker = pair.sent_by(!answerer_is_tor);
  REQUIRE(asker.size() >= 2);
  CHECK(asker[1].at == t0() + 4s);
  const auto answers = pair.sent_by(answerer_is_tor);
  REQUIRE(answers.size() >= 2);
  CHECK(answers[0].dropped);
  CHECK(answers[1].at == t0() + 4s);
  if (m == AuthMethod::pap) {
    // RFC 1334 §2.2.1: the repeated Request is Acked again.
    CHECK(answers[0].code() == 2);
    CHECK(answers[1].code() == 2);
    CHECK(answers[1].identifier() == asker[1].identifier());
  }
  if (is_eap(m)) {
    // RFC 3748 §4.1: the duplicate Request gets the original Response again.
    CHECK(answers[1].packet.info == answers[0].packet.info);
  }
}

TEST_CASE("auth pair: nothing answers, the sender gives up after max_transmits") {
  const AuthMethod m = any_method();
  CAPTURE(to_string(m));
  auto tor_cfg = tor_config();
  tor_cfg.restart = 3s;
  tor_cfg.max_transmits = 4;
  tor_cfg.wait_request = 20s;
  auto tee_cfg = tee_config();
  tee_cfg.restart = 3s;
  tee_cfg.max_transmits = 4;
  tee_cfg.wait_challenge = 25s;
  AuthPair pair(m, tor_cfg, m, tee_cfg);
  const bool sender_is_tor = authenticator_first(m);
  pair.drop = [&](const WirePacket& w) { return w.from_authenticator == sender_is_tor; };
  pair.start();
  pair.run_for(60s);
  CHECK(pair.tor.result().outcome == AuthOutcome::failure);
  CHECK(pair.tee.result().outcome == AuthOutcome::failure);
  const auto sent = pair.sent_by(sender_is_tor);
  REQUIRE(sent.size() == 4);
  for (std::size_t i = 0; i < sent.size(); ++i) CHECK(sent[i].at == t0() + i * 3s);
  CHECK(pair.sent_by(!sender_is_tor).empty());
  CHECK_FALSE(pair.tor.next_deadline());
  CHECK_FALSE(pair.tee.next_deadline());
  if (sender_is_tor) {
    CHECK(pair.tor.challenges_sent() == 4);
  } else {
    CHECK(pair.tee.packets_sent() == 4);
  }
}

TEST_CASE("auth pair: the receiving side gives up after its wait time") {
  const AuthMethod m = any_method();
  CAPTURE(to_string(m));
  auto tor_cfg = tor_config();
  tor_cfg.wait_request = 20s;
  tor_cfg.max_transmits = 100;
  auto tee_cfg = tee_config();
  tee_cfg.wait_challenge = 25s;
  tee_cfg.max_transmits = 100;
  AuthPair pair(m, tor_cfg, m, tee_cfg);
  const bool sender_is_tor = authenticator_first(m);
  pair.drop = [&](const WirePacket& w) { return w.from_authenticator == sender_is_tor; };
  pair.start();
  pair.run_until(t0() + 19s);
  const auto& receiver = sender_is_tor ? pair.tee.result() : pair.tor.result();
  CHECK(receiver.outcome == AuthOutcome::pending);
  pair.run_until(t0() + 26s);
  CHECK(receiver.outcome == AuthOutcome::failure);
}

TEST_CASE("auth pair: any single lost packet is recovered (except the final verdict)") {
  const AuthMethod m = any_method();
  const bool side = GENERATE(true, false);  // the authenticator's packets, or the peer's
  CAPTURE(to_string(m), side);
  std::size_t count = 0;
  {
    AuthPair clean(m, tor_config(), m, tee_config());
    clean.start();
    count = clean.sent_by(side).size();
  }
  // Nothing retransmits a lost CHAP Success or EAP Success (RFC 1994 §4.1 and RFC 3748
  // §4.2 leave that to LCP), so the authenticator's last packet is not tried there.
  if (side && m != AuthMethod::pap) --count;
  for (std::size_t k = 0; k < count; ++k) {
    CAPTURE(k);
    AuthPair pair(m, tor_config(), m, tee_config());
    std::size_t seen = 0;
    pair.drop = [&](const WirePacket& w) {
      return w.from_authenticator == side && seen++ == k;
    };
    pair.start();
    pair.run_for(20s);
    CAPTURE(pair.transcript());
    CHECK(pair.tor.result().outcome == AuthOutcome::success);
    CHECK(pair.tee.result().outcome == AuthOutcome::success);
    CHECK(pair.violations(true).empty());
    CHECK(pair.violations(false).empty());
  }
}
