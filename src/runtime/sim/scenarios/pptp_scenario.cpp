// The "pptp" scenario: a Microsoft-style client plays PNS and calls a PAC (the server):
// Outgoing-Call-Request, PPP with MS-CHAPv2 and MPPE-128 stateless, pings, graceful hangup,
// Stop-Control-Connection. See scenario.h.
#include <algorithm>

#include <fmt/format.h>

#include "src/endpoints/pptp/pptp_pac.h"
#include "src/endpoints/pptp/pptp_pns.h"
#include "src/runtime/sim/scenarios/scenario_common.h"
#include "src/runtime/sim/scenarios/scenario_factories.h"

namespace ts::sim {

namespace {

using namespace scenario_detail;
using endpoints::ppp::AuthMethod;
using endpoints::ppp::MppeStrength;
using endpoints::pptp::PptpPac;
using endpoints::pptp::PptpPns;
using endpoints::pptp::PptpRoleConfig;

constexpr std::uint32_t kClient = 0x0A000001;  // 10.0.0.1, the simulator's first node
constexpr std::uint32_t kServer = 0x0A000002;

class PptpScenario final : public Scenario {
 public:
  std::string_view name() const override { return "pptp"; }
  std::string description() const override {
    return "PNS (client) 10.0.0.1 calls PAC (server) 10.0.0.2: Outgoing-Call-Request, PPP with "
           "MS-CHAPv2 and MPPE-128 stateless, ping, graceful hangup, Stop-Control-Connection";
  }

  void build(Simulator& sim, const ScenarioOptions& o) override {
    options_ = o;
    auto client = client_ppp(AuthMethod::mschap_v2, o);
    auto server = server_ppp(AuthMethod::mschap_v2, o);
    for (auto* p : {&client, &server}) {
      p->mppe.strength = MppeStrength::bits128;
      p->mppe.stateless = true;
      p->mppe.required = true;
    }
    PptpRoleConfig pns;
    pns.peer = "pac";
    pns.own_address = kClient;
    pns.peer_address = kServer;
    pns.connects = true;
    pns.host_name = "client";
    pns.stop_after_last_call = true;
    // Room for every call asked for (the default of 64 would refuse the rest, §2.2).
    pns.maximum_channels = static_cast<std::uint16_t>(std::max(64U, o.sessions));
    pns.seed = o.seed * 2 + 1;
    pns.link_factory = watched_ppp_factory(client, client_links_);
    PptpRoleConfig pac = pns;
    pac.peer = "pns";
    pac.own_address = kServer;
    pac.peer_address = kClient;
    pac.connects = false;
    pac.host_name = "server";
    pac.stop_after_last_call = false;
    pac.seed = o.seed * 2 + 2;
    pac.link_factory = watched_ppp_factory(server, server_links_);
    auto pns_ep = std::make_unique<PptpPns>(std::move(pns));
    auto pac_ep = std::make_unique<PptpPac>(std::move(pac));
    pns_ = pns_ep.get();
    pac_ = pac_ep.get();
    const NodeId a = sim.add_node("pns", std::move(pns_ep));
    const NodeId b = sim.add_node("pac", std::move(pac_ep));
    sim.connect(a, b, impairment(o));
    sim.listen(b, engine::ChannelKind::tcp, 1723);
    sim.listen(a, engine::ChannelKind::gre);
    sim.listen(b, engine::ChannelKind::gre);
    const Instant t0 = sim.start() + std::chrono::milliseconds(200);
    sim.schedule_command(a, t0, engine::Command{"open", {}});
    for (unsigned i = 0; i < o.sessions; ++i)
      sim.schedule_command(a, t0 + std::chrono::milliseconds(300),
                           engine::Command{"call", {{"number", fmt::format("555{:04}", i)}}});
    sim.schedule_command(a, t0 + std::chrono::milliseconds(300) + o.hold,
                         engine::Command{"hangup", {{"graceful", "1"}}});
  }

  ScenarioOutcome outcome(const Simulator& sim) const override {
    ScenarioOutcome out;
    judge_role("PNS", *pns_, out);
    judge_role("PAC", *pac_, out);
    judge_links("client (PNS)", client_links_, options_.sessions, true, true, options_, out);
    judge_links("server (PAC)", server_links_, options_.sessions, false, true, options_, out);
    judge_trace(sim, out);
    out.ok = out.problems.empty();
    return out;
  }

 private:
  void judge_role(const char* side, const endpoints::pptp::PptpRole& r, ScenarioOutcome& out) const {
    if (!r.calls().empty())
      out.problems.push_back(fmt::format("{}: {} call(s) still up at the end", side, r.calls().size()));
    if (r.control_state() != machines::pptp::ControlState::idle)
      out.problems.push_back(fmt::format("{}: control connection still {} at the end", side,
                                         machines::pptp::to_string(r.control_state())));
    out.summary.push_back(fmt::format("{}: control connection {}, {} Echo-Request(s) sent, {} call(s) refused",
                                      side, machines::pptp::to_string(r.control_state()), r.echo_requests_sent(),
                                      r.calls_refused()));
  }

  ScenarioOptions options_;
  PptpPns* pns_ = nullptr;
  PptpPac* pac_ = nullptr;
  LinkRecords client_links_ = new_records();
  LinkRecords server_links_ = new_records();
};

}  // namespace

std::unique_ptr<Scenario> make_pptp_scenario() { return std::make_unique<PptpScenario>(); }

}  // namespace ts::sim
