// PPTP error paths over the simulator: refused calls, unknown Call IDs, malformed
// messages, SCCRQ collision, a PAC that never answers, keep-alives and a silent peer.
#include <catch2/catch.hpp>

#include "dissectors/gre/header.h"
#include "dissectors/pptp/message.h"
#include "src/endpoints/pptp/pptp_pac.h"
#include "tests/unit/endpoints_pptp/pptp_world.h"

using namespace std::chrono_literals;
using namespace ts::endpoints::pptp;
using namespace ts::endpoints::pptp::test;
using ts::machines::pptp::CallState;
using ts::machines::pptp::ControlState;
using ts::sim::TraceKind;
namespace wire = ts::pptp;

namespace {

ts::sim::LinkImpairment delay(ts::Duration d) {
  ts::sim::LinkImpairment imp;
  imp.delay = d;
  return imp;
}

ts::Bytes encoded(const wire::Body& body) { return wire::encode(wire::make_message(body)); }

ts::Bytes good_sccrp() {
  wire::StartControlConnectionReply rp;
  rp.result_code = 1;
  rp.host_name = "raw";
  return encoded(rp);
}

// A PNS (10.0.0.1) connecting to a RawPeer (10.0.0.2) listening on 1723.
struct RawWorld {
  explicit RawWorld(RawPeer::Responder respond, PptpRoleConfig pns_cfg = pns_config()) {
    auto p = std::make_unique<PptpPns>(pns_cfg);
    pns = p.get();
    auto r = std::make_unique<RawPeer>(std::move(respond));
    raw = r.get();
    pns_node = sim.add_node("pns", std::move(p));
    raw_node = sim.add_node("pac", std::move(r));
    sim.connect(pns_node, raw_node, delay(5ms));
    sim.listen(raw_node, ts::engine::ChannelKind::tcp, 1723);
    sim.schedule_command(pns_node, sim.start() + 1s, ts::engine::Command{"open", {}});
  }
  std::vector<ts::sim::TraceRecord> violations() const {
    std::vector<ts::sim::TraceRecord> out;
    for (const auto& r : sim.trace())
      if (r.node == pns_node && r.kind == TraceKind::violation) out.push_back(r);
    return out;
  }
  ts::sim::Simulator sim;
  PptpPns* pns = nullptr;
  RawPeer* raw = nullptr;
  ts::sim::NodeId pns_node = 0, raw_node = 0;
};

}  // namespace

TEST_CASE("PPTP: an Outgoing-Call-Request refused for each configured reason") {
  const std::vector<std::pair<CallRefusal, int>> reasons{
      {CallRefusal::general_error, 2}, {CallRefusal::no_carrier, 3},
      {CallRefusal::busy, 4},          {CallRefusal::no_dial_tone, 5},
      {CallRefusal::time_out, 6},      {CallRefusal::do_not_accept, 7}};
  for (const auto& [reason, code] : reasons) {
    DYNAMIC_SECTION("result " << code) {
      auto pac = pac_config();
      pac.refuse_calls = reason;
      World w(pns_config(), pac, LinkSpec{}, LinkSpec{}, delay(5ms));
      w.command(w.pns_node, 1s, "open");
      w.command(w.pns_node, 2s, "call");
      w.sim.run_until(w.at(3s));
      CHECK(w.pns->calls().empty());
      CHECK(w.pac->calls().empty());
      CHECK(w.pns->calls_refused() == 1);
      CHECK(w.pac->calls_refused() == 1);
      CHECK(w.has(w.pns_node, TraceKind::violation,
                  "pptp.peer.refused: OCRP result " + std::to_string(code)));
      CHECK(w.has(w.pns_node, TraceKind::state, ": wait-reply -> idle"));
      CHECK(w.pns->control_state() == ControlState::established);
      CHECK(w.pns_links->empty());
    }
  }
}

TEST_CASE("PPTP: a PAC at its channel limit refuses with General Error / No-Resource") {
  auto pac = pac_config();
  pac.maximum_channels = 1;
  World w(pns_config(), pac, LinkSpec{}, LinkSpec{}, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  w.command(w.pns_node, 2s, "call");
  w.command(w.pns_node, 3s, "call");
  w.sim.run_until(w.at(4s));
  CHECK(w.pns->calls().size() == 1);
  CHECK(w.pac->calls().size() == 1);
  CHECK(w.has(w.pns_node, TraceKind::violation, "OCRP result 2 (General Error) error 4"));
}

TEST_CASE("PPTP: a PNS that refuses incoming calls answers Do Not Accept") {
  auto pns = pns_config();
  pns.refuse_calls = CallRefusal::do_not_accept;
  World w(pns, pac_config(), LinkSpec{}, LinkSpec{}, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  w.command(w.pac_node, 2s, "incoming-call");
  w.sim.run_until(w.at(3s));
  CHECK(w.pac->calls().empty());
  CHECK(w.has(w.pac_node, TraceKind::violation, "pptp.peer.refused: ICRP result 3"));
}

TEST_CASE("PPTP: a message naming an unknown Call ID, and one only a PNS may send") {
  RawWorld w([](std::uint16_t type, ts::ByteView) -> std::vector<ts::Bytes> {
    if (type != 1) return {};
    wire::CallDisconnectNotify cdn;
    cdn.call_id = 4242;
    cdn.result_code = 1;
    return {good_sccrp(), encoded(cdn), encoded(wire::CallClearRequest{7, 0})};
  });
  w.sim.run_until(w.sim.start() + 3s);
  CHECK(w.pns->control_state() == ControlState::established);
  const auto v = w.violations();
  REQUIRE(v.size() == 2);
  CHECK(v[0].text == "pptp.peer.unknown_call_id: CDN names Call ID 4242");
  CHECK(v[1].text.rfind("pptp.peer.wrong_role_message: CCRQ", 0) == 0);
}

TEST_CASE("PPTP: a bad Magic Cookie closes the control connection") {
  RawWorld w([](std::uint16_t type, ts::ByteView) -> std::vector<ts::Bytes> {
    if (type != 1) return {};
    auto bytes = good_sccrp();
    bytes[4] = 0xDE;  // Magic Cookie 0xDE2B3C4D
    return {bytes};
  });
  w.sim.run_until(w.sim.start() + 3s);
  CHECK(w.pns->control_state() == ControlState::idle);
  const auto v = w.violations();
  REQUIRE(v.size() == 1);
  CHECK(v[0].text.rfind("pptp.peer.malformed_message: pptp.header.bad_magic", 0) == 0);
  CHECK(w.raw->closed == std::vector<std::string>{"peer closed"});
}

TEST_CASE("PPTP: an unknown Control Message Type closes the control connection") {
  RawWorld w([](std::uint16_t type, ts::ByteView) -> std::vector<ts::Bytes> {
    if (type != 1) return {};
    auto bytes = encoded(wire::EchoRequest{1});
    bytes[9] = 42;  // Control Message Type 42
    return {good_sccrp(), bytes};
  });
  w.sim.run_until(w.sim.start() + 3s);
  CHECK(w.pns->control_state() == ControlState::idle);
  const auto v = w.violations();
  REQUIRE(v.size() == 1);
  CHECK(v[0].text.rfind("pptp.peer.unknown_message_type", 0) == 0);
}

TEST_CASE("PPTP: a PAC that never answers SCCRQ: closed after the reply time-out") {
  RawWorld w([](std::uint16_t, ts::ByteView) { return std::vector<ts::Bytes>{}; });
  w.sim.run_until(w.sim.start() + 2min);
  CHECK(w.pns->control_state() == ControlState::idle);
  const auto v = w.violations();
  REQUIRE(v.size() == 1);
  CHECK(v[0].text.rfind("pptp.peer.no_control_reply", 0) == 0);
  // Opened at 1 s + SYN + SYN-ACK (2 x 5 ms); §3.1.4: closed 60 s later.
  CHECK(v[0].time == w.sim.start() + 1s + 10ms + 60s);
  CHECK(w.raw->received == std::vector<std::uint16_t>{1});
  CHECK(w.raw->closed == std::vector<std::string>{"peer closed"});
}

TEST_CASE("PPTP: SCCRQ collision: the higher address wins, one connection remains") {
  auto pns = pns_config();
  auto pac = pac_config();
  pac.connects = true;
  World w(pns, pac, LinkSpec{3, 10ms}, LinkSpec{3, 10ms}, delay(5ms));
  w.sim.listen(w.pns_node, ts::engine::ChannelKind::tcp, 1723);
  w.command(w.pns_node, 1s, "open");
  w.command(w.pac_node, 1s, "open");
  w.command(w.pns_node, 2s, "call");
  w.sim.run_until(w.at(4s));
  CHECK(w.pns->control_state() == ControlState::established);
  CHECK(w.pac->control_state() == ControlState::established);
  // The PNS (10.0.0.1) lost: it dropped back from wait-ctl-reply and answered the PAC.
  CHECK(w.has(w.pns_node, TraceKind::state, "control: wait-ctl-reply -> idle"));
  CHECK(w.has(w.pns_node, TraceKind::state, "control: idle -> established"));
  CHECK(w.has(w.pac_node, TraceKind::state, "control: wait-ctl-reply -> established"));
  CHECK(w.has(w.pac_node, TraceKind::channel, ": peer closed"));  // the loser's connection
  REQUIRE(w.pns->calls().size() == 1);
  CHECK(w.pns->calls().begin()->second.state == CallState::established);
  CHECK(w.pac_links->at(0)->received == std::vector<int>{0, 1, 2});
  CHECK(w.lines(w.pns_node, TraceKind::violation).empty());
  CHECK(w.lines(w.pac_node, TraceKind::violation).empty());
}

TEST_CASE("PPTP: Echo-Requests keep a silent connection; a peer that stops answering is dropped") {
  auto pns = pns_config();
  pns.echo_interval = 10s;
  pns.echo_reply_timeout = 5s;
  auto pac = pac_config();
  pac.echo_interval = 1h;
  World w(pns, pac, LinkSpec{}, LinkSpec{}, delay(5ms), true);
  w.command(w.pns_node, 1s, "open");
  w.sim.run_until(w.at(35s));
  // Established at 1.020 s; Echo-Requests at 11.02, 21.03, 31.04 s, each answered.
  CHECK(w.pns->echo_requests_sent() == 3);
  CHECK(w.pns->control_state() == ControlState::established);
  CHECK(w.lines(w.pns_node, TraceKind::violation).empty());

  w.command(w.pac_node, 35s, "mute");
  w.sim.run_until(w.at(60s));
  CHECK(w.pns->echo_requests_sent() == 4);
  CHECK(w.pns->control_state() == ControlState::idle);
  std::optional<ts::Instant> when;
  for (const auto& r : w.sim.trace())
    if (r.node == w.pns_node && r.kind == TraceKind::violation &&
        r.text.rfind("pptp.peer.echo_unanswered", 0) == 0)
      when = r.time;
  REQUIRE(when);
  // The last reply arrived at ~31.05 s; the next request 10 s later, closed 5 s after it.
  CHECK(*when >= w.at(46s));
  CHECK(*when <= w.at(46s + 100ms));
}

TEST_CASE("PPTP: a refused Start-Control-Connection-Request, for each Result Code") {
  const std::vector<std::pair<ControlRefusal, int>> reasons{
      {ControlRefusal::general_error, 2},
      {ControlRefusal::channel_exists, 3},
      {ControlRefusal::not_authorized, 4},
      {ControlRefusal::unsupported_version, 5}};
  for (const auto& [reason, code] : reasons) {
    DYNAMIC_SECTION("result " << code) {
      auto pac = pac_config();
      pac.refuse_control = reason;
      World w(pns_config(), pac, LinkSpec{}, LinkSpec{}, delay(5ms));
      w.command(w.pns_node, 1s, "open");
      w.sim.run_until(w.at(3s));
      CHECK(w.pns->control_state() == ControlState::idle);
      CHECK(w.pac->control_state() == ControlState::idle);
      CHECK(w.has(w.pns_node, TraceKind::violation,
                  "pptp.peer.refused: SCCRP result " + std::to_string(code)));
      CHECK(w.has(w.pns_node, TraceKind::state, "control: wait-ctl-reply -> idle"));
      CHECK(w.lines(w.pac_node, TraceKind::state).empty());  // never established
    }
  }
}

TEST_CASE("PPTP: a requester with another protocol version is refused with Result Code 5") {
  auto pns = pns_config();
  pns.protocol_version = 0x0200;
  World w(pns, pac_config(), LinkSpec{}, LinkSpec{}, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  w.sim.run_until(w.at(3s));
  CHECK(w.pns->control_state() == ControlState::idle);
  CHECK(w.has(w.pns_node, TraceKind::violation, "pptp.peer.refused: SCCRP result 5"));
}

TEST_CASE("PPTP: GRE still in flight for a call just cleared is dropped quietly") {
  World w(pns_config(), pac_config(), LinkSpec{5, 10ms}, LinkSpec{}, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  w.command(w.pns_node, 2s, "call");
  w.command(w.pac_node, 2s + 20ms, "hangup");  // the PAC forgets the call at once (CDN)
  w.sim.run_until(w.at(3s));
  // The PNS's packets sent before the CDN arrived name a call the PAC no longer has: not a
  // fault of the PNS.
  CHECK_FALSE(w.has(w.pac_node, TraceKind::violation, "pptp.peer.gre_unknown_call"));
  CHECK(w.pns->calls().empty());
}

TEST_CASE("PPTP: GRE for a Call ID that was never assigned is reported") {
  ts::endpoints::pptp::PptpPac pac(pac_config());
  ts::gre::Header h;
  h.key_present = h.sequence_present = true;
  h.version = 1;
  h.protocol_type = ts::gre::kProtocolPpp;
  h.call_id = 4711;
  const ts::Bytes frame{0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00, 0x04};
  const auto actions = pac.handle(ts::Instant{}, ts::engine::Received{ts::endpoints::pptp::PptpRole::kGreChannel,
                                                              ts::gre::encode(h, frame)});
  bool reported = false;
  for (const auto& a : actions)
    if (const auto* v = std::get_if<ts::engine::Violation>(&a))
      reported = reported || v->def->id == "pptp.peer.gre_unknown_call";
  CHECK(reported);
}

TEST_CASE("PPTP: an Outgoing-Call-Request never answered is cleared after the call time-out") {
  auto pns = pns_config();
  pns.call_reply_timeout = 10s;
  RawWorld w(
      [](std::uint16_t type, ts::ByteView) -> std::vector<ts::Bytes> {
        if (type == 1) return {good_sccrp()};
        return {};
      },
      pns);
  w.sim.schedule_command(w.pns_node, w.sim.start() + 2s, ts::engine::Command{"call", {}});
  w.sim.run_until(w.sim.start() + 20s);
  CHECK(w.pns->calls().empty());
  CHECK(w.pns->control_state() == ControlState::established);
  const auto v = w.violations();
  REQUIRE(v.size() == 1);
  CHECK(v[0].text.rfind("pptp.peer.no_call_reply", 0) == 0);
  CHECK(v[0].time == w.sim.start() + 12s);
}

TEST_CASE("PPTP: a call message the call's state does not allow is the peer's fault") {
  RawWorld w([](std::uint16_t type, ts::ByteView m) -> std::vector<ts::Bytes> {
    if (type == 1) return {good_sccrp()};
    if (type != 7) return {};
    // ICCN for an outgoing call (only an incoming call is connected with ICCN, §3.2.3).
    wire::IncomingCallConnected iccn;
    iccn.peer_call_id = static_cast<std::uint16_t>((m[12] << 8) | m[13]);
    return {encoded(iccn)};
  });
  w.sim.schedule_command(w.pns_node, w.sim.start() + 2s, ts::engine::Command{"call", {}});
  w.sim.run_until(w.sim.start() + 3s);
  const auto v = w.violations();
  REQUIRE(v.size() == 1);
  CHECK(v[0].text.rfind("pptp.peer.illegal_call_message: ICCN for call", 0) == 0);
  REQUIRE(w.pns->calls().size() == 1);
  CHECK(w.pns->calls().begin()->second.state == CallState::wait_reply);
}

TEST_CASE("PPTP: a second control connection is refused with Result Code 3") {
  World w(pns_config(), pac_config(), LinkSpec{}, LinkSpec{}, delay(5ms));
  auto other_cfg = pns_config();
  other_cfg.host_name = "pns2";
  auto other = std::make_unique<PptpPns>(other_cfg);
  PptpPns* pns2 = other.get();
  const auto n2 = w.sim.add_node("pns2", std::move(other));
  w.sim.connect(n2, w.pac_node, delay(5ms));
  w.command(w.pns_node, 1s, "open");
  w.sim.schedule_command(n2, w.at(2s), ts::engine::Command{"open", {}});
  w.sim.run_until(w.at(3s));
  CHECK(w.pns->control_state() == ControlState::established);
  CHECK(w.pac->control_state() == ControlState::established);
  CHECK(pns2->control_state() == ControlState::idle);
  CHECK(w.has(n2, TraceKind::violation, "pptp.peer.refused: SCCRP result 3"));
}

TEST_CASE("PPTP: an SCCRP with an unsupported version is answered with StopCCRQ Stop-Protocol") {
  RawWorld w([](std::uint16_t type, ts::ByteView) -> std::vector<ts::Bytes> {
    if (type == 3) return {encoded(wire::StopControlConnectionReply{1, 0, 0})};
    if (type != 1) return {};
    wire::StartControlConnectionReply rp;
    rp.result_code = 1;
    rp.protocol_version = 0x0200;
    return {encoded(rp)};
  });
  w.sim.run_until(w.sim.start() + 3s);
  // §3.1.1: a Stop-Control-Connection-Request SHOULD be sent; TCP closed on the reply.
  CHECK(w.raw->received == std::vector<std::uint16_t>{1, 3});
  CHECK(w.pns->control_state() == ControlState::idle);
  CHECK(w.raw->closed == std::vector<std::string>{"peer closed"});
}

TEST_CASE("PPTP: a Length below the header size desynchronises the stream: closed") {
  RawWorld w([](std::uint16_t type, ts::ByteView) -> std::vector<ts::Bytes> {
    if (type != 1) return {};
    auto bad = encoded(wire::EchoRequest{1});
    bad[0] = 0;
    bad[1] = 4;  // Length 4
    return {good_sccrp(), bad};
  });
  w.sim.run_until(w.sim.start() + 3s);
  CHECK(w.pns->control_state() == ControlState::idle);
  const auto v = w.violations();
  REQUIRE(v.size() == 1);
  CHECK(v[0].text == "pptp.peer.stream_desync: Length 4");
  CHECK(w.raw->closed == std::vector<std::string>{"peer closed"});
}
