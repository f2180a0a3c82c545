// Cross-check (design guide: "if passive analysis needs different rules from the endpoint,
// the table is wrong"): what two reference PPP peers put on the wire, carried in a PPPoE
// session capture, is analysed by the passive observer, which must find no fault in it.
#include <catch2/catch.hpp>

#include "dissectors/net/ethernet.h"
#include "dissectors/net/pppoe.h"
#include "dissectors/ppp/ppp_frame.h"
#include "tests/tools/capture_frames.h"
#include "tests/tools/scenarios/scenario.h"
#include "tests/unit/endpoints_ppp/configs.h"
#include "tests/unit/endpoints_ppp/link_pair.h"

using namespace ts;
using namespace ts::endpoints::ppp;
using namespace ts::endpoints::ppp::test;

namespace {

void pppoe(testing::CaptureBuilder& b, bool from_host, std::uint8_t code, ByteView payload) {
  const net::MacAddress host{0x02, 0, 0x5e, 0, 0, 0x41}, ac{0x02, 0, 0x5e, 0, 0, 0x42};
  net::PppoeHeader h;
  h.code = code;
  h.session_id = 0x2222;
  net::EthernetHeader e;
  e.src = from_host ? host : ac;
  e.dst = from_host ? ac : host;
  e.ethertype = net::ethertype::kPppoeSession;
  if (code != net::pppoe_code::kSession) e.ethertype = net::ethertype::kPppoeDiscovery;
  b.raw(net::encode_ethernet(e, net::encode_pppoe(h, payload)));
}

// Side 0 (the server) is the Access Concentrator, side 1 the host. Only delivered frames.
observe::Analysis analyse_wire(const LinkPair& p) {
  testing::CaptureBuilder b(testing::scenario_epoch());
  pppoe(b, false, net::pppoe_code::kPads, Bytes{0x01, 0x01, 0x00, 0x00});
  const Instant start = b.now();
  for (const auto& r : p.wire) {
    if (r.dropped) continue;
    b.advance((start + (r.at - Instant{})) - b.now());
    const auto d = ts::ppp::decode_ppp_frame(r.frame);
    // RFC 2516 §7: a PPPoE session payload starts at the (uncompressed) Protocol field.
    pppoe(b, r.from == 1, net::pppoe_code::kSession,
          ts::ppp::encode_ppp_frame(d.value.protocol, d.value.info, false, false));
  }
  return testing::analyze(b);
}

std::vector<std::string> faults(const observe::Analysis& an) {
  std::vector<std::string> out;
  auto take = [&out](const observe::DiagRecord& d) {
    if (d.diag.def->kind == DiagKind::violation || d.diag.def->kind == DiagKind::malformed)
      out.push_back(std::string(d.diag.def->id) + " " + d.diag.detail);
  };
  for (const auto& d : an.capture_diags) take(d);
  for (const auto& c : an.connections)
    for (const auto& d : c.diags) take(d);
  return out;
}

}  // namespace

TEST_CASE("the passive observer finds no fault in the reference peers' traffic") {
  PppConfig s = server_config();
  PppConfig c = client_config();
  s.auth.require = {AuthMethod::mschap_v2};
  s.auth.authenticator.users = {{"dave", "s3cret"}};
  c.auth.accept = {AuthMethod::mschap_v2};
  c.auth.authenticatee.name = "dave";
  c.auth.authenticatee.password = "s3cret";
  s.echo_interval = 2s;
  c.traffic.count = 3;
  s.ipv6cp = c.ipv6cp = true;
  SECTION("clear") {
    LinkPair p(s, c);
    p.up(at(0s));
    p.run_until(at(7s));
    p.close(1, at(7s), "done");
    p.run_until(at(20s));
    REQUIRE(p.a().finished());
    const auto an = analyse_wire(p);
    REQUIRE(an.connections.size() == 1);
    CHECK(faults(an) == std::vector<std::string>{});
  }
  SECTION("with MPPE and 20% loss") {
    s.mppe = c.mppe = {MppeStrength::automatic, true, false};
    s.echo_failures = 8;  // three lost Echo exchanges in a row are likely at 20% loss
    LinkPair p(s, c);
    p.loss = 0.2;
    p.up(at(0s));
    p.run_until(at(30s));
    REQUIRE(p.a().ccp().opened());
    CHECK(p.b().host().counters().echo_requests_sent == 3);
    const auto an = analyse_wire(p);
    REQUIRE(an.connections.size() == 1);
    // Loss is the path's, not the peers': an Echo-Request whose reply was lost is what the
    // observer rightly calls unanswered. Nothing else may be reported.
    auto found = faults(an);
    std::erase_if(found,
                  [](const std::string& f) { return f.starts_with("ppp.lcp.echo_unanswered"); });
    CHECK(found == std::vector<std::string>{});
  }
}
