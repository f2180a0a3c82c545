#pragma once
// Two PPTP reference endpoints over the simulator: a PNS (client, 10.0.0.1) that connects
// to a PAC (server, 10.0.0.2, listening on TCP 1723), with test links per call.
#include <memory>

#include "src/endpoints/pptp/pptp_pac.h"
#include "src/endpoints/pptp/pptp_pns.h"
#include "src/runtime/sim/simulator.h"
#include "tests/unit/endpoints_pptp/test_link.h"

namespace ts::endpoints::pptp::test {

inline constexpr std::uint32_t kPnsAddress = 0x0A000001;
inline constexpr std::uint32_t kPacAddress = 0x0A000002;

PptpRoleConfig pns_config();
PptpRoleConfig pac_config();

struct World {
  World(PptpRoleConfig pns, PptpRoleConfig pac, LinkSpec pns_link, LinkSpec pac_link,
        const sim::LinkImpairment& impairment = {}, bool mutable_pac = false);
  Instant at(Duration d) const { return sim.start() + d; }
  void command(sim::NodeId node, Duration when, std::string name,
               std::vector<std::pair<std::string, std::string>> args = {});
  // Trace lines of one node, of one kind, as text.
  std::vector<std::string> lines(sim::NodeId node, sim::TraceKind kind) const;
  bool has(sim::NodeId node, sim::TraceKind kind, const std::string& text) const;
  // Tap frames that are GRE, decoded, sent by `from`.
  std::vector<gre::Header> gre_from(sim::NodeId from, std::vector<Bytes>& storage) const;
  // Control Message Types of the PPTP messages `from` put on the wire, in order.
  std::vector<std::uint16_t> control_from(sim::NodeId from) const;

  sim::Simulator sim;
  std::shared_ptr<LinkRecords> pns_links = std::make_shared<LinkRecords>();
  std::shared_ptr<LinkRecords> pac_links = std::make_shared<LinkRecords>();
  sim::NodeId pns_node = 0;
  sim::NodeId pac_node = 0;
  PptpPns* pns = nullptr;
  PptpPac* pac = nullptr;
  Muteable* pac_mute = nullptr;
};

}  // namespace ts::endpoints::pptp::test
