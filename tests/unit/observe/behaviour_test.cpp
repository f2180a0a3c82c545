// Observer behaviours found on real captures, each rebuilt here with the project's own
// encoders: capture duplicates, Echo outside Opened, renegotiation after Terminate, sessions
// seen only mid-stream, clock jumps.
#include <catch2/catch.hpp>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/lcp_options.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "tests/tools/capture_frames.h"
#include "tests/tools/scenarios/l2tp_builder.h"
#include "tests/tools/scenarios/ppp_frames.h"
#include "tests/tools/scenarios/scenario.h"

using namespace ts;
using namespace ts::testing;
using l2tp::AvpType;
using l2tp::MessageType;
using l2tp::to_u16;
namespace code = ppp::code;

namespace {

struct Tunnel {
  CaptureBuilder b{scenario_epoch()};
  L2tpLink link{b, L2tpSide{make_host("192.0.2.10", 10), 1701, 5, 0}, L2tpSide{make_host("192.0.2.1", 1), 1701, 6, 0}};

  // A tunnel and one incoming call, up to the point where PPP starts.
  void up() {
    auto u16 = [](AvpType t, std::uint16_t v) { return l2tp::make_avp_u16(to_u16(t), v, true); };
    const auto framing = l2tp::make_avp_framing(AvpType::framing_capabilities, false, true);
    const auto host = l2tp::make_avp_string(to_u16(AvpType::host_name), "h", true);
    link.control(0, MessageType::sccrq, {l2tp::make_avp_protocol_version(), framing, host, u16(AvpType::assigned_tunnel_id, 5)});
    link.side(1).peer_tunnel_id = 5;
    link.control(1, MessageType::sccrp, {l2tp::make_avp_protocol_version(), framing, host, u16(AvpType::assigned_tunnel_id, 6)});
    link.side(0).peer_tunnel_id = 6;
    link.control(0, MessageType::scccn, {});
    link.control(0, MessageType::icrq, {u16(AvpType::assigned_session_id, 11), l2tp::make_avp_u32(to_u16(AvpType::call_serial_number), 1, true)});
    link.control(1, MessageType::icrp, {u16(AvpType::assigned_session_id, 22)}, 11);
    link.control(0, MessageType::iccn, {l2tp::make_avp_u32(to_u16(AvpType::tx_connect_speed), 1, true),
                                        l2tp::make_avp_u32(to_u16(AvpType::framing_type), 1, true)}, 22);
    link.zlb(1);
  }
  void a(const Bytes& ppp) { link.data(0, 22, ppp); b.advance_ms(1); }
  void z(const Bytes& ppp) { link.data(1, 11, ppp); b.advance_ms(1); }
  // LCP to Opened both ways with the given identifiers.
  void lcp_open(std::uint8_t id) {
    a(ppp_control(ppp::kLcp, code::kConfigureRequest, id, {{ppp::lcp_opt::kMagicNumber, be32v(0x1111)}}));
    z(ppp_control(ppp::kLcp, code::kConfigureRequest, id, {{ppp::lcp_opt::kMagicNumber, be32v(0x2222)}}));
    z(ppp_control(ppp::kLcp, code::kConfigureAck, id, {{ppp::lcp_opt::kMagicNumber, be32v(0x1111)}}));
    a(ppp_control(ppp::kLcp, code::kConfigureAck, id, {{ppp::lcp_opt::kMagicNumber, be32v(0x2222)}}));
  }
};

bool has_diag(const observe::Analysis& an, std::string_view id) {
  for (const auto& c : an.connections)
    for (const auto& d : c.diags)
      if (d.diag.def->id == id) return true;
  for (const auto& d : an.capture_diags)
    if (d.diag.def->id == id) return true;
  return false;
}

}  // namespace

TEST_CASE("a frame captured twice is skipped, not counted as a retransmission") {
  Tunnel t;
  t.up();
  const auto f0 = frames_of(t.b);
  // Append a copy of the ICRQ frame 0.1 ms after it (what a SPAN of both directions shows).
  CaptureBuilder b2(scenario_epoch());
  for (std::size_t i = 0; i < f0.data.size(); ++i) {
    b2.advance(f0.ts[i] - b2.now());
    b2.raw(f0.data[i]);
    if (i == 3) {
      b2.advance_ms(0.1);
      b2.raw(f0.data[i]);
    }
  }
  const auto an = analyze(b2);
  REQUIRE(an.connections.size() == 1);
  CHECK(an.connections.front().control[0].retransmissions == 0);
  CHECK(has_diag(an, "capture.duplicate_frames"));
}

TEST_CASE("an LCP Echo-Request after the sender's Terminate-Request is flagged (RFC 1661 §5.8)") {
  Tunnel t;
  t.up();
  t.lcp_open(1);
  t.a(ppp_echo(false, 9, 0x1111));  // fine: Opened
  t.a(ppp_control(ppp::kLcp, code::kTerminateRequest, 2));
  t.a(ppp_echo(false, 10, 0x1111));  // A is Closing now
  const auto an = analyze(t.b);
  REQUIRE(an.connections.size() == 1);
  int n = 0;
  for (const auto& d : an.connections.front().diags) n += d.diag.def->id == "ppp.lcp.echo_outside_opened";
  CHECK(n == 1);
}

TEST_CASE("a link renegotiated after a Terminate ends in the network phase, not dead") {
  Tunnel t;
  t.up();
  t.lcp_open(1);
  t.a(ppp_control(ppp::kLcp, code::kTerminateRequest, 2));
  t.z(ppp_control(ppp::kLcp, code::kTerminateAck, 2));
  t.b.advance_ms(3000);
  t.lcp_open(3);  // the passive side restarts from Stopping: its timer ran out unseen
  const auto an = analyze(t.b);
  const auto& link = an.connections.front().calls[0].ppp;
  CHECK(link.phase == "network");
  CHECK(link.end_reason.empty());
  CHECK_FALSE(has_diag(an, "ppp.automaton.illegal_event"));
}

TEST_CASE("an Echo-Request before LCP opened is the sender's fault, not an unanswered echo (RFC 1661 §5.8)") {
  // As SoftEther does: right after its Configure-Request, while A's request is unanswered.
  Tunnel t;
  t.up();
  t.a(ppp_control(ppp::kLcp, code::kConfigureRequest, 1, {{ppp::lcp_opt::kMagicNumber, be32v(0x1111)}}));
  t.z(ppp_control(ppp::kLcp, code::kConfigureRequest, 1, {{ppp::lcp_opt::kMagicNumber, be32v(0x2222)}}));
  t.z(ppp_echo(false, 0, 0));  // Z is in Req-Sent: A never acknowledged it
  t.z(ppp_control(ppp::kLcp, code::kConfigureAck, 1, {{ppp::lcp_opt::kMagicNumber, be32v(0x1111)}}));
  t.a(ppp_control(ppp::kLcp, code::kConfigureAck, 1, {{ppp::lcp_opt::kMagicNumber, be32v(0x2222)}}));
  t.b.advance_ms(10000);
  t.a(ppp_echo(false, 5, 0x1111));  // Opened: answered
  t.z(ppp_echo(true, 5, 0x2222));
  const auto an = analyze(t.b);
  REQUIRE(an.connections.size() == 1);
  int outside = 0;
  for (const auto& d : an.connections.front().diags) outside += d.diag.def->id == "ppp.lcp.echo_outside_opened";
  CHECK(outside == 1);
  CHECK_FALSE(has_diag(an, "ppp.lcp.echo_unanswered"));
}

TEST_CASE("both directions of a session seen only mid-stream are one session") {
  CaptureBuilder b(scenario_epoch());
  L2tpLink link(b, L2tpSide{make_host("192.0.2.10", 10), 1701, 5, 6}, L2tpSide{make_host("192.0.2.1", 1), 1701, 6, 5});
  for (int i = 0; i < 3; ++i) {
    link.data(0, 22, ppp_echo(false, static_cast<std::uint8_t>(i), 0x1111));
    b.advance_ms(1);
    link.data(1, 11, ppp_echo(true, static_cast<std::uint8_t>(i), 0x2222));
    b.advance_ms(1000);
  }
  const auto an = analyze(b);
  REQUIRE(an.connections.size() == 1);
  REQUIRE(an.connections.front().calls.size() == 1);
  const auto& call = an.connections.front().calls[0];
  CHECK(call.id[0] == 11);
  CHECK(call.id[1] == 22);
  CHECK(call.ppp.echo_replies[1] == 3);
  CHECK_FALSE(has_diag(an, "ppp.lcp.echo_unanswered"));
}

TEST_CASE("a jump of the capture clock is reported as a capture artefact") {
  Tunnel t;
  t.up();
  t.b.advance(std::chrono::hours(24 * 400));
  t.link.control(1, MessageType::hello, {});
  const auto an = analyze(t.b);
  CHECK(has_diag(an, "capture.time_jump"));
}

TEST_CASE("an L2TP CDN that crossed the peer's StopCCN is not blamed; one sent after it is") {
  auto rc = [](std::uint16_t r) { return l2tp::make_avp_result_code(l2tp::ResultCode{r, std::nullopt, {}}); };
  auto sid = [](std::uint16_t v) { return l2tp::make_avp_u16(to_u16(AvpType::assigned_session_id), v, true); };
  auto tid = [](std::uint16_t v) { return l2tp::make_avp_u16(to_u16(AvpType::assigned_tunnel_id), v, true); };
  SECTION("crossed: the CDN's Nr does not acknowledge the StopCCN") {
    Tunnel t;
    t.up();
    t.link.control(0, MessageType::stopccn, {tid(5), rc(1)});
    t.link.side(1).nr -= 1;  // side 1 had not received the StopCCN when it sent its CDN
    t.link.control(1, MessageType::cdn, {rc(3), sid(22)}, 11);
    CHECK_FALSE(has_diag(analyze(t.b), "l2tp.state.illegal_control_message"));
  }
  SECTION("after: the CDN acknowledges the StopCCN, so the tunnel was already gone") {
    Tunnel t;
    t.up();
    t.link.control(0, MessageType::stopccn, {tid(5), rc(1)});
    t.link.control(1, MessageType::cdn, {rc(3), sid(22)}, 11);
    CHECK(has_diag(analyze(t.b), "l2tp.state.illegal_control_message"));
  }
}

TEST_CASE("an LCP Echo-Request that crossed the peer's Terminate-Request is not blamed; one after the Ack is") {
  auto count = [](const observe::Analysis& an) {
    int n = 0;
    for (const auto& d : an.connections.front().diags) n += d.diag.def->id == "ppp.lcp.echo_outside_opened";
    return n;
  };
  SECTION("crossed: Z had not received A's Terminate-Request yet") {
    Tunnel t;
    t.up();
    t.lcp_open(1);
    t.a(ppp_control(ppp::kLcp, code::kTerminateRequest, 2));
    t.z(ppp_echo(false, 9, 0x2222));  // sent before the Terminate-Request arrived
    t.z(ppp_control(ppp::kLcp, code::kTerminateAck, 2));
    CHECK(count(analyze(t.b)) == 0);
  }
  SECTION("after: Z had answered the Terminate-Request already") {
    Tunnel t;
    t.up();
    t.lcp_open(1);
    t.a(ppp_control(ppp::kLcp, code::kTerminateRequest, 2));
    t.z(ppp_control(ppp::kLcp, code::kTerminateAck, 2));
    t.z(ppp_echo(false, 9, 0x2222));
    CHECK(count(analyze(t.b)) == 1);
  }
}

TEST_CASE("LCP Echo keepalives on a long-lived link: the first 20 lines shown, the rest counted") {
  Tunnel t;
  t.up();
  t.lcp_open(1);
  constexpr int kPairs = 500;  // about two hours of keepalives every 15 s
  for (int i = 0; i < kPairs; ++i) {
    t.a(ppp_echo(false, static_cast<std::uint8_t>(i), 0x1111));
    t.z(ppp_echo(true, static_cast<std::uint8_t>(i), 0x2222));
    t.b.advance_ms(15000);
  }
  const auto an = analyze(t.b);
  REQUIRE(an.connections.size() == 1);
  const auto& c = an.connections.front();
  std::size_t echo_lines = 0, summaries = 0;
  for (const auto& e : c.events) {
    echo_lines += e.text.rfind("LCP Echo-", 0) == 0;
    summaries += e.text.find("more LCP Echo-Request/Reply not shown") != std::string::npos;
  }
  // The timeline does not grow with the link's lifetime; the counts still do.
  CHECK(echo_lines == 20);
  CHECK(summaries == 1);
  CHECK(c.calls[0].ppp.echo_requests[0] == kPairs);
  CHECK(c.calls[0].ppp.echo_replies[1] == kPairs);
  CHECK(c.events.size() < 60);
}
