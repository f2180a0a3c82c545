// CCP with MPPE (RFC 1962, RFC 3078 §2-§3, §8): policy combinations, encrypted data, the
// required-MPPE rules and Reset-Request after loss in stateful mode.
#include <catch2/catch.hpp>

#include "dissectors/ppp/ccp_options.h"
#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "tests/unit/endpoints_ppp/configs.h"
#include "tests/unit/endpoints_ppp/link_pair.h"

using namespace ts;
using namespace ts::endpoints::ppp;
using namespace ts::endpoints::ppp::test;
using machines::ppp::State;
using ts::ppp::mppe::KeyStrength;

namespace {
struct Pair {
  PppConfig server = server_config();
  PppConfig client = client_config();
  Pair(AuthMethod m, MppePolicy s, MppePolicy c) {
    server.auth.require = {m};
    server.auth.authenticator.users = {{"bob", "pa55word"}};
    client.auth.accept = {m};
    client.auth.authenticatee.name = "bob";
    client.auth.authenticatee.password = "pa55word";
    server.mppe = s;
    client.mppe = c;
    client.traffic.count = 4;
  }
};

std::size_t clear_ip_frames(const LinkPair& p) {
  std::size_t n = 0;
  for (const auto& r : p.wire)
    if (r.text.starts_with("PPP IPv4")) ++n;
  return n;
}
}  // namespace

TEST_CASE(
    "MPPE auto on both sides agrees 128-bit and carries the pings encrypted (RFC 3078 §2.1, §3)") {
  const AuthMethod methods[] = {AuthMethod::mschap_v2, AuthMethod::mschap_v1,
                                AuthMethod::eap_mschap_v2};
  for (const auto m : methods) {
    INFO(to_string(m));
    Pair cfg(m, {MppeStrength::automatic, false, true}, {MppeStrength::automatic, false, false});
    LinkPair p(cfg.server, cfg.client);
    p.up(at(0s));
    p.run_until(at(10s));
    for (int i = 0; i < 2; ++i) {
      CHECK(p.peer(i).ccp().opened());
      REQUIRE(p.peer(i).mppe() != nullptr);
      CHECK(p.peer(i).mppe()->settings().strength == KeyStrength::bits128);
      CHECK_FALSE(p.peer(i).mppe()->settings().stateless);
    }
    CHECK(p.b().host().counters().echo_replies_received == 4);
    CHECK(p.a().host().counters().echo_requests_answered == 4);
    CHECK(clear_ip_frames(p) == 0);
    CHECK(p.count_sent(1, "compressed/encrypted") == 4);
    CHECK(p.count_sent(0, "compressed/encrypted") == 4);
    CHECK(p.a().status().find("CCP Opened MPPE") != std::string::npos);
  }
}

TEST_CASE("MPPE strength and stateless mode follow the stricter side (RFC 3078 §2.1)") {
  SECTION("40-bit only against auto") {
    Pair cfg(AuthMethod::mschap_v2, {MppeStrength::bits40, false, true},
             {MppeStrength::automatic, false, false});
    LinkPair p(cfg.server, cfg.client);
    p.up(at(0s));
    p.run_until(at(10s));
    REQUIRE(p.b().mppe() != nullptr);
    CHECK(p.a().mppe()->settings().strength == KeyStrength::bits40);
    CHECK(p.b().mppe()->settings().strength == KeyStrength::bits40);
    CHECK(p.count_sent(0, "CCP Configure-Nak") == 1);
    CHECK(p.b().host().counters().echo_replies_received == 4);
  }
  SECTION("56-bit stateless against auto stateful") {
    Pair cfg(AuthMethod::mschap_v2, {MppeStrength::bits56, true, true},
             {MppeStrength::automatic, false, false});
    LinkPair p(cfg.server, cfg.client);
    p.up(at(0s));
    p.run_until(at(10s));
    REQUIRE(p.b().mppe() != nullptr);
    CHECK(p.b().mppe()->settings().strength == KeyStrength::bits56);
    CHECK(p.b().mppe()->settings().stateless);
    CHECK(p.a().mppe()->settings().stateless);
    CHECK(p.b().host().counters().echo_replies_received == 4);
  }
  SECTION("128 against 40: no common strength") {
    Pair cfg(AuthMethod::mschap_v2, {MppeStrength::bits128, false, false},
             {MppeStrength::bits40, false, false});
    LinkPair p(cfg.server, cfg.client);
    p.up(at(0s));
    p.run_until(at(40s));
    CHECK_FALSE(p.a().ccp().opened());
    CHECK(p.a().mppe() == nullptr);
    // Not required: the link stays up and the pings go in clear.
    CHECK(p.a().ipcp().opened());
    CHECK(p.b().host().counters().echo_replies_received == 4);
  }
}

TEST_CASE("required MPPE that is refused terminates the link (RFC 3078 §2)") {
  SECTION("the peer does not run CCP") {
    Pair cfg(AuthMethod::mschap_v2, {MppeStrength::automatic, false, true},
             {MppeStrength::none, false, false});
    LinkPair p(cfg.server, cfg.client);
    p.up(at(0s));
    p.run_until(at(30s));
    CHECK(p.count_sent(1, "LCP Protocol-Reject") >= 1);
    CHECK(p.violations(0, "ppp.peer.mppe_not_agreed") == 1);
    CHECK(p.a().finished());
    CHECK(p.b().finished());
    REQUIRE(p.a().end_reason().has_value());
    CHECK(*p.a().end_reason() == "MPPE required but not agreed");
    CHECK(p.a().host().counters().echo_requests_answered == 0);  // nothing accepted in clear
  }
  SECTION("no common strength") {
    Pair cfg(AuthMethod::mschap_v2, {MppeStrength::bits128, false, true},
             {MppeStrength::bits40, false, false});
    LinkPair p(cfg.server, cfg.client);
    p.up(at(0s));
    p.run_until(at(60s));
    CHECK(p.a().finished());
    CHECK(p.violations(0, "ppp.peer.mppe_not_agreed") == 1);
  }
  SECTION("authentication without MS-CHAP gives no keys") {
    Pair cfg(AuthMethod::chap_md5, {MppeStrength::automatic, false, true},
             {MppeStrength::automatic, false, false});
    LinkPair p(cfg.server, cfg.client);
    p.up(at(0s));
    p.run_until(at(30s));
    CHECK(p.a().finished());
    CHECK(p.count_sent(0, "CCP") == 0);
    CHECK(p.violations(0, "ppp.peer.mppe_not_agreed") == 1);
  }
}

TEST_CASE("clear-text data is refused while MPPE is required") {
  Pair cfg(AuthMethod::mschap_v2, {MppeStrength::automatic, false, true},
           {MppeStrength::automatic, false, false});
  cfg.client.traffic.count = 0;
  LinkPair p(cfg.server, cfg.client);
  p.up(at(0s));
  p.run_until(at(5s));
  REQUIRE(p.a().mppe() != nullptr);
  const Bytes junk_ip{0x45, 0, 0, 20, 0, 0, 0, 0, 64, 1, 0, 0, 10, 0, 0, 2, 10, 0, 0, 1};
  p.inject(0, at(5s), ts::ppp::encode_ppp_frame(ts::ppp::kIpv4, junk_ip));
  CHECK(p.violations(0, "ppp.peer.unencrypted_data") == 1);
  CHECK(p.a().host().counters().packets_received == 0);
}

TEST_CASE("stateful MPPE: a lost packet triggers CCP Reset-Request and recovery (RFC 3078 §8.2)") {
  Pair cfg(AuthMethod::mschap_v2, {MppeStrength::bits128, false, false},
           {MppeStrength::automatic, false, false});
  cfg.client.traffic.count = 6;
  LinkPair p(cfg.server, cfg.client);
  int encrypted_from_client = 0;
  p.drop = [&encrypted_from_client](int from, const WireRecord& r) {
    return from == 1 && r.text.find("compressed/encrypted") != std::string::npos &&
           ++encrypted_from_client == 2;
  };
  p.up(at(0s));
  p.run_until(at(20s));
  CHECK(p.count_sent(0, "CCP Reset-Request") == 1);
  CHECK(p.count_sent(1, "CCP Reset-Ack") == 1);
  CHECK(p.a().counters().reset_requests_sent == 1);
  // Ping 2 was lost, ping 3 arrives out of sync and is discarded while the Reset-Request
  // is answered; ping 4 carries FLUSHED and from there on all are answered.
  CHECK(p.a().host().counters().echo_requests_answered == 4);
  CHECK(p.b().host().counters().echo_replies_received == 4);
  CHECK(p.a().mppe()->counters().discarded == 1);
}
