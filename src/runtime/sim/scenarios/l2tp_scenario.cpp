// The L2TP scenarios: "l2tp" (an LAC brings incoming calls to an LNS) and "l2tp-dialout"
// (an LNS opens the tunnel and places outgoing calls through the LAC). See scenario.h.
#include <fmt/format.h>

#include "src/endpoints/l2tp/l2tp_endpoint.h"
#include "src/runtime/sim/scenarios/scenario_common.h"
#include "src/runtime/sim/scenarios/scenario_factories.h"

namespace ts::sim {

namespace {

using namespace scenario_detail;
using endpoints::l2tp::L2tpConfig;
using endpoints::l2tp::L2tpEndpoint;
using endpoints::l2tp::L2tpRole;
using endpoints::l2tp::TunnelEnd;
using endpoints::ppp::AuthMethod;

class L2tpScenario final : public Scenario {
 public:
  explicit L2tpScenario(bool dialout) : dialout_(dialout) {}
  std::string_view name() const override { return dialout_ ? "l2tp-dialout" : "l2tp"; }
  std::string description() const override {
    return dialout_ ? "LNS 10.0.0.2 dials out through LAC 10.0.0.1: OCRQ/OCRP/OCCN, PPP with PAP, "
                      "ping, CDN, StopCCN"
                    : "LAC 10.0.0.1 brings incoming calls to LNS 10.0.0.2: tunnel authentication, "
                      "ICRQ/ICRP/ICCN, PPP with CHAP-MD5, ping, Hello, graceful hangup, StopCCN";
  }

  void build(Simulator& sim, const ScenarioOptions& o) override {
    options_ = o;
    const AuthMethod method = dialout_ ? AuthMethod::pap : AuthMethod::chap_md5;
    L2tpConfig lac;
    lac.role = L2tpRole::lac;
    lac.host_name = "lac";
    lac.secret = kTunnelSecret;
    lac.hello_interval = std::chrono::seconds(10);
    lac.seed = o.seed * 2 + 1;
    L2tpConfig lns = lac;
    lns.role = L2tpRole::lns;
    lns.host_name = "lns";
    lns.hello_interval = std::chrono::seconds(30);
    lns.seed = o.seed * 2 + 2;
    // The caller behind the LAC is the PPP client; the LNS terminates PPP as the server.
    lac.link_factory = watched_ppp_factory(client_ppp(method, o), lac_links_);
    lns.link_factory = watched_ppp_factory(server_ppp(method, o), lns_links_);
    // The side that opened the tunnel closes it after its last call (§5.6).
    (dialout_ ? lns : lac).stop_when_idle = true;
    auto lac_ep = std::make_unique<L2tpEndpoint>(std::move(lac));
    auto lns_ep = std::make_unique<L2tpEndpoint>(std::move(lns));
    lac_ = lac_ep.get();
    lns_ = lns_ep.get();
    const NodeId a = sim.add_node("lac", std::move(lac_ep));
    const NodeId b = sim.add_node("lns", std::move(lns_ep));
    sim.connect(a, b, impairment(o));
    sim.listen(a, engine::ChannelKind::udp, 1701);
    sim.listen(b, engine::ChannelKind::udp, 1701);
    const NodeId caller = dialout_ ? b : a;
    const std::string peer = dialout_ ? "lac" : "lns";
    for (unsigned i = 0; i < o.sessions; ++i) {
      sim.schedule_command(caller, sim.start() + std::chrono::milliseconds(500),
                           engine::Command{"call", {{"peer", peer},
                                                    {"called", fmt::format("555{:04}", i)},
                                                    {"calling", fmt::format("666{:04}", i)}}});
    }
    sim.schedule_command(caller, sim.start() + std::chrono::milliseconds(500) + o.hold,
                         engine::Command{"hangup", {{"graceful", "1"}}});
  }

  ScenarioOutcome outcome(const Simulator& sim) const override {
    ScenarioOutcome out;
    const L2tpEndpoint& opener = dialout_ ? *lns_ : *lac_;
    const L2tpEndpoint& other = dialout_ ? *lac_ : *lns_;
    judge_tunnels("opener", opener, TunnelEnd::stop_sent, out);
    judge_tunnels("peer", other, TunnelEnd::stop_received, out);
    judge_links("client (LAC)", lac_links_, options_.sessions, true, false, options_, out);
    judge_links("server (LNS)", lns_links_, options_.sessions, false, false, options_, out);
    judge_trace(sim, out);
    out.ok = out.problems.empty();
    return out;
  }

 private:
  void judge_tunnels(const char* who, const L2tpEndpoint& e, TunnelEnd expected_end, ScenarioOutcome& out) const {
    const std::string side = e.config().role == L2tpRole::lac ? "LAC" : "LNS";
    if (!e.tunnels().empty())
      out.problems.push_back(fmt::format("{}: {} tunnel(s) still open at the end", side, e.tunnels().size()));
    std::uint64_t calls = 0, sent = 0, retransmitted = 0, hellos = 0;
    for (const auto& t : e.finished_tunnels()) {
      calls += t.calls_established;
      sent += t.channel.sent;
      retransmitted += t.channel.retransmitted;
      hellos += t.hellos_sent;
      if (!t.was_established) out.problems.push_back(fmt::format("{}: tunnel {} never established", side, t.local_id));
      else if (t.end != expected_end)
        out.problems.push_back(fmt::format("{} ({}): tunnel {} ended unexpectedly", side, who, t.local_id));
    }
    if (e.finished_tunnels().size() != 1)
      out.problems.push_back(fmt::format("{}: {} tunnels, 1 expected", side, e.finished_tunnels().size()));
    if (calls != options_.sessions)
      out.problems.push_back(fmt::format("{}: {} calls established, {} expected", side, calls, options_.sessions));
    out.summary.push_back(fmt::format("{}: {} tunnel(s), {} call(s) established; control messages {} sent, {} "
                                      "retransmitted; {} Hello",
                                      side, e.finished_tunnels().size(), calls, sent, retransmitted, hellos));
  }

  bool dialout_;
  ScenarioOptions options_;
  L2tpEndpoint* lac_ = nullptr;
  L2tpEndpoint* lns_ = nullptr;
  LinkRecords lac_links_ = new_records();
  LinkRecords lns_links_ = new_records();
};

}  // namespace

std::unique_ptr<Scenario> make_l2tp_scenario(bool dialout) { return std::make_unique<L2tpScenario>(dialout); }

}  // namespace ts::sim
