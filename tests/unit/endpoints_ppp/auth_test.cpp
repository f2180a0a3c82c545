// The Authentication phase of the PPP peer (RFC 1661 §3.5) with every method of
// src/endpoints/ppp/authenticator.h: negotiated by LCP, run, then Network or termination.
#include <catch2/catch.hpp>

#include "tests/unit/endpoints_ppp/configs.h"
#include "tests/unit/endpoints_ppp/link_pair.h"

using namespace ts;
using namespace ts::endpoints::ppp;
using namespace ts::endpoints::ppp::test;
using machines::ppp::State;


TEST_CASE(
    "each authentication method: success opens the Network phase, a wrong password ends the link") {
  const AuthMethod methods[] = {AuthMethod::pap,       AuthMethod::chap_md5,
                                AuthMethod::mschap_v1, AuthMethod::mschap_v2,
                                AuthMethod::eap_md5,   AuthMethod::eap_mschap_v2};
  for (const auto m : methods) {
    INFO(to_string(m));
    PppConfig s = server_config();
    PppConfig c = client_config();
    require_method(s, {m});
    SECTION(std::string(to_string(m)) + " success") {
      accept_method(c, {m}, "correct horse");
      LinkPair p(s, c);
      p.up(at(0s));
      p.run_until(at(10s));
      for (int i = 0; i < 2; ++i) {
        CHECK(p.peer(i).phase() == Phase::network);
        CHECK(p.peer(i).ipcp().opened());
        CHECK_FALSE(p.peer(i).finished());
      }
      REQUIRE(p.a().authenticator() != nullptr);
      CHECK(p.a().authenticator()->result().outcome == AuthOutcome::success);
      CHECK(p.a().authenticator()->result().peer_name == "alice");
      REQUIRE(p.b().authenticatee() != nullptr);
      CHECK(p.b().authenticatee()->result().outcome == AuthOutcome::success);
      CHECK(p.transitions(1, "phase") == std::vector<std::string>{"Dead -> Establish",
                                                                  "Establish -> Authenticate",
                                                                  "Authenticate -> Network"});
      // No IPCP before the authentication exchange (RFC 1661 §3.5): the first IPCP frame
      // comes after the last authentication frame of the server's side.
      std::size_t first_ipcp = p.wire.size(), last_auth_from_server = 0;
      for (std::size_t i = 0; i < p.wire.size(); ++i) {
        const auto& t = p.wire[i].text;
        if (t.starts_with("IPCP") && first_ipcp == p.wire.size()) first_ipcp = i;
        const bool auth = t.starts_with("PAP") || t.starts_with("CHAP") || t.starts_with("EAP");
        if (auth && p.wire[i].from == 0) last_auth_from_server = i;
      }
      REQUIRE(first_ipcp < p.wire.size());
      CHECK(last_auth_from_server > 0);
      CHECK(last_auth_from_server < first_ipcp);
      CHECK(p.a().status().find("auth peer") != std::string::npos);
    }
    SECTION(std::string(to_string(m)) + " wrong password") {
      accept_method(c, {m}, "wrong");
      LinkPair p(s, c);
      p.up(at(0s));
      p.run_until(at(60s));
      for (int i = 0; i < 2; ++i) {
        CHECK(p.peer(i).finished());
        CHECK_FALSE(p.peer(i).ipcp().opened());
        CHECK(p.count_sent(i, "IPCP") == 0);
      }
      REQUIRE(p.a().end_reason().has_value());
      CHECK(p.a().end_reason()->starts_with("authentication failed"));
      CHECK(p.count_sent(0, "LCP Terminate-Request") >= 1);
    }
  }
}

TEST_CASE("the authenticator moves to its next method when the peer Naks (RFC 1994 §3)") {
  PppConfig s = server_config();
  PppConfig c = client_config();
  require_method(s, {AuthMethod::mschap_v2, AuthMethod::chap_md5});
  accept_method(c, {AuthMethod::chap_md5}, "correct horse");
  LinkPair p(s, c);
  p.up(at(0s));
  p.run_until(at(10s));
  CHECK(p.count_sent(1, "LCP Configure-Nak") == 1);
  REQUIRE(p.a().authenticator() != nullptr);
  CHECK(p.a().authenticator()->method() == AuthMethod::chap_md5);
  CHECK(p.a().ipcp().opened());
}

TEST_CASE(
    "a peer that refuses to authenticate fails LCP on the authenticator's side (RFC 1661 §5.4)") {
  PppConfig s = server_config();
  require_method(s, {AuthMethod::chap_md5});
  LinkPair p(s, client_config());  // the client accepts no method: it Rejects the option
  p.up(at(0s));
  p.run_until(at(30s));
  CHECK(p.count_sent(1, "LCP Configure-Reject") == 1);
  CHECK(p.violations(0, "ppp.peer.unacceptable_option") == 1);
  CHECK(p.a().finished());
  CHECK_FALSE(p.a().lcp().opened());
}

TEST_CASE("both directions authenticate at once (RFC 1661 §3.5)") {
  PppConfig s = server_config();
  PppConfig c = client_config();
  require_method(s, {AuthMethod::chap_md5});
  accept_method(c, {AuthMethod::chap_md5}, "correct horse");
  // The client also requires the server to authenticate, with PAP.
  c.auth.require = {AuthMethod::pap};
  c.auth.authenticator.users = {{"nas", "nas secret"}};
  s.auth.accept = {AuthMethod::pap};
  s.auth.authenticatee.name = "nas";
  s.auth.authenticatee.password = "nas secret";
  LinkPair p(s, c);
  p.up(at(0s));
  p.run_until(at(10s));
  for (int i = 0; i < 2; ++i) {
    REQUIRE(p.peer(i).authenticator() != nullptr);
    REQUIRE(p.peer(i).authenticatee() != nullptr);
    CHECK(p.peer(i).authenticator()->result().outcome == AuthOutcome::success);
    CHECK(p.peer(i).authenticatee()->result().outcome == AuthOutcome::success);
    CHECK(p.peer(i).ipcp().opened());
  }
  CHECK(p.b().authenticator()->method() == AuthMethod::pap);
  CHECK(p.a().authenticator()->method() == AuthMethod::chap_md5);
}
