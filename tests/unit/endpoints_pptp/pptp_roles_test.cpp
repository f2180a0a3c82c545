// PptpPns and PptpPac over the simulator (RFC 2637): control connection, calls and data.
#include <catch2/catch.hpp>

#include "dissectors/net/ethernet.h"
#include "dissectors/net/ipv4.h"
#include "src/endpoints/pptp/pptp_endpoint_diagnostics.h"
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

std::vector<int> iota(int n) {
  std::vector<int> v;
  for (int i = 0; i < n; ++i) v.push_back(i);
  return v;
}

}  // namespace

TEST_CASE("PPTP: the control connection is established and stopped") {
  World w(pns_config(), pac_config(), {}, {}, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  w.sim.run_until(w.at(3s));
  CHECK(w.pns->control_state() == ControlState::established);
  CHECK(w.pac->control_state() == ControlState::established);
  REQUIRE(w.pns->peer_info());
  CHECK(w.pns->peer_info()->host_name == "pac1");
  CHECK(w.pns->peer_info()->vendor_string == "tunnelscope-pac");
  REQUIRE(w.pac->peer_info());
  CHECK(w.pac->peer_info()->host_name == "pns1");
  // RFC 2637 §2.1: a PNS's SCCRQ says Maximum Channels 0; the PAC's SCCRP its own number.
  CHECK(w.pac->peer_info()->maximum_channels == 0);
  CHECK(w.pns->peer_info()->maximum_channels == pac_config().maximum_channels);
  CHECK(w.lines(w.pns_node, TraceKind::state) ==
        std::vector<std::string>{"control: idle -> wait-ctl-reply",
                                 "control: wait-ctl-reply -> established"});
  CHECK(w.lines(w.pac_node, TraceKind::state) ==
        std::vector<std::string>{"control: idle -> established"});

  w.command(w.pns_node, 4s, "stop");
  w.sim.run_until(w.at(10s));
  CHECK(w.pns->control_state() == ControlState::idle);
  CHECK(w.pac->control_state() == ControlState::idle);
  CHECK(w.has(w.pns_node, TraceKind::state, "control: established -> wait-stop-reply"));
  CHECK(w.has(w.pns_node, TraceKind::state, "control: wait-stop-reply -> idle"));
  CHECK(w.has(w.pac_node, TraceKind::state, "control: wait-stop-reply -> idle"));
  CHECK(w.lines(w.pns_node, TraceKind::violation).empty());
  CHECK(w.lines(w.pac_node, TraceKind::violation).empty());
}

TEST_CASE("PPTP: an outgoing call carries data both ways and is cleared by the PNS") {
  LinkSpec twenty{20, 10ms};
  World w(pns_config(), pac_config(), twenty, twenty, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  w.command(w.pns_node, 2s, "call", {{"number", "5559999"}});
  w.sim.run_until(w.at(5s));
  REQUIRE(w.pns->calls().size() == 1);
  REQUIRE(w.pac->calls().size() == 1);
  const auto& pns_call = w.pns->calls().begin()->second;
  const auto& pac_call = w.pac->calls().begin()->second;
  CHECK(pns_call.state == CallState::established);
  CHECK(pac_call.state == CallState::established);
  CHECK(pns_call.peer_call_id == pac_call.call_id);
  CHECK(pac_call.peer_call_id == pns_call.call_id);
  CHECK(pns_call.connect_speed == 64000);
  REQUIRE(w.pns_links->size() == 1);
  REQUIRE(w.pac_links->size() == 1);
  CHECK(w.pns_links->at(0)->received == iota(20));
  CHECK(w.pac_links->at(0)->received == iota(20));
  CHECK(w.has(w.pns_node, TraceKind::state,
              "call " + std::to_string(pns_call.call_id) + ": wait-reply -> established"));

  // On the wire: each side keys its packets with the other's Call ID, numbers them 0..19.
  std::vector<ts::Bytes> store;
  std::vector<std::uint32_t> seqs;
  for (const auto& h : w.gre_from(w.pns_node, store)) {
    CHECK(h.call_id == pac_call.call_id);
    if (h.sequence_present) seqs.push_back(h.sequence_number);
  }
  CHECK(seqs.size() == 20);
  CHECK(seqs.front() == 0);
  CHECK(seqs.back() == 19);

  w.command(w.pns_node, 6s, "hangup");
  w.sim.run_until(w.at(8s));
  CHECK(w.pns->calls().empty());
  CHECK(w.pac->calls().empty());
  CHECK(w.pns_links->at(0)->down);
  CHECK(w.pac_links->at(0)->down);
  CHECK(w.pns->control_state() == ControlState::established);
  CHECK(w.lines(w.pns_node, TraceKind::violation).empty());
  CHECK(w.lines(w.pac_node, TraceKind::violation).empty());
}

TEST_CASE("PPTP: a silent side acknowledges with ack-only packets") {
  World w(pns_config(), pac_config(), LinkSpec{30, 10ms}, LinkSpec{0}, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  w.command(w.pns_node, 2s, "call");
  w.sim.run_until(w.at(5s));
  std::vector<ts::Bytes> store;
  int ack_only = 0, data = 0;
  for (const auto& h : w.gre_from(w.pac_node, store)) {
    if (h.sequence_present) ++data;
    if (!h.sequence_present && h.ack_present) ++ack_only;
  }
  CHECK(data == 0);
  CHECK(ack_only > 0);
  REQUIRE(w.pac_links->size() == 1);
  CHECK(w.pac_links->at(0)->received == iota(30));
  const auto& pns_call = w.pns->calls().begin()->second;
  REQUIRE(pns_call.gre);
  CHECK(pns_call.gre->counters().acknowledged == 30);
  CHECK(pns_call.gre->counters().timeouts == 0);
  CHECK(pns_call.gre->counters().ack_only_received == static_cast<std::uint64_t>(ack_only));
}

TEST_CASE("PPTP: the adaptive time-out converges on a link with delay") {
  auto pns = pns_config();
  pns.initial_ack_timeout = 2s;
  auto pac = pac_config();
  pac.processing_delay_tenths = 20;  // PPD 2 s seeds the PNS's RTT
  World w(pns, pac, LinkSpec{200, 20ms}, LinkSpec{0}, delay(40ms));
  w.command(w.pns_node, 1s, "open");
  w.command(w.pns_node, 2s, "call");
  w.sim.run_until(w.at(10s));
  REQUIRE(w.pns->calls().size() == 1);
  const auto& gre = *w.pns->calls().begin()->second.gre;
  // Round trip 80 ms (the sample is the newest packet acknowledged, §4.2.5): RTT converges
  // there from the PAC's 2 s Packet Processing Delay, ATO down to MinTimeOut.
  CHECK(gre.rtt() >= 78ms);
  CHECK(gre.rtt() <= 100ms);
  CHECK(gre.ato() == 200ms);
  CHECK(gre.counters().timeouts == 0);
  CHECK(w.pac_links->at(0)->received == iota(200));
}

TEST_CASE("PPTP: with 20% GRE loss and reordering data still flows and the counts agree") {
  ts::sim::LinkImpairment imp = delay(10ms);
  imp.loss = 0.2;
  imp.reorder = 0.2;
  imp.reorder_delay = 3ms;
  World w(pns_config(), pac_config(), LinkSpec{300, 5ms}, LinkSpec{300, 5ms}, imp);
  w.command(w.pns_node, 1s, "open");
  w.command(w.pns_node, 2s, "call");
  w.sim.run_until(w.at(20s));
  REQUIRE(w.pns->calls().size() == 1);
  REQUIRE(w.pac->calls().size() == 1);
  for (auto* role : {static_cast<PptpRole*>(w.pns), static_cast<PptpRole*>(w.pac)}) {
    const auto& call = role->calls().begin()->second;
    const auto& c = call.gre->counters();
    const auto& links = role == w.pns ? *w.pns_links : *w.pac_links;
    const auto& got = links.at(0)->received;
    // In order, never twice, and as many as the channel says it delivered.
    for (std::size_t i = 1; i < got.size(); ++i) CHECK(got[i] > got[i - 1]);
    CHECK(got.size() == c.delivered);
    CHECK(got.size() > 150);
    CHECK(c.out_of_order > 0);
    CHECK(c.skipped > 0);
    CHECK(c.delivered + c.skipped == static_cast<std::uint64_t>(got.back()) + 1);
  }
  const auto& pns_counters = w.pns->calls().begin()->second.gre->counters();
  CHECK(pns_counters.sent + pns_counters.dropped_window +
            w.pns->calls().begin()->second.gre->waiting() ==
        300);
  CHECK(w.sim.stats(w.pns_node, w.pac_node).lost > 0);
  CHECK(w.sim.stats(w.pns_node, w.pac_node).reordered > 0);
}

TEST_CASE("PPTP: never more packets outstanding than the peer's receive window") {
  auto pac = pac_config();
  pac.receive_window = 4;
  World w(pns_config(), pac, LinkSpec{50, 1ms}, LinkSpec{0}, delay(20ms));
  w.command(w.pns_node, 1s, "open");
  w.command(w.pns_node, 2s, "call");
  w.sim.run_until(w.at(6s));
  REQUIRE(w.pac_links->size() == 1);
  CHECK(w.pac_links->at(0)->received == iota(50));
  const auto& gre = *w.pns->calls().begin()->second.gre;
  CHECK(gre.counters().queued > 0);
  CHECK(gre.counters().dropped_window == 0);
  CHECK(gre.counters().timeouts == 0);

  // From the tap (sender side): each PNS data packet's number minus the highest number the
  // PAC had acknowledged by then (its ack left 20 ms earlier) is at most the window.
  struct Sent {
    ts::Instant t;
    std::uint32_t seq;
  };
  struct Ack {
    ts::Instant t;
    std::uint32_t ack;
  };
  std::vector<Sent> sent;
  std::vector<Ack> acks;
  for (const auto& f : w.sim.tap().frames()) {
    const auto eth = ts::net::decode_ethernet(f.data);
    const auto ip = ts::net::decode_ipv4(eth.value.payload);
    if (ip.value.protocol != ts::net::ip_proto::kGre) continue;
    const auto h = ts::gre::decode(ip.value.payload).value;
    if (ip.value.src == w.sim.address(w.pns_node).ip && h.sequence_present)
      sent.push_back({f.time, h.sequence_number});
    if (ip.value.src == w.sim.address(w.pac_node).ip && h.ack_present)
      acks.push_back({f.time + 20ms, h.acknowledgment_number});
  }
  REQUIRE(sent.size() == 50);
  int max_outstanding = 0;
  for (const auto& s : sent) {
    long acked = -1;
    for (const auto& a : acks)
      if (a.t <= s.t) acked = std::max<long>(acked, a.ack);
    max_outstanding = std::max<int>(max_outstanding, static_cast<int>(s.seq - acked));
  }
  CHECK(max_outstanding <= 4);
  CHECK(max_outstanding >= 2);  // the window did fill (2 at first, §4.2.1, then more)
}
