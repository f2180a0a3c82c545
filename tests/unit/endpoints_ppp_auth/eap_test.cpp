// EAP specifics (RFC 3748): legacy Nak, Identifier matching, Notification, EAP-MS-CHAPv2
// mutual authentication and key material.
#include "dissectors/ppp/eap.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "auth_pair.h"
#include "dissectors/ppp/mschap.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/auth_diagnostics.h"

using namespace std::chrono_literals;
using namespace ts::endpoints::ppp;
using ts::endpoints::ppp::test::AuthPair;
using ts::endpoints::ppp::test::t0;
using ts::endpoints::ppp::test::tee_config;
using ts::endpoints::ppp::test::tor_config;
using ts::endpoints::ppp::test::WirePacket;
namespace eap_code = ts::ppp::eap_code;
namespace eap_type = ts::ppp::eap_type;

namespace {

bool has(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool has_violation(const AuthOutput& out, const ts::DiagnosticDef& def) {
  for (const auto& n : out.notes)
    if (const auto* v = std::get_if<ts::engine::Violation>(&n))
      if (v->def == &def) return true;
  return false;
}

ts::Bytes eap(std::uint8_t code, std::uint8_t id, std::uint8_t type = 0, ts::Bytes data = {}) {
  ts::ppp::EapPacket p;
  p.code = code;
  p.identifier = id;
  p.type = type;
  p.type_data = data;
  return ts::ppp::encode_eap(p);
}

// The legacy Nak Responses on the wire, as their desired-Type lists.
std::vector<std::vector<std::uint8_t>> naks(const AuthPair& pair) {
  std::vector<std::vector<std::uint8_t>> out;
  for (const auto& w : pair.sent_by(false)) {
    const auto p = ts::ppp::decode_eap(w.packet.info).value;
    if (p.code == eap_code::kResponse && p.type == eap_type::kNak) out.push_back(p.nak_types);
  }
  return out;
}

}  // namespace

TEST_CASE("EAP: a legacy Nak switches the authenticator to the method the peer asks for") {
  const AuthMethod ours = GENERATE(AuthMethod::eap_md5, AuthMethod::eap_mschap_v2);
  const AuthMethod theirs =
      ours == AuthMethod::eap_md5 ? AuthMethod::eap_mschap_v2 : AuthMethod::eap_md5;
  CAPTURE(to_string(ours));
  AuthPair pair(ours, tor_config(), theirs, tee_config());
  pair.start();
  CAPTURE(pair.transcript());
  CHECK(pair.tor.result().outcome == AuthOutcome::success);
  CHECK(pair.tee.result().outcome == AuthOutcome::success);
  CHECK(pair.tor.method() == theirs);
  // RFC 3748 §5.3.1: the Nak names the Type the peer wants.
  const auto n = naks(pair);
  REQUIRE(n.size() == 1);
  CHECK(n[0] == std::vector<std::uint8_t>{theirs == AuthMethod::eap_md5 ? eap_type::kMd5Challenge
                                                                        : eap_type::kMsChapV2});
  CHECK(pair.tor.result().keys.has_value() == (theirs == AuthMethod::eap_mschap_v2));
}

TEST_CASE("EAP: a legacy Nak naming nothing we accept ends in EAP Failure on both sides") {
  auto cfg = tor_config();
  cfg.eap_fallbacks.clear();
  AuthPair pair(AuthMethod::eap_md5, cfg, AuthMethod::eap_mschap_v2, tee_config());
  pair.start();
  CAPTURE(pair.transcript());
  CHECK(pair.tor.result().outcome == AuthOutcome::failure);
  CHECK(pair.tee.result().outcome == AuthOutcome::failure);
  CHECK(pair.sent_by(true).back().code() == eap_code::kFailure);
  CHECK(naks(pair).size() == 1);
  CHECK(pair.tor.method() == AuthMethod::eap_md5);
}

TEST_CASE("EAP: Responses with another Identifier are discarded; Nak to Identity is a fault") {
  Authenticator tor(AuthMethod::eap_md5, tor_config(), ts::engine::RandomSource(5));
  const auto now = t0();
  const auto identity = tor.start(now);
  REQUIRE(identity.packets.size() == 1);
  const std::uint8_t id = identity.packets[0].info[1];
  const auto name = ts::as_bytes("alice");
  // RFC 3748 §4.1: another Identifier is silently discarded.
  const auto stray = tor.receive(now, ts::ppp::kEap,
                                 eap(eap_code::kResponse, static_cast<std::uint8_t>(id + 1),
                                     eap_type::kIdentity, ts::Bytes(name.begin(), name.end())));
  CHECK(stray.packets.empty());
  CHECK(tor.state_name() == "identity-sent");
  // RFC 3748 §5.3.1: a Nak answers only an authentication Type.
  const auto nak = tor.receive(
      now, ts::ppp::kEap, eap(eap_code::kResponse, id, eap_type::kNak, {eap_type::kMd5Challenge}));
  CHECK(has_violation(nak, diag::kNakToNonAuthRequest));
  CHECK(nak.packets.empty());
  // The right answer still works.
  const auto md5 = tor.receive(
      now, ts::ppp::kEap,
      eap(eap_code::kResponse, id, eap_type::kIdentity, ts::Bytes(name.begin(), name.end())));
  REQUIRE(md5.packets.size() == 1);
  const auto request = ts::ppp::decode_eap(md5.packets[0].info).value;
  CHECK(request.type == eap_type::kMd5Challenge);
  CHECK(request.identifier != id);  // §4.1: a new Request, a new Identifier
  CHECK(tor.result().peer_name == "alice");
}

TEST_CASE("EAP: the authenticatee answers Notification and Naks methods it lacks") {
  Authenticatee tee(AuthMethod::eap_md5, tee_config(), ts::engine::RandomSource(9));
  const auto now = t0();
  tee.start(now);
  const auto note = tee.receive(now, ts::ppp::kEap,
                                eap(eap_code::kRequest, 7, eap_type::kNotification, {'h', 'i'}));
  REQUIRE(note.packets.size() == 1);
  const auto r = ts::ppp::decode_eap(note.packets[0].info).value;
  CHECK(r.code == eap_code::kResponse);
  CHECK(r.identifier == 7);
  CHECK(r.type == eap_type::kNotification);
  // A TLS Request: Nak naming MD5 (§5.3.1).
  const auto tls =
      tee.receive(now, ts::ppp::kEap, eap(eap_code::kRequest, 8, eap_type::kTls, {0x20}));
  REQUIRE(tls.packets.size() == 1);
  const auto n = ts::ppp::decode_eap(tls.packets[0].info).value;
  CHECK(n.type == eap_type::kNak);
  CHECK(n.nak_types == std::vector<std::uint8_t>{eap_type::kMd5Challenge});
  // Success / Failure with an Identifier other than our last Response's are ignored.
  CHECK(tee.receive(now, ts::ppp::kEap, eap(eap_code::kFailure, 3)).packets.empty());
  CHECK(tee.result().outcome == AuthOutcome::pending);
}

TEST_CASE("EAP-MS-CHAPv2: a forged Success Request fails the authenticatee") {
  AuthPair pair(AuthMethod::eap_mschap_v2, tor_config(), AuthMethod::eap_mschap_v2, tee_config());
  bool forged = false;
  pair.mutate = [&](WirePacket& w) {
    if (!w.from_authenticator || forged) return;
    const auto p = ts::ppp::decode_eap(w.packet.info).value;
    if (p.type != eap_type::kMsChapV2 || !p.mschapv2 || p.mschapv2->opcode != 3) return;
    for (std::size_t i = 0; i + 2 < w.packet.info.size(); ++i)
      if (w.packet.info[i] == 'S' && w.packet.info[i + 1] == '=') {
        w.packet.info[i + 2] = w.packet.info[i + 2] == '0' ? '1' : '0';
        forged = true;
        break;
      }
  };
  pair.start();
  pair.run_for(60s);
  CAPTURE(pair.transcript());
  REQUIRE(forged);
  CHECK(pair.tee.result().outcome == AuthOutcome::failure);
  CHECK(has(pair.violations(false), "ppp.authn.bad_authenticator_response"));
  // The peer never acknowledged the Success: the authenticator gives up too.
  CHECK(pair.tor.result().outcome == AuthOutcome::failure);
  for (const auto& w : pair.sent_by(false)) {
    const auto p = ts::ppp::decode_eap(w.packet.info).value;
    CHECK_FALSE((p.mschapv2 && p.mschapv2->opcode == 3));  // no Success Response sent
  }
}

TEST_CASE("EAP-MS-CHAPv2: an EAP Success before the Success Request is refused") {
  Authenticator tor(AuthMethod::eap_mschap_v2, tor_config(), ts::engine::RandomSource(11));
  Authenticatee tee(AuthMethod::eap_mschap_v2, tee_config(), ts::engine::RandomSource(12));
  const auto now = t0();
  tee.start(now);
  auto to_tee = tor.start(now).packets;
  AuthOutput last;
  // Identity, then the Challenge; stop before the Success Request.
  for (int i = 0; i < 2; ++i) {
    last = tee.receive(now, ts::ppp::kEap, to_tee.at(0).info);
    to_tee = tor.receive(now, ts::ppp::kEap, last.packets.at(0).info).packets;
  }
  const std::uint8_t id = last.packets.at(0).info[1];
  const auto out = tee.receive(now, ts::ppp::kEap, eap(eap_code::kSuccess, id));
  CHECK(has_violation(out, diag::kEapSuccessWithoutMutualAuth));
  CHECK(tee.result().outcome == AuthOutcome::failure);
}

TEST_CASE("EAP-MS-CHAPv2: both sides hold the same key material, and it verifies") {
  AuthPair pair(AuthMethod::eap_mschap_v2, tor_config(), AuthMethod::eap_mschap_v2,
                tee_config("bob", "hunter2"), 77);
  pair.start();
  REQUIRE(pair.tor.result().keys);
  REQUIRE(pair.tee.result().keys);
  const auto& a = *pair.tor.result().keys;
  const auto& b = *pair.tee.result().keys;
  CHECK(a.method == AuthMethod::eap_mschap_v2);
  CHECK(a.nt_response == b.nt_response);
  CHECK(a.password == b.password);
  ts::Bytes auth_challenge, peer_challenge;
  for (const auto& w : pair.wire) {
    const auto p = ts::ppp::decode_eap(w.packet.info).value;
    if (!p.mschapv2) continue;
    if (p.mschapv2->opcode == 1)
      auth_challenge.assign(p.mschapv2->value.begin(), p.mschapv2->value.end());
    if (p.mschapv2->response)
      peer_challenge.assign(p.mschapv2->response->peer_challenge.begin(),
                            p.mschapv2->response->peer_challenge.end());
  }
  const auto nt =
      ts::ppp::mschap::generate_nt_response(auth_challenge, peer_challenge, "bob", "hunter2");
  REQUIRE(nt);
  CHECK(ts::Bytes(nt->begin(), nt->end()) == a.nt_response);
}
