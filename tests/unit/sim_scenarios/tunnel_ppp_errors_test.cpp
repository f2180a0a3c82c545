// Error paths across layers: a PPP authentication failure inside a tunnel must end the PPP
// link and make the tunnel role clear the call (L2TP CDN, PPTP Call-Clear-Request / CDN),
// for every authentication method.
#include <catch2/catch.hpp>

#include "src/endpoints/l2tp/l2tp_endpoint.h"
#include "src/endpoints/pptp/pptp_pac.h"
#include "src/endpoints/pptp/pptp_pns.h"
#include "src/runtime/sim/scenarios/scenario_common.h"

using namespace ts;
using namespace std::chrono_literals;
using endpoints::ppp::AuthMethod;
namespace sd = ts::sim::scenario_detail;

namespace {

struct Records {
  sd::LinkRecords client = sd::new_records();
  sd::LinkRecords server = sd::new_records();
};

int count_trace(const sim::Simulator& s, std::string_view part) {
  int n = 0;
  for (const auto& r : s.trace()) n += r.text.find(part) != std::string::npos ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("L2TP: a wrong PPP password fails authentication and the call is cleared with CDN") {
  const auto method = GENERATE(AuthMethod::pap, AuthMethod::chap_md5, AuthMethod::mschap_v1, AuthMethod::mschap_v2,
                               AuthMethod::eap_md5, AuthMethod::eap_mschap_v2);
  CAPTURE(to_string(method));
  sim::ScenarioOptions o;
  Records rec;
  auto client = sd::client_ppp(method, o);
  client.auth.authenticatee.password = "not-the-password";
  endpoints::l2tp::L2tpConfig lac;
  lac.role = endpoints::l2tp::L2tpRole::lac;
  lac.link_factory = sim::watched_ppp_factory(client, rec.client);
  lac.stop_when_idle = true;
  endpoints::l2tp::L2tpConfig lns;
  lns.role = endpoints::l2tp::L2tpRole::lns;
  lns.seed = 9;
  lns.link_factory = sim::watched_ppp_factory(sd::server_ppp(method, o), rec.server);
  sim::Simulator s;
  auto* lac_ep = new endpoints::l2tp::L2tpEndpoint(lac);
  auto* lns_ep = new endpoints::l2tp::L2tpEndpoint(lns);
  const auto a = s.add_node("lac", std::unique_ptr<engine::Endpoint>(lac_ep));
  const auto b = s.add_node("lns", std::unique_ptr<engine::Endpoint>(lns_ep));
  s.connect(a, b);
  s.listen(a, engine::ChannelKind::udp, 1701);
  s.listen(b, engine::ChannelKind::udp, 1701);
  s.schedule_command(a, s.start() + 1s, engine::Command{"call", {{"peer", "lns"}}});
  const auto run = s.run_until_idle(10min);
  CHECK(run.stop == sim::RunStop::idle);
  REQUIRE(rec.client->size() == 1);
  REQUIRE(rec.server->size() == 1);
  CHECK_FALSE((*rec.client)[0]->reached_network);
  CHECK_FALSE((*rec.server)[0]->reached_network);
  CHECK_FALSE((*rec.server)[0]->authenticated);
  CHECK((*rec.server)[0]->finished);
  // The call was established, then cleared because its link ended; the LAC then stopped
  // the tunnel (stop_when_idle).
  REQUIRE(lac_ep->finished_tunnels().size() == 1);
  CHECK(lac_ep->finished_tunnels()[0].calls_established == 1);
  CHECK(count_trace(s, "idle (link finished)") >= 1);
  CHECK(lac_ep->tunnels().empty());
  CHECK(lns_ep->tunnels().empty());
}

TEST_CASE("PPTP: a wrong PPP password fails authentication and the call is cleared") {
  const auto method = GENERATE(AuthMethod::mschap_v2, AuthMethod::chap_md5, AuthMethod::pap);
  CAPTURE(to_string(method));
  sim::ScenarioOptions o;
  Records rec;
  auto client = sd::client_ppp(method, o);
  client.auth.authenticatee.password = "not-the-password";
  endpoints::pptp::PptpRoleConfig pns;
  pns.peer = "pac";
  pns.own_address = 0x0A000001;
  pns.peer_address = 0x0A000002;
  pns.connects = true;
  pns.stop_after_last_call = true;
  pns.link_factory = sim::watched_ppp_factory(client, rec.client);
  endpoints::pptp::PptpRoleConfig pac = pns;
  pac.peer = "pns";
  pac.own_address = 0x0A000002;
  pac.peer_address = 0x0A000001;
  pac.connects = false;
  pac.stop_after_last_call = false;
  pac.seed = 5;
  pac.link_factory = sim::watched_ppp_factory(sd::server_ppp(method, o), rec.server);
  sim::Simulator s;
  auto* pns_ep = new endpoints::pptp::PptpPns(pns);
  auto* pac_ep = new endpoints::pptp::PptpPac(pac);
  const auto a = s.add_node("pns", std::unique_ptr<engine::Endpoint>(pns_ep));
  const auto b = s.add_node("pac", std::unique_ptr<engine::Endpoint>(pac_ep));
  s.connect(a, b);
  s.listen(b, engine::ChannelKind::tcp, 1723);
  s.listen(a, engine::ChannelKind::gre);
  s.listen(b, engine::ChannelKind::gre);
  s.schedule_command(a, s.start() + 1s, engine::Command{"open", {}});
  s.schedule_command(a, s.start() + 2s, engine::Command{"call", {}});
  const auto run = s.run_until_idle(10min);
  CHECK(run.stop == sim::RunStop::idle);
  REQUIRE(rec.client->size() == 1);
  REQUIRE(rec.server->size() == 1);
  CHECK_FALSE((*rec.client)[0]->reached_network);
  CHECK_FALSE((*rec.server)[0]->authenticated);
  CHECK(pns_ep->calls().empty());
  CHECK(pac_ep->calls().empty());
  CHECK(pns_ep->control_state() == machines::pptp::ControlState::idle);
}
