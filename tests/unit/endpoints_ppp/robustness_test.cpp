// The PPP peer fed garbage: random and mutated frames of every protocol it handles must
// never crash it or make it send anything but well-formed PPP frames.
#include <catch2/catch.hpp>

#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_packet.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/engine/random_source.h"
#include "tests/unit/endpoints_ppp/configs.h"
#include "tests/unit/endpoints_ppp/link_pair.h"

using namespace ts;
using namespace ts::endpoints::ppp;
using namespace ts::endpoints::ppp::test;

TEST_CASE("random and mutated frames never break the peer") {
  const std::uint16_t protocols[] = {ts::ppp::kLcp,        ts::ppp::kIpcp, ts::ppp::kIpv6cp,
                                     ts::ppp::kCcp,        ts::ppp::kPap,  ts::ppp::kChap,
                                     ts::ppp::kEap,        ts::ppp::kIpv4, ts::ppp::kIpv6,
                                     ts::ppp::kCompressed, 0x4021};
  PppConfig s = server_config();
  s.ipv6cp = true;
  s.auth.require = {AuthMethod::mschap_v2};
  s.auth.authenticator.users = {{"u", "p"}};
  s.mppe = {MppeStrength::automatic, false, false};
  PppConfig c = client_config();
  c.ipv6cp = true;
  c.auth.accept = {AuthMethod::mschap_v2};
  c.auth.authenticatee = {};
  c.auth.authenticatee.name = "u";
  c.auth.authenticatee.password = "p";
  c.mppe = {MppeStrength::automatic, false, false};
  LinkPair p(s, c);
  p.up(at(0s));
  p.run_until(at(2s));
  REQUIRE(p.a().ccp().opened());
  engine::RandomSource random(42);
  Instant now = at(2s);
  for (int i = 0; i < 3000; ++i) {
    const std::uint16_t proto = protocols[random.between(0, std::size(protocols) - 1)];
    Bytes info = random.bytes(random.between(0, 40));
    if (!info.empty() && random.between(0, 1) == 0)
      info[0] = static_cast<std::uint8_t>(random.between(1, 15));
    if (info.size() >= 4 && random.between(0, 1) == 0) {
      info[2] = 0;
      info[3] = static_cast<std::uint8_t>(info.size());  // a consistent Length now and then
    }
    now += 1ms;
    p.inject(static_cast<int>(random.between(0, 1)), now, ts::ppp::encode_ppp_frame(proto, info));
    if (i % 100 == 0) p.run_until(now);
  }
  p.run_until(now + 60s);
  for (const auto& r : p.wire) {
    const auto d = ts::ppp::decode_ppp_frame(r.frame);
    CHECK(d.complete);
  }
  // Something happened (answers, Code-/Protocol-Rejects), and each side is in a defined state.
  CHECK(p.wire.size() > 10);
  for (int i = 0; i < 2; ++i) CHECK_FALSE(p.peer(i).status().empty());
}
