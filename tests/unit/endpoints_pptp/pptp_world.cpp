#include "tests/unit/endpoints_pptp/pptp_world.h"

#include "dissectors/net/ethernet.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/tcp.h"
#include "dissectors/pptp/message.h"

namespace ts::endpoints::pptp::test {

PptpRoleConfig pns_config() {
  PptpRoleConfig c;
  c.peer = "10.0.0.2";
  c.own_address = kPnsAddress;
  c.peer_address = kPacAddress;
  c.connects = true;
  c.host_name = "pns1";
  c.vendor = "tunnelscope-pns";
  c.seed = 11;
  return c;
}

PptpRoleConfig pac_config() {
  PptpRoleConfig c;
  c.peer = "10.0.0.1";
  c.own_address = kPacAddress;
  c.peer_address = kPnsAddress;
  c.connects = false;
  c.host_name = "pac1";
  c.vendor = "tunnelscope-pac";
  c.seed = 22;
  return c;
}

World::World(PptpRoleConfig pns_cfg, PptpRoleConfig pac_cfg, LinkSpec pns_link, LinkSpec pac_link,
             const sim::LinkImpairment& impairment, bool mutable_pac) {
  pns_cfg.link_factory = link_factory(pns_link, pns_links);
  pac_cfg.link_factory = link_factory(pac_link, pac_links);
  auto pns_ep = std::make_unique<PptpPns>(pns_cfg);
  auto pac_ep = std::make_unique<PptpPac>(pac_cfg);
  pns = pns_ep.get();
  pac = pac_ep.get();
  pns_node = sim.add_node("pns", std::move(pns_ep));
  if (mutable_pac) {
    auto m = std::make_unique<Muteable>(std::move(pac_ep));
    pac_mute = m.get();
    pac_node = sim.add_node("pac", std::move(m));
  } else {
    pac_node = sim.add_node("pac", std::move(pac_ep));
  }
  sim.connect(pns_node, pac_node, impairment);
  sim.listen(pac_node, engine::ChannelKind::tcp, 1723);
}

void World::command(sim::NodeId node, Duration when, std::string name,
                    std::vector<std::pair<std::string, std::string>> args) {
  sim.schedule_command(node, at(when), engine::Command{std::move(name), std::move(args)});
}

std::vector<std::string> World::lines(sim::NodeId node, sim::TraceKind kind) const {
  std::vector<std::string> out;
  for (const auto& r : sim.trace())
    if (r.node == node && r.kind == kind) out.push_back(r.text);
  return out;
}

bool World::has(sim::NodeId node, sim::TraceKind kind, const std::string& text) const {
  for (const auto& l : lines(node, kind))
    if (l.find(text) != std::string::npos) return true;
  return false;
}

std::vector<gre::Header> World::gre_from(sim::NodeId from, std::vector<Bytes>& storage) const {
  std::vector<gre::Header> out;
  const auto& src = sim.address(from);
  storage.clear();
  storage.reserve(sim.tap().frames().size());
  for (const auto& f : sim.tap().frames()) {
    const auto eth = net::decode_ethernet(f.data);
    const auto ip = net::decode_ipv4(eth.value.payload);
    if (ip.value.protocol != net::ip_proto::kGre || ip.value.src != src.ip) continue;
    storage.emplace_back(ip.value.payload.begin(), ip.value.payload.end());
    out.push_back(gre::decode(storage.back()).value);
  }
  return out;
}

std::vector<std::uint16_t> World::control_from(sim::NodeId from) const {
  std::vector<std::uint16_t> out;
  const auto& src = sim.address(from);
  for (const auto& f : sim.tap().frames()) {
    const auto eth = net::decode_ethernet(f.data);
    const auto ip = net::decode_ipv4(eth.value.payload);
    if (ip.value.protocol != net::ip_proto::kTcp || ip.value.src != src.ip) continue;
    ByteView data = net::decode_tcp(ip.value.payload).value.payload;
    // The simulator sends each message in its own segment(s); messages here are small.
    while (data.size() >= ts::pptp::kHeaderSize) {
      const auto length = ts::pptp::stream_message_length(data);
      if (!length || *length < ts::pptp::kHeaderSize || *length > data.size()) break;
      out.push_back(static_cast<std::uint16_t>((data[8] << 8) | data[9]));
      data = data.subspan(*length);
    }
  }
  return out;
}

}  // namespace ts::endpoints::pptp::test
