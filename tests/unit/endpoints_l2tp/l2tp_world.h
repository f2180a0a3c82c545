#pragma once
// An LAC (10.0.0.1) and an LNS (10.0.0.2) on one simulated link, both listening on UDP 1701,
// with test links standing in for PPP: the fixture of the L2TP role tests.
#include <memory>
#include <string>
#include <vector>

#include "src/endpoints/l2tp/l2tp_endpoint.h"
#include "src/runtime/sim/simulator.h"
#include "tests/unit/endpoints_l2tp/test_link.h"

namespace ts::test {

inline endpoints::l2tp::L2tpConfig lac_config() {
  endpoints::l2tp::L2tpConfig c;
  c.role = endpoints::l2tp::L2tpRole::lac;
  c.host_name = "lac";
  c.seed = 11;
  return c;
}
inline endpoints::l2tp::L2tpConfig lns_config() {
  endpoints::l2tp::L2tpConfig c;
  c.role = endpoints::l2tp::L2tpRole::lns;
  c.host_name = "lns";
  c.seed = 22;
  return c;
}

struct L2tpWorld {
  sim::Simulator sim;
  TestLinkRegistry lac_links, lns_links;
  endpoints::l2tp::L2tpEndpoint* lac = nullptr;
  endpoints::l2tp::L2tpEndpoint* lns = nullptr;
  sim::NodeId a = 0, b = 0;

  L2tpWorld(endpoints::l2tp::L2tpConfig lac_cfg, endpoints::l2tp::L2tpConfig lns_cfg,
            const sim::LinkImpairment& impairment = {}, std::uint64_t seed = 1,
            TestLinkPlan plan = {})
      : sim(options(seed)) {
    lac_cfg.link_factory = lac_links.factory(plan);
    lns_cfg.link_factory = lns_links.factory(plan);
    auto l1 = std::make_unique<endpoints::l2tp::L2tpEndpoint>(std::move(lac_cfg));
    auto l2 = std::make_unique<endpoints::l2tp::L2tpEndpoint>(std::move(lns_cfg));
    lac = l1.get();
    lns = l2.get();
    a = sim.add_node("lac", std::move(l1));
    b = sim.add_node("lns", std::move(l2));
    sim.connect(a, b, impairment);
    sim.listen(a, engine::ChannelKind::udp, 1701);
    sim.listen(b, engine::ChannelKind::udp, 1701);
  }
  static sim::SimOptions options(std::uint64_t seed) {
    sim::SimOptions o;
    o.seed = seed;
    return o;
  }
  void command(sim::NodeId node, Duration at, std::string name,
               std::vector<std::pair<std::string, std::string>> args = {}) {
    sim.schedule_command(node, sim.start() + at, engine::Command{std::move(name), std::move(args)});
  }
  // Trace lines of one kind (and node), for assertions.
  std::vector<std::string> lines(sim::TraceKind kind, std::optional<sim::NodeId> node = {}) const {
    std::vector<std::string> out;
    for (const auto& r : sim.trace())
      if (r.kind == kind && (!node || r.node == *node)) out.push_back(r.text);
    return out;
  }
  bool has_line(sim::TraceKind kind, const std::string& part, std::optional<sim::NodeId> node = {}) const {
    for (const auto& l : lines(kind, node))
      if (l.find(part) != std::string::npos) return true;
    return false;
  }
  double seconds_since_start(Instant t) const { return to_seconds(t - sim.start()); }
};

}  // namespace ts::test
