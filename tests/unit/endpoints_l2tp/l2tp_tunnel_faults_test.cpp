// An LNS tunnel driven by hand-made peer messages: the error paths the RFC prescribes
// (RFC 2661 §4.2, §4.4.2, §5.3, §5.7, §7.1), checked on what the tunnel sends back.
#include <catch2/catch.hpp>

#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"
#include "src/endpoints/l2tp/l2tp_endpoint.h"
#include "src/endpoints/l2tp/l2tp_tunnel.h"
#include "tests/unit/endpoints_l2tp/l2tp_world.h"

using namespace ts;
using namespace ts::l2tp;
using namespace std::chrono_literals;
using ts::endpoints::l2tp::L2tpTunnel;
using ts::endpoints::l2tp::TunnelEnd;
using ts::endpoints::l2tp::TunnelOutput;

namespace {

constexpr std::uint16_t kLnsTunnel = 500;  // the id the LNS tunnel assigned itself
constexpr std::uint16_t kPeerTunnel = 77;  // the scripted LAC's Assigned Tunnel ID

// A scripted LAC: control messages with its own Ns/Nr bookkeeping.
struct ScriptedLac {
  std::uint16_t ns = 0;
  std::uint16_t nr = 0;
  Bytes message(std::uint16_t type, std::uint16_t tunnel, std::uint16_t session, std::vector<Avp> avps,
                bool type_mandatory = true) {
    Message m;
    m.header.type_control = m.header.length_present = m.header.sequence_present = true;
    m.header.tunnel_id = tunnel;
    m.header.session_id = session;
    m.header.ns = ns++;
    m.header.nr = nr;
    auto mt = make_avp_message_type(type);
    mt.mandatory = type_mandatory;
    m.avps.push_back(mt);
    for (auto& a : avps) m.avps.push_back(std::move(a));
    return encode(m);
  }
  Bytes sccrq(std::vector<Avp> extra = {}, ProtocolVersion pv = {}) {
    std::vector<Avp> avps{make_avp_protocol_version(pv),
                          make_avp_framing(AvpType::framing_capabilities, true, true),
                          make_avp_string(to_u16(AvpType::host_name), "scripted", true),
                          make_avp_u16(to_u16(AvpType::assigned_tunnel_id), kPeerTunnel, true)};
    for (auto& a : extra) avps.push_back(std::move(a));
    return message(1, 0, 0, std::move(avps));
  }
};

// Every control message in `out`, decoded.
std::vector<Message> sent(const TunnelOutput& out) {
  std::vector<Message> msgs;
  for (const auto& d : out.datagrams) msgs.push_back(decode(d).value);
  return msgs;
}

std::optional<ResultCode> result_of(const Message& m) {
  const auto* rc = m.find(to_u16(AvpType::result_code));
  return rc ? parse_result_code(rc->value()) : std::nullopt;
}

bool has_violation(const TunnelOutput& out, std::string_view id) {
  for (const auto& n : out.notes)
    if (const auto* v = std::get_if<engine::Violation>(&n); v && v->def->id == id) return true;
  return false;
}

struct LnsTunnel {
  endpoints::l2tp::L2tpConfig config = test::lns_config();
  L2tpTunnel tunnel{config, kLnsTunnel, false, engine::RandomSource(5)};
  Instant now = instant_from_ns(0);
  ScriptedLac lac;
  TunnelOutput feed(const Bytes& d) { return tunnel.on_datagram(now, d); }
  // SCCRQ in, SCCRP out, SCCCN in: established.
  void establish() {
    feed(lac.sccrq());
    lac.nr = 1;
    feed(lac.message(3, kLnsTunnel, 0, {}));
    REQUIRE(tunnel.established());
  }
};

}  // namespace

TEST_CASE("unknown AVP with the M bit in SCCRQ: StopCCN result 2, error 8 naming it") {
  LnsTunnel t;
  const auto out = t.feed(t.lac.sccrq({make_avp_vendor(9, 42, Bytes{1, 2}, true)}));
  CHECK(has_violation(out, "l2tp.peer.mandatory_avp_unknown"));
  const auto msgs = sent(out);
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0].message_type == 4);
  const auto rc = result_of(msgs[0]);
  REQUIRE(rc);
  CHECK(rc->result == 2);
  CHECK(rc->error == 8);
  CHECK(rc->message.find("attribute 42") != std::string::npos);
}

TEST_CASE("an unknown AVP without the M bit is ignored") {
  LnsTunnel t;
  const auto out = t.feed(t.lac.sccrq({make_avp_vendor(9, 42, Bytes{1, 2}, false)}));
  const auto msgs = sent(out);
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0].message_type == 2);  // SCCRP
}

TEST_CASE("Protocol Version 2.0: StopCCN result 5 with the highest version supported") {
  LnsTunnel t;
  const auto out = t.feed(t.lac.sccrq({}, ProtocolVersion{2, 0}));
  CHECK(has_violation(out, "l2tp.peer.protocol_version"));
  const auto msgs = sent(out);
  REQUIRE(msgs.size() == 1);
  const auto rc = result_of(msgs[0]);
  REQUIRE(rc);
  CHECK(rc->result == 5);
  CHECK(rc->error == 0x0100);
}

TEST_CASE("SCCRQ without an Assigned Tunnel ID is refused") {
  LnsTunnel t;
  ScriptedLac& l = t.lac;
  const auto out = t.feed(l.message(1, 0, 0, {make_avp_protocol_version(),
                                              make_avp_framing(AvpType::framing_capabilities, true, true),
                                              make_avp_string(to_u16(AvpType::host_name), "x", true)}));
  CHECK(has_violation(out, "l2tp.peer.avp_missing"));
  const auto msgs = sent(out);
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0].message_type == 4);
}

TEST_CASE("a call to an unknown Session ID: violation and CDN with General Error 5") {
  LnsTunnel t;
  t.establish();
  t.lac.nr = 1;
  const auto out = t.feed(t.lac.message(12, kLnsTunnel, 4242,
                                        {make_avp_u32(to_u16(AvpType::tx_connect_speed), 1000, true),
                                         make_avp_framing(AvpType::framing_type, false, true),
                                         make_avp_u16(to_u16(AvpType::assigned_session_id), 99, true)}));
  CHECK(has_violation(out, "l2tp.peer.unknown_session"));
  const auto msgs = sent(out);
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0].message_type == 14);
  CHECK(msgs[0].header.session_id == 99);
  const auto rc = result_of(msgs[0]);
  REQUIRE(rc);
  CHECK(rc->result == 2);
  CHECK(rc->error == 5);
}

TEST_CASE("an unknown mandatory message type clears the tunnel; an optional one is ignored") {
  LnsTunnel t;
  t.establish();
  const auto ignored = t.feed(t.lac.message(99, kLnsTunnel, 0, {}, false));
  CHECK(sent(ignored).empty());
  CHECK(t.tunnel.established());
  const auto out = t.feed(t.lac.message(98, kLnsTunnel, 0, {}, true));
  CHECK(has_violation(out, "l2tp.peer.message_type_unknown"));
  const auto msgs = sent(out);
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0].message_type == 4);
}

TEST_CASE("SCCCN before any SCCRP exchange is an FSM error (StopCCN result 7)") {
  LnsTunnel t;
  const auto out = t.feed(t.lac.message(3, kLnsTunnel, 0, {}));
  CHECK(has_violation(out, "l2tp.peer.illegal_control_message"));
  const auto msgs = sent(out);
  REQUIRE(msgs.size() == 1);
  CHECK(result_of(msgs[0])->result == 7);
}

TEST_CASE("StopCCN received: ZLB after the ack delay, state kept for the full retransmission cycle") {
  LnsTunnel t;
  t.establish();
  t.now += 1s;
  t.lac.nr = 1;
  t.feed(t.lac.message(4, kLnsTunnel, 0,
                       {make_avp_u16(to_u16(AvpType::assigned_tunnel_id), kPeerTunnel, true),
                        make_avp_result_code(ResultCode{1, std::nullopt, {}})}));
  CHECK(t.tunnel.closing());
  const Instant stop_at = t.now;
  // The acknowledgement: a ZLB when nothing else goes out.
  t.now = *t.tunnel.next_deadline();
  auto out = t.tunnel.on_deadline(t.now);
  REQUIRE(out.datagrams.size() == 1);
  CHECK(decode(out.datagrams[0]).value.zlb);
  // A retransmitted StopCCN is acknowledged again while the state is held.
  t.now = stop_at + 10s;
  t.lac.ns -= 1;
  t.feed(t.lac.message(4, kLnsTunnel, 0,
                       {make_avp_u16(to_u16(AvpType::assigned_tunnel_id), kPeerTunnel, true),
                        make_avp_result_code(ResultCode{1, std::nullopt, {}})}));
  t.now = *t.tunnel.next_deadline();
  out = t.tunnel.on_deadline(t.now);
  REQUIRE(out.datagrams.size() == 1);
  CHECK(decode(out.datagrams[0]).value.zlb);
  CHECK_FALSE(t.tunnel.finished());
  // §5.7: 31 s with the defaults, then gone.
  t.now = *t.tunnel.next_deadline();
  t.tunnel.on_deadline(t.now);
  CHECK(t.tunnel.finished());
  CHECK(to_seconds(t.now - stop_at) == Approx(31.0));
  CHECK(t.tunnel.end() == TunnelEnd::stop_received);
}

TEST_CASE("after a StopCCN arrives, our own unacknowledged messages are not retransmitted") {
  LnsTunnel t;
  t.establish();
  // The peer's ICRQ: we answer with an ICRP, which the peer never acknowledges ...
  t.lac.nr = 1;
  auto out = t.feed(t.lac.message(10, kLnsTunnel, 0,
                                  {make_avp_u16(to_u16(AvpType::assigned_session_id), 7, true),
                                   make_avp_u32(to_u16(AvpType::call_serial_number), 1, true)}));
  REQUIRE(sent(out).size() == 1);
  CHECK(sent(out)[0].message_type == 11);
  CHECK(t.tunnel.channel().unacknowledged() == 1);
  // ... because its StopCCN crossed our ICRP (its Nr does not cover the ICRP).
  t.now += 100ms;
  t.feed(t.lac.message(4, kLnsTunnel, 0,
                       {make_avp_u16(to_u16(AvpType::assigned_tunnel_id), kPeerTunnel, true),
                        make_avp_result_code(ResultCode{1, std::nullopt, {}})}));
  CHECK(t.tunnel.channel().unacknowledged() == 0);
  // Until the tunnel is gone, only the ZLB acknowledging the StopCCN goes out.
  int icrp_again = 0, zlbs = 0;
  for (int i = 0; i < 20 && !t.tunnel.finished(); ++i) {
    const auto next = t.tunnel.next_deadline();
    if (!next) break;
    t.now = *next;
    for (const auto& m : sent(t.tunnel.on_deadline(t.now))) {
      icrp_again += m.message_type == 11 ? 1 : 0;
      zlbs += m.zlb ? 1 : 0;
    }
  }
  CHECK(icrp_again == 0);
  CHECK(zlbs == 1);
  CHECK(t.tunnel.finished());
}

TEST_CASE("an endpoint drops messages for a tunnel it just cleared quietly, for one retransmission cycle") {
  endpoints::l2tp::L2tpEndpoint lns(test::lns_config());
  ScriptedLac lac;
  Instant now = instant_from_ns(0);
  auto violations = [](const engine::Actions& acts) {
    int n = 0;
    for (const auto& a : acts) n += std::holds_alternative<engine::Violation>(a) ? 1 : 0;
    return n;
  };
  lns.handle(now, engine::Received{9, lac.sccrq()});
  REQUIRE(lns.tunnels().size() == 1);
  const std::uint16_t tid = lns.tunnels().begin()->first;
  lac.nr = 1;
  lns.handle(now, engine::Received{9, lac.message(3, tid, 0, {})});
  lns.handle(now, engine::Received{9, lac.message(4, tid, 0,
                                                  {make_avp_u16(to_u16(AvpType::assigned_tunnel_id), kPeerTunnel, true),
                                                   make_avp_result_code(ResultCode{1, std::nullopt, {}})})});
  for (int i = 0; i < 20 && !lns.tunnels().empty(); ++i) {
    const auto next = lns.next_deadline();
    if (!next) break;
    now = *next;
    lns.on_deadline(now);
  }
  REQUIRE(lns.tunnels().empty());
  CHECK(violations(lns.handle(now + 1s, engine::Received{9, lac.message(6, tid, 0, {})})) == 0);
  CHECK(violations(lns.handle(now + 40s, engine::Received{9, lac.message(6, tid, 0, {})})) == 1);
}
