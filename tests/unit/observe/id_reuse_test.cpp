// Identifiers are reused by real devices: a tunnel or control connection that has ended must
// not swallow the next one that uses the same numbers.
#include <catch2/catch.hpp>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/pptp/message.h"
#include "tests/tools/capture_frames.h"
#include "tests/tools/scenarios/l2tp_builder.h"
#include "tests/tools/scenarios/scenario.h"

using namespace ts;
using namespace ts::testing;
using l2tp::AvpType;
using l2tp::MessageType;
using l2tp::to_u16;

namespace {

void l2tp_tunnel(CaptureBuilder& b, std::uint16_t lac_tid, std::uint16_t lns_tid) {
  L2tpLink link(b, L2tpSide{make_host("192.0.2.10", 10), 1701, lac_tid, 0},
                L2tpSide{make_host("192.0.2.1", 1), 1701, lns_tid, 0});
  link.open_tunnel(lac_tid, lns_tid);
  link.close_tunnel();
  b.advance_ms(1000);
}

}  // namespace

TEST_CASE("an L2TP tunnel reusing the ids of a closed one is a new connection") {
  CaptureBuilder b(scenario_epoch());
  l2tp_tunnel(b, 7, 9);
  l2tp_tunnel(b, 7, 9);
  const auto a = analyze(b);
  REQUIRE(a.connections.size() == 2);
  for (const auto& c : a.connections) {
    CHECK(c.state == "closed");
    CHECK(c.established.has_value());
    for (const auto& d : c.diags) UNSCOPED_INFO(d.diag.def->id << ": " << d.diag.detail);
    CHECK(c.diags.empty());  // in particular no illegal SCCRQ on a closed tunnel
  }
}

TEST_CASE("a new TCP connection on the 4-tuple of a closed PPTP connection is a new connection") {
  CaptureBuilder b(scenario_epoch());
  const Host pns = make_host("198.51.100.10", 10), pac = make_host("198.51.100.1", 1);
  for (int round = 0; round < 2; ++round) {
    auto tcp = b.tcp(pns, pac, 40000, 1723);
    pptp::StartControlConnectionRequest rq;
    rq.host_name = "pns";
    pptp::StartControlConnectionReply rp;
    rp.result_code = 1;
    pptp::StopControlConnectionRequest stop;
    stop.reason = 1;
    pptp::StopControlConnectionReply stopped;
    stopped.result_code = 1;
    tcp.send(true, pptp::encode(pptp::make_message(rq)));
    tcp.send(false, pptp::encode(pptp::make_message(rp)));
    tcp.send(true, pptp::encode(pptp::make_message(stop)));
    tcp.send(false, pptp::encode(pptp::make_message(stopped)));
    tcp.close(true);
    b.advance_ms(500);
  }
  const auto a = analyze(b);
  REQUIRE(a.connections.size() == 2);
  for (const auto& c : a.connections) {
    CHECK(c.state == "closed");
    CHECK(c.teardown_cause == "StopCCRQ reason 1 (None)");
  }
}
