// CHAP-MD5, MS-CHAPv1 and MS-CHAPv2 specifics: rechallenges, Identifier matching, repeated
// Responses, the RFC 2759 §9.2 vector, key material, forged authenticator responses.
#include "dissectors/ppp/chap.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "auth_pair.h"
#include "dissectors/ppp/mppe_keys.h"
#include "dissectors/ppp/mschap.h"
#include "dissectors/ppp/mschap_messages.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/auth_diagnostics.h"

using namespace std::chrono_literals;
using namespace ts::endpoints::ppp;
using ts::endpoints::ppp::test::AuthPair;
using ts::endpoints::ppp::test::t0;
using ts::endpoints::ppp::test::tee_config;
using ts::endpoints::ppp::test::tor_config;
using ts::endpoints::ppp::test::WirePacket;

namespace {

AuthMethod chap_method() {
  return GENERATE(AuthMethod::chap_md5, AuthMethod::mschap_v1, AuthMethod::mschap_v2);
}

bool has(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Changes one hex digit of the "S=" authenticator response in a packet, if any.
bool forge_authenticator_response(ts::Bytes& info) {
  for (std::size_t i = 0; i + 2 < info.size(); ++i) {
    if (info[i] == 'S' && info[i + 1] == '=') {
      info[i + 2] = info[i + 2] == '0' ? '1' : '0';
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("CHAP: rechallenges at the configured interval keep the link authenticated") {
  const AuthMethod m = chap_method();
  CAPTURE(to_string(m));
  auto cfg = tor_config();
  cfg.rechallenge_interval = 60s;
  AuthPair pair(m, cfg, m, tee_config());
  pair.start();
  pair.run_until(t0() + 200s);
  CAPTURE(pair.transcript());
  CHECK(pair.tor.result().outcome == AuthOutcome::success);
  CHECK(pair.tee.result().outcome == AuthOutcome::success);
  const auto challenges = pair.sent_by(true);
  std::vector<WirePacket> sent;
  std::copy_if(challenges.begin(), challenges.end(), std::back_inserter(sent),
               [](const WirePacket& w) { return w.code() == ts::ppp::chap_code::kChallenge; });
  REQUIRE(sent.size() == 4);
  for (std::size_t i = 0; i < sent.size(); ++i) {
    CHECK(sent[i].at == t0() + i * 60s);
    if (i > 0) {
      // RFC 1994 §4.1: Identifier and Value change with every Challenge.
      CHECK(sent[i].identifier() != sent[i - 1].identifier());
      CHECK(sent[i].packet.info != sent[i - 1].packet.info);
    }
  }
  CHECK(pair.tee.packets_sent() == 4);
  CHECK(pair.tor.next_deadline() == t0() + 240s);
}

TEST_CASE("CHAP: a wrong answer to a rechallenge turns both sides to failure") {
  const AuthMethod m = chap_method();
  CAPTURE(to_string(m));
  auto cfg = tor_config();
  cfg.rechallenge_interval = 60s;
  AuthPair pair(m, cfg, m, tee_config());
  pair.mutate = [](WirePacket& w) {
    // The Response to the rechallenge gets one octet of its hash flipped: the MD5 Value,
    // or the NT-Response after the 24 octets of LM-Response / Peer-Challenge + Reserved.
    if (!w.from_authenticator && w.at > t0() + 30s) {
      const std::size_t value_size = w.packet.info[4];
      w.packet.info[5 + (value_size == 49 ? 24 : 0)] ^= 0x01;
    }
  };
  pair.start();
  pair.run_until(t0() + 30s);
  REQUIRE(pair.tor.result().outcome == AuthOutcome::success);
  REQUIRE(pair.tee.result().outcome == AuthOutcome::success);
  pair.run_until(t0() + 100s);
  CAPTURE(pair.transcript());
  CHECK(pair.tor.result().outcome == AuthOutcome::failure);
  CHECK(pair.tee.result().outcome == AuthOutcome::failure);
  CHECK_FALSE(pair.tor.result().keys);
  CHECK_FALSE(pair.tee.result().keys);
  const auto last = pair.sent_by(true).back();
  CHECK(last.at == t0() + 60s);
  CHECK(last.code() == ts::ppp::chap_code::kFailure);
  CHECK_FALSE(pair.tor.next_deadline());  // no more rechallenges after a failure
}

TEST_CASE("CHAP: an unanswered rechallenge fails after max_transmits") {
  auto cfg = tor_config();
  cfg.rechallenge_interval = 60s;
  cfg.max_transmits = 3;
  cfg.restart = 5s;
  AuthPair pair(AuthMethod::chap_md5, cfg, AuthMethod::chap_md5, tee_config());
  pair.drop = [](const WirePacket& w) { return !w.from_authenticator && w.at > t0() + 30s; };
  pair.start();
  pair.run_until(t0() + 74s);
  CHECK(pair.tor.result().outcome == AuthOutcome::success);
  pair.run_until(t0() + 75s);
  CHECK(pair.tor.result().outcome == AuthOutcome::failure);
  CHECK(pair.tor.challenges_sent() == 4);  // the first, then 3 for the rechallenge
}

TEST_CASE(
    "CHAP: a Response with another Identifier is ignored; a repeated one gets the same reply") {
  const AuthMethod m = chap_method();
  CAPTURE(to_string(m));
  Authenticator tor(m, tor_config(), ts::engine::RandomSource(7));
  Authenticatee tee(m, tee_config(), ts::engine::RandomSource(8));
  const auto now = t0();
  tee.start(now);
  const auto challenge = tor.start(now);
  REQUIRE(challenge.packets.size() == 1);
  const auto response = tee.receive(now, ts::ppp::kChap, challenge.packets[0].info);
  REQUIRE(response.packets.size() == 1);
  // RFC 1994 §4.1: only the current Challenge Identifier counts.
  auto wrong_id = response.packets[0].info;
  wrong_id[1] = static_cast<std::uint8_t>(wrong_id[1] + 1);
  const auto ignored = tor.receive(now, ts::ppp::kChap, wrong_id);
  CHECK(ignored.packets.empty());
  CHECK(ignored.notes.empty());
  CHECK(tor.result().outcome == AuthOutcome::pending);
  CHECK(tor.state_name() == "challenge-sent");

  const auto reply = tor.receive(now, ts::ppp::kChap, response.packets[0].info);
  REQUIRE(reply.packets.size() == 1);
  CHECK(reply.packets[0].info[0] == ts::ppp::chap_code::kSuccess);
  CHECK(tor.result().outcome == AuthOutcome::success);
  // The Success is lost; the same Response again gets the same Success (RFC 1994 §4.1).
  const auto again = tor.receive(now + 1s, ts::ppp::kChap, response.packets[0].info);
  REQUIRE(again.packets.size() == 1);
  CHECK(again.packets[0].info == reply.packets[0].info);

  // The authenticatee ignores a Success whose Identifier is not its Response's (§4.2).
  auto stray = reply.packets[0].info;
  stray[1] = static_cast<std::uint8_t>(stray[1] + 3);
  CHECK(tee.receive(now, ts::ppp::kChap, stray).packets.empty());
  CHECK(tee.result().outcome == AuthOutcome::pending);
  tee.receive(now, ts::ppp::kChap, reply.packets[0].info);
  CHECK(tee.result().outcome == AuthOutcome::success);
}

TEST_CASE("MS-CHAPv2: the RFC 2759 §9.2 vector through both components") {
  auto cfg = tor_config();
  cfg.users = {{"User", "clientPass"}};
  cfg.fixed_challenge = ts::from_hex("5B5D7C7D7B3F2F3E3C2C602132262628");
  auto tee_cfg = tee_config("User", "clientPass");
  tee_cfg.fixed_peer_challenge = ts::from_hex("21402324255E262A28295F2B3A337C7E");
  AuthPair pair(AuthMethod::mschap_v2, cfg, AuthMethod::mschap_v2, tee_cfg);
  pair.start();
  CAPTURE(pair.transcript());
  REQUIRE(pair.tor.result().outcome == AuthOutcome::success);
  REQUIRE(pair.tee.result().outcome == AuthOutcome::success);
  const auto nt = ts::from_hex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");
  REQUIRE(pair.tor.result().keys);
  REQUIRE(pair.tee.result().keys);
  CHECK(pair.tor.result().keys->nt_response == nt);
  CHECK(pair.tee.result().keys->nt_response == nt);
  const auto success_packet = pair.sent_by(true).back();
  const auto success =
      ts::ppp::decode_chap(success_packet.packet.info, ts::ppp::ChapAlgorithm::mschap_v2);
  REQUIRE(success.value.success);
  CHECK(success.value.success->authenticator_response ==
        "S=407A5589115FD0D6209F510FE9C04566932CDA56");
}

TEST_CASE("MS-CHAP: both sides produce the same key material, and it verifies") {
  const AuthMethod m = GENERATE(AuthMethod::mschap_v1, AuthMethod::mschap_v2);
  CAPTURE(to_string(m));
  AuthPair pair(m, tor_config(), m, tee_config("bob", "hunter2"), 42);
  pair.start();
  REQUIRE(pair.tor.result().keys);
  REQUIRE(pair.tee.result().keys);
  const auto& a = *pair.tor.result().keys;
  const auto& b = *pair.tee.result().keys;
  CHECK(a.method == m);
  CHECK(b.method == m);
  CHECK(a.password == "hunter2");
  CHECK(b.password == a.password);
  CHECK(a.nt_response == b.nt_response);
  CHECK(a.challenge == b.challenge);
  CHECK(a.nt_response.size() == 24);
  const auto challenge_packet = pair.sent_by(true).front();  // decoded views point into it
  const auto challenge = ts::ppp::decode_chap(challenge_packet.packet.info).value;
  if (m == AuthMethod::mschap_v1) {
    CHECK(a.challenge.size() == 8);
    CHECK(std::equal(challenge.value.begin(), challenge.value.end(), a.challenge.begin()));
    const auto nt = ts::ppp::mschap::nt_challenge_response(a.challenge, "hunter2");
    REQUIRE(nt);
    CHECK(ts::Bytes(nt->begin(), nt->end()) == a.nt_response);
  } else {
    CHECK(a.challenge.empty());
    const auto response_packet = pair.sent_by(false).front();
    const auto response =
        ts::ppp::decode_chap(response_packet.packet.info, ts::ppp::ChapAlgorithm::mschap_v2);
    REQUIRE(response.value.mschap_v2);
    const auto nt = ts::ppp::mschap::generate_nt_response(
        challenge.value, response.value.mschap_v2->peer_challenge, "bob", "hunter2");
    REQUIRE(nt);
    CHECK(ts::Bytes(nt->begin(), nt->end()) == a.nt_response);
  }
}

TEST_CASE("MS-CHAPv2: the authenticatee rejects a forged authenticator response") {
  AuthPair pair(AuthMethod::mschap_v2, tor_config(), AuthMethod::mschap_v2, tee_config());
  bool forged = false;
  pair.mutate = [&](WirePacket& w) {
    if (w.from_authenticator && w.code() == ts::ppp::chap_code::kSuccess)
      forged = forge_authenticator_response(w.packet.info);
  };
  pair.start();
  REQUIRE(forged);
  CHECK(pair.tor.result().outcome == AuthOutcome::success);  // it cannot know
  CHECK(pair.tee.result().outcome == AuthOutcome::failure);
  CHECK_FALSE(pair.tee.result().keys);
  CHECK(has(pair.violations(false), "ppp.authn.bad_authenticator_response"));
}

TEST_CASE("MS-CHAP: Failure messages follow RFC 2433 §6 and RFC 2759 §6") {
  const AuthMethod m = GENERATE(AuthMethod::mschap_v1, AuthMethod::mschap_v2);
  CAPTURE(to_string(m));
  AuthPair pair(m, tor_config(), m, tee_config("alice", "nope"));
  pair.start();
  const auto failure = pair.sent_by(true).back();
  REQUIRE(failure.code() == ts::ppp::chap_code::kFailure);
  const auto text = pair.tor.result().message;
  const auto f = ts::ppp::parse_mschap_failure(text, m == AuthMethod::mschap_v2).value;
  CHECK(f.error == 691u);
  CHECK(f.retry == false);
  if (m == AuthMethod::mschap_v2) {
    CHECK(f.challenge.size() == 16);
    CHECK(f.version == 3u);
  }
  CHECK(pair.tee.result().message == text);
}

TEST_CASE("CHAP: a Response of the wrong size is a violation and a failure") {
  Authenticator tor(AuthMethod::mschap_v2, tor_config(), ts::engine::RandomSource(3));
  const auto now = t0();
  const auto c = tor.start(now);
  ts::ppp::ChapPacket r;
  r.code = ts::ppp::chap_code::kResponse;
  r.identifier = c.packets[0].info[1];
  const ts::Bytes value(16, 0xAB);
  r.value = value;
  r.name = ts::as_bytes("alice");
  const auto out = tor.receive(now, ts::ppp::kChap, ts::ppp::encode_chap(r));
  CHECK(tor.result().outcome == AuthOutcome::failure);
  REQUIRE(out.packets.size() == 1);
  CHECK(out.packets[0].info[0] == ts::ppp::chap_code::kFailure);
  bool flagged = false;
  for (const auto& n : out.notes)
    if (const auto* v = std::get_if<ts::engine::Violation>(&n))
      flagged |= v->def == &diag::kBadValueSize;
  CHECK(flagged);
}

TEST_CASE("CHAP: rechallenges at random intervals stay within interval + jitter") {
  auto cfg = tor_config();
  cfg.rechallenge_interval = 30s;
  cfg.rechallenge_jitter = 20s;
  AuthPair pair(AuthMethod::chap_md5, cfg, AuthMethod::chap_md5, tee_config());
  pair.start();
  pair.run_until(t0() + 600s);
  CHECK(pair.tor.result().outcome == AuthOutcome::success);
  std::vector<ts::Instant> at;
  for (const auto& w : pair.sent_by(true))
    if (w.code() == ts::ppp::chap_code::kChallenge) at.push_back(w.at);
  REQUIRE(at.size() >= 12);  // 600 s / at most 50 s each
  std::set<ts::Duration> gaps;
  for (std::size_t i = 1; i < at.size(); ++i) {
    const auto gap = at[i] - at[i - 1];
    CHECK(gap >= 30s);
    CHECK(gap <= 50s);
    gaps.insert(gap);
  }
  CHECK(gaps.size() > 1);  // not one fixed interval
}

TEST_CASE("MS-CHAPv1: the RFC 2433 §B.2 vector through both components") {
  auto cfg = tor_config();
  cfg.users = {{"User", "MyPw"}};
  cfg.fixed_challenge = ts::from_hex("102DB5DF085D3041");
  AuthPair pair(AuthMethod::mschap_v1, cfg, AuthMethod::mschap_v1, tee_config("User", "MyPw"));
  pair.start();
  REQUIRE(pair.tor.result().outcome == AuthOutcome::success);
  REQUIRE(pair.tee.result().keys);
  const auto nt = ts::from_hex("4e9d3c8f9cfd385d5bf4d3246791956ca4c351ab409a3d61");
  CHECK(pair.tee.result().keys->nt_response == nt);
  CHECK(pair.tor.result().keys->nt_response == nt);
  CHECK(pair.tor.result().keys->challenge == cfg.fixed_challenge);
}

TEST_CASE("MS-CHAP: the key material gives matching MPPE keys on both sides (RFC 3079)") {
  namespace mppe = ts::ppp::mppe;
  const AuthMethod m =
      GENERATE(AuthMethod::mschap_v1, AuthMethod::mschap_v2, AuthMethod::eap_mschap_v2);
  CAPTURE(to_string(m));
  AuthPair pair(m, tor_config(), m, tee_config(), 5);
  pair.start();
  REQUIRE(pair.tor.result().keys);
  REQUIRE(pair.tee.result().keys);
  const auto& server = *pair.tor.result().keys;
  const auto& client = *pair.tee.result().keys;
  if (m == AuthMethod::mschap_v1) {
    // RFC 3079 §2.3: both sides derive the same 128-bit key from password and challenge.
    const auto a =
        mppe::mschap_v1_session_key(server.password, server.challenge, mppe::KeyStrength::bits128);
    const auto b =
        mppe::mschap_v1_session_key(client.password, client.challenge, mppe::KeyStrength::bits128);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a == *b);
  } else {
    // RFC 3079 §3: the server's send key is the client's receive key and vice versa.
    const auto s = mppe::initial_session_keys(server.password, server.nt_response,
                                              mppe::KeyStrength::bits128, true);
    const auto c = mppe::initial_session_keys(client.password, client.nt_response,
                                              mppe::KeyStrength::bits128, false);
    REQUIRE(s);
    REQUIRE(c);
    CHECK(s->send == c->receive);
    CHECK(s->receive == c->send);
    CHECK(s->send != s->receive);
  }
}
