// PPTP calls over the simulator: several at once, incoming calls, PAC-initiated clearing,
// links that finish, Set-Link-Info and WAN-Error-Notify (RFC 2637 §2.7-§2.15, §3.2).
#include <catch2/catch.hpp>

#include "tests/unit/endpoints_pptp/pptp_world.h"

using namespace std::chrono_literals;
using namespace ts::endpoints::pptp;
using namespace ts::endpoints::pptp::test;
using ts::machines::pptp::CallState;
using ts::machines::pptp::ControlState;
using ts::sim::TraceKind;

namespace {

ts::sim::LinkImpairment delay(ts::Duration d) {
  ts::sim::LinkImpairment imp;
  imp.delay = d;
  return imp;
}

}  // namespace

TEST_CASE("PPTP: three outgoing and two incoming calls at once, each with its own data") {
  World w(pns_config(), pac_config(), LinkSpec{10, 10ms}, LinkSpec{10, 10ms}, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  for (int i = 0; i < 3; ++i) w.command(w.pns_node, 2s + i * 1ms, "call");
  w.command(w.pac_node, 2s, "incoming-call", {{"number", "5551234"}, {"from", "5550000"}});
  w.command(w.pac_node, 2s + 3ms, "incoming-call");
  w.sim.run_until(w.at(4s));
  REQUIRE(w.pns->calls().size() == 5);
  REQUIRE(w.pac->calls().size() == 5);
  int outgoing = 0;
  for (const auto& [id, c] : w.pns->calls()) {
    CHECK(c.state == CallState::established);
    const PptpCall* peer = w.pac->call(c.peer_call_id);
    REQUIRE(peer != nullptr);
    CHECK(peer->peer_call_id == id);
    CHECK(peer->outgoing == c.outgoing);
    CHECK(peer->state == CallState::established);
    outgoing += c.outgoing ? 1 : 0;
  }
  CHECK(outgoing == 3);
  // Every link got its own ten frames in order, none of another call's.
  REQUIRE(w.pns_links->size() == 5);
  REQUIRE(w.pac_links->size() == 5);
  for (const auto& r : *w.pns_links)
    CHECK(r->received == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  for (const auto& r : *w.pac_links)
    CHECK(r->received == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  // Incoming-call states of the PNS: wait-connect then established (§3.2.3.2).
  CHECK(w.has(w.pns_node, TraceKind::state, ": idle -> wait-connect"));
  CHECK(w.has(w.pns_node, TraceKind::state, ": wait-connect -> established"));

  // PAC hangs up one call (CDN), the PNS the rest (CCRQ -> CDN).
  const std::uint16_t pac_first = w.pac->calls().begin()->first;
  w.command(w.pac_node, 5s, "hangup", {{"call", std::to_string(pac_first)}});
  w.sim.run_until(w.at(6s));
  CHECK(w.pac->calls().size() == 4);
  CHECK(w.pns->calls().size() == 4);
  w.command(w.pns_node, 7s, "hangup");
  w.sim.run_until(w.at(9s));
  CHECK(w.pns->calls().empty());
  CHECK(w.pac->calls().empty());
  for (const auto& r : *w.pns_links) CHECK(r->down);
  CHECK(w.lines(w.pns_node, TraceKind::violation).empty());
  CHECK(w.lines(w.pac_node, TraceKind::violation).empty());
}

TEST_CASE("PPTP: a finished link is cleared by its owner, then the control connection stops") {
  auto pns = pns_config();
  pns.stop_after_last_call = true;
  LinkSpec finishing{5, 10ms, true, 500ms};
  World w(pns, pac_config(), finishing, LinkSpec{}, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  w.command(w.pns_node, 2s, "call");
  w.sim.run_until(w.at(10s));
  CHECK(w.pns->calls().empty());
  CHECK(w.pac->calls().empty());
  CHECK(w.pns->control_state() == ControlState::idle);
  CHECK(w.pac->control_state() == ControlState::idle);
  CHECK(w.has(w.pns_node, TraceKind::state, ": established -> wait-disconnect"));
  CHECK(w.has(w.pns_node, TraceKind::state, "control: established -> wait-stop-reply"));
  REQUIRE(w.pac_links->size() == 1);
  CHECK(w.pac_links->at(0)->received.size() == 5);
}

TEST_CASE("PPTP: a PAC-side link that finishes makes the PAC disconnect") {
  LinkSpec finishing{0, 10ms, true, 300ms};
  World w(pns_config(), pac_config(), LinkSpec{}, finishing, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  w.command(w.pns_node, 2s, "call");
  w.sim.run_until(w.at(4s));
  CHECK(w.pns->calls().empty());
  CHECK(w.pac->calls().empty());
  CHECK(w.pns->control_state() == ControlState::established);
  CHECK(w.lines(w.pns_node, TraceKind::violation).empty());
}

TEST_CASE("PPTP: the PNS sends Set-Link-Info with the link's ACCMs; WAN errors reach the PNS") {
  LinkSpec accm{0, 10ms, false, 1s, true};
  World w(pns_config(), pac_config(), accm, LinkSpec{}, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  w.command(w.pns_node, 2s, "call");
  w.command(w.pac_node, 3s, "wan-error");
  w.sim.run_until(w.at(4s));
  REQUIRE(w.pac->calls().size() == 1);
  const auto& c = w.pac->calls().begin()->second;
  REQUIRE(c.peer_accm);
  CHECK(c.peer_accm->send == 0x00000000);
  CHECK(c.peer_accm->receive == 0x000A0000);
  CHECK(w.pns->calls().begin()->second.link_info_sent);
  CHECK(w.pns->calls().begin()->second.wan_errors == 1);
  CHECK(w.lines(w.pns_node, TraceKind::violation).empty());
  CHECK(w.lines(w.pac_node, TraceKind::violation).empty());
}

TEST_CASE("PPTP: stop clears the calls first, then one Stop-Control-Connection-Request") {
  World w(pns_config(), pac_config(), LinkSpec{}, LinkSpec{}, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  w.command(w.pns_node, 2s, "call");
  w.command(w.pns_node, 2s + 1ms, "call");
  w.command(w.pac_node, 3s, "stop");
  w.sim.run_until(w.at(5s));
  CHECK(w.pns->control_state() == ControlState::idle);
  CHECK(w.pac->control_state() == ControlState::idle);
  // PAC: SCCRP, OCRP, OCRP, CDN, CDN, StopCCRQ. PNS: SCCRQ, OCRQ, OCRQ, StopCCRP.
  CHECK(w.control_from(w.pac_node) == std::vector<std::uint16_t>{2, 8, 8, 13, 13, 3});
  CHECK(w.control_from(w.pns_node) == std::vector<std::uint16_t>{1, 7, 7, 4});

  World v(pns_config(), pac_config(), LinkSpec{}, LinkSpec{}, delay(5ms));
  v.command(v.pns_node, 1s, "open");
  v.command(v.pns_node, 2s, "call");
  v.command(v.pns_node, 3s, "stop");
  v.sim.run_until(v.at(5s));
  // PNS: SCCRQ, OCRQ, CCRQ, (CDN arrives) StopCCRQ.
  CHECK(v.control_from(v.pns_node) == std::vector<std::uint16_t>{1, 7, 12, 3});
  CHECK(v.control_from(v.pac_node) == std::vector<std::uint16_t>{2, 8, 13, 4});
  CHECK(v.lines(v.pns_node, TraceKind::violation).empty());
}
