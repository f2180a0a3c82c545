// The pcap the simulator's tap writes for a clean PPTP session analyses with the project's
// analyzer without a single diagnostic, and shows the connection, calls and teardown.
#include <catch2/catch.hpp>

#include "tests/tools/capture_builder.h"
#include "tests/tools/capture_frames.h"
#include "tests/unit/endpoints_pptp/pptp_world.h"

using namespace std::chrono_literals;
using namespace ts::endpoints::pptp;
using namespace ts::endpoints::pptp::test;

namespace {

std::vector<std::string> all_diagnostics(const ts::observe::Analysis& a) {
  std::vector<std::string> out;
  auto add = [&out](const ts::observe::DiagRecord& d) {
    out.push_back(std::string(d.diag.def->id) + ": " + d.diag.detail);
  };
  for (const auto& d : a.capture_diags) add(d);
  for (const auto& c : a.connections)
    for (const auto& d : c.diags) add(d);
  return out;
}

}  // namespace

TEST_CASE("PPTP: the tap's pcap of a clean session analyses without diagnostics") {
  ts::sim::LinkImpairment imp;
  imp.delay = 5ms;
  World w(pns_config(), pac_config(), LinkSpec{20, 10ms}, LinkSpec{20, 10ms}, imp);
  w.command(w.pns_node, 1s, "open");
  w.command(w.pns_node, 2s, "call");
  w.command(w.pac_node, 2s + 100ms, "incoming-call");
  w.command(w.pns_node, 5s, "hangup");
  w.command(w.pns_node, 6s, "stop");
  w.sim.run_until(w.at(10s));
  REQUIRE(w.pns->control_state() == ts::machines::pptp::ControlState::idle);

  ts::testing::CaptureBuilder capture(w.sim.start());
  for (const auto& f : w.sim.tap().frames()) {
    capture.advance(f.time - capture.now());
    capture.raw(f.data);
  }
  const auto analysis = ts::testing::analyze(capture);
  CHECK(all_diagnostics(analysis).empty());
  REQUIRE(analysis.connections.size() == 1);
  const auto& c = analysis.connections.front();
  CHECK(c.id == "pptp-1");
  CHECK(c.calls.size() == 2);
  CHECK(c.established.has_value());
  CHECK(c.ended.has_value());
}

TEST_CASE("PPTP: the same seeds give the same pcap; another role seed gives other Call IDs") {
  auto run = [](std::uint64_t pns_seed) {
    auto pns = pns_config();
    pns.seed = pns_seed;
    ts::sim::LinkImpairment imp;
    imp.delay = 5ms;
    imp.loss = 0.1;
    World w(pns, pac_config(), LinkSpec{20, 10ms}, LinkSpec{20, 10ms}, imp);
    w.command(w.pns_node, 1s, "open");
    w.command(w.pns_node, 2s, "call");
    w.sim.run_until(w.at(5s));
    return std::make_pair(w.sim.tap().bytes(), w.pns->calls().begin()->first);
  };
  const auto a = run(11);
  const auto b = run(11);
  const auto c = run(12);
  CHECK(a.first == b.first);
  CHECK(a.second == b.second);
  CHECK(a.second != c.second);
}
