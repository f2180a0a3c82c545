// PAP specifics (RFC 1334 §2.2): replies matched to our Requests, repeated Requests.
#include "dissectors/ppp/pap.h"

#include <catch2/catch.hpp>

#include "auth_pair.h"
#include "dissectors/ppp/ppp_protocols.h"

using namespace std::chrono_literals;
using namespace ts::endpoints::ppp;
using ts::endpoints::ppp::test::t0;
using ts::endpoints::ppp::test::tee_config;
using ts::endpoints::ppp::test::tor_config;

TEST_CASE("PAP: an Ack for none of our Requests is ignored; Requests change Identifier") {
  auto cfg = tee_config();
  cfg.restart = 2s;
  Authenticatee tee(AuthMethod::pap, cfg, ts::engine::RandomSource(4));
  const auto now = t0();
  const auto first = tee.start(now);
  REQUIRE(first.packets.size() == 1);
  const std::uint8_t id = first.packets[0].info[1];
  CHECK(tee.next_deadline() == now + 2s);
  ts::ppp::PapPacket ack;
  ack.code = ts::ppp::pap_code::kAuthenticateAck;
  ack.identifier = static_cast<std::uint8_t>(id + 7);
  CHECK(tee.receive(now, ts::ppp::kPap, ts::ppp::encode_pap(ack)).packets.empty());
  CHECK(tee.result().outcome == AuthOutcome::pending);
  const auto second = tee.on_deadline(now + 2s);
  REQUIRE(second.packets.size() == 1);
  CHECK(second.packets[0].info[1] != id);  // RFC 1334 §2.2.1
  // A late Ack to the first Request still answers one of ours.
  ack.identifier = id;
  tee.receive(now + 2s, ts::ppp::kPap, ts::ppp::encode_pap(ack));
  CHECK(tee.result().outcome == AuthOutcome::success);
  CHECK_FALSE(tee.next_deadline());
}

TEST_CASE("PAP: a repeated Request after a Nak gets a Nak again") {
  Authenticator tor(AuthMethod::pap, tor_config(), ts::engine::RandomSource(2));
  const auto now = t0();
  tor.start(now);
  CHECK(tor.next_deadline() == now + 30s);
  ts::ppp::PapPacket req;
  req.code = ts::ppp::pap_code::kAuthenticateRequest;
  req.identifier = 1;
  req.peer_id = ts::as_bytes("alice");
  req.password = ts::as_bytes("guess");
  const auto nak = tor.receive(now, ts::ppp::kPap, ts::ppp::encode_pap(req));
  REQUIRE(nak.packets.size() == 1);
  CHECK(nak.packets[0].info[0] == ts::ppp::pap_code::kAuthenticateNak);
  // Even the right password now: the phase is over, the same Code comes back (§2.2.1).
  req.identifier = 2;
  req.password = ts::as_bytes("secret");
  const auto again = tor.receive(now + 1s, ts::ppp::kPap, ts::ppp::encode_pap(req));
  REQUIRE(again.packets.size() == 1);
  CHECK(again.packets[0].info[0] == ts::ppp::pap_code::kAuthenticateNak);
  CHECK(again.packets[0].info[1] == 2);  // §2.2.2: copied from the Request
  CHECK(tor.result().outcome == AuthOutcome::failure);
  CHECK_FALSE(tor.next_deadline());
}
