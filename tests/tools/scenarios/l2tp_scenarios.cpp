// L2TPv2 scenarios (RFC 2661) for the committed captures.
#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/tunnel_auth.h"
#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/ipcp_options.h"
#include "dissectors/ppp/lcp_options.h"
#include "dissectors/ppp/mschap.h"
#include "dissectors/ppp/pap.h"
#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "tests/tools/scenarios/l2tp_builder.h"
#include "tests/tools/scenarios/ppp_frames.h"
#include "tests/tools/scenarios/scenario.h"

namespace ts::testing {

namespace {

using l2tp::AvpType;
using l2tp::MessageType;
using l2tp::to_u16;
namespace code = ppp::code;

l2tp::Avp u16(AvpType t, std::uint16_t v) { return l2tp::make_avp_u16(to_u16(t), v, true); }
l2tp::Avp u32(AvpType t, std::uint32_t v) { return l2tp::make_avp_u32(to_u16(t), v, true); }
l2tp::Avp str(AvpType t, std::string_view s, bool m = true) { return l2tp::make_avp_string(to_u16(t), s, m); }
l2tp::Avp bytes(AvpType t, ByteView b) { return l2tp::make_avp_bytes(to_u16(t), b, true); }
l2tp::Avp hidden(l2tp::Avp a) {
  a.hidden = true;
  return a;
}

Bytes fixed(std::size_t n, std::uint8_t seed) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(seed + i * 29);
  return b;
}

std::vector<l2tp::Avp> sccrq_avps(std::string_view host, std::uint16_t tid, ByteView challenge) {
  std::vector<l2tp::Avp> v{l2tp::make_avp_protocol_version(),
                           l2tp::make_avp_framing(AvpType::framing_capabilities, true, true),
                           l2tp::make_avp_bearer(AvpType::bearer_capabilities, true, true),
                           l2tp::make_avp_u16(to_u16(AvpType::firmware_revision), 0x0100, false),
                           str(AvpType::host_name, host),
                           str(AvpType::vendor_name, "tunnelscope", false),
                           u16(AvpType::assigned_tunnel_id, tid),
                           u16(AvpType::receive_window_size, 8)};
  if (!challenge.empty()) v.push_back(bytes(AvpType::challenge, challenge));
  return v;
}

// The PPP part of a session: LCP, CHAP-MD5 (or PAP), IPCP with RFC 1877 DNS, some data.
// Side 0 is the client (LAC side), side 1 the LNS, which authenticates.
void ppp_session(L2tpLink& link, CaptureBuilder& b, std::uint16_t sid_at_lac, std::uint16_t sid_at_lns, bool chap,
                 std::string_view user, std::string_view password) {
  auto to_lns = [&](const Bytes& f) { link.data(0, sid_at_lns, f, true); };
  auto to_lac = [&](const Bytes& f) { link.data(1, sid_at_lac, f, true); };
  const std::uint32_t magic_c = 0x1a2b3c4d, magic_s = 0x55aa7711;
  to_lns(ppp_control(ppp::kLcp, code::kConfigureRequest, 1,
                     {{ppp::lcp_opt::kMru, be16v(1460)}, {ppp::lcp_opt::kMagicNumber, be32v(magic_c)}}));
  b.advance_ms(1.2);
  const Bytes auth = chap ? Bytes{0xc2, 0x23, ppp::kChapMd5} : Bytes{0xc0, 0x23};
  to_lac(ppp_control(ppp::kLcp, code::kConfigureRequest, 1,
                     {{ppp::lcp_opt::kMru, be16v(1460)}, {ppp::lcp_opt::kAuthProtocol, auth},
                      {ppp::lcp_opt::kMagicNumber, be32v(magic_s)}}));
  to_lac(ppp_control(ppp::kLcp, code::kConfigureAck, 1,
                     {{ppp::lcp_opt::kMru, be16v(1460)}, {ppp::lcp_opt::kMagicNumber, be32v(magic_c)}}));
  b.advance_ms(0.8);
  to_lns(ppp_control(ppp::kLcp, code::kConfigureAck, 1,
                     {{ppp::lcp_opt::kMru, be16v(1460)}, {ppp::lcp_opt::kAuthProtocol, auth},
                      {ppp::lcp_opt::kMagicNumber, be32v(magic_s)}}));
  b.advance_ms(1);
  if (chap) {
    const Bytes challenge = fixed(16, 0x31);
    to_lac(ppp_chap(ppp::chap_code::kChallenge, 7, challenge, "lns-core"));
    b.advance_ms(2);
    auto resp = ppp::mschap::chap_md5_response(7, as_bytes(password), challenge);
    to_lns(ppp_chap(ppp::chap_code::kResponse, 7, *resp, user));
    b.advance_ms(3);
    to_lac(ppp_chap(ppp::chap_code::kSuccess, 7, {}, "Welcome"));
  } else {
    to_lns(ppp_pap_request(1, user, password));
    b.advance_ms(3);
    ppp::PapPacket ack;
    ack.code = ppp::pap_code::kAuthenticateAck;
    ack.identifier = 1;
    ack.message = as_bytes("Login ok");
    to_lac(ppp::encode_ppp_frame(ppp::kPap, ppp::encode_pap(ack)));
  }
  b.advance_ms(1);
  // IPCP: the client asks for an address and DNS servers, is Nak'd with them (RFC 1877).
  const Bytes zero = ipv4v("0.0.0.0");
  to_lns(ppp_control(ppp::kIpcp, code::kConfigureRequest, 1,
                     {{ppp::ipcp_opt::kIpAddress, zero}, {ppp::ipcp_opt::kPrimaryDns, zero},
                      {ppp::ipcp_opt::kSecondaryDns, zero}}));
  to_lac(ppp_control(ppp::kIpcp, code::kConfigureRequest, 1, {{ppp::ipcp_opt::kIpAddress, ipv4v("10.20.0.1")}}));
  b.advance_ms(0.5);
  to_lac(ppp_control(ppp::kIpcp, code::kConfigureNak, 1,
                     {{ppp::ipcp_opt::kIpAddress, ipv4v("10.20.0.77")},
                      {ppp::ipcp_opt::kPrimaryDns, ipv4v("10.20.0.53")},
                      {ppp::ipcp_opt::kSecondaryDns, ipv4v("10.20.0.54")}}));
  to_lns(ppp_control(ppp::kIpcp, code::kConfigureAck, 1, {{ppp::ipcp_opt::kIpAddress, ipv4v("10.20.0.1")}}));
  b.advance_ms(0.5);
  to_lns(ppp_control(ppp::kIpcp, code::kConfigureRequest, 2,
                     {{ppp::ipcp_opt::kIpAddress, ipv4v("10.20.0.77")},
                      {ppp::ipcp_opt::kPrimaryDns, ipv4v("10.20.0.53")},
                      {ppp::ipcp_opt::kSecondaryDns, ipv4v("10.20.0.54")}}));
  to_lac(ppp_control(ppp::kIpcp, code::kConfigureAck, 2,
                     {{ppp::ipcp_opt::kIpAddress, ipv4v("10.20.0.77")},
                      {ppp::ipcp_opt::kPrimaryDns, ipv4v("10.20.0.53")},
                      {ppp::ipcp_opt::kSecondaryDns, ipv4v("10.20.0.54")}}));
  for (int i = 0; i < 6; ++i) {
    b.advance_ms(15);
    to_lns(ppp_ipv4("10.20.0.77", "10.20.0.53", 40 + 10 * i));
    b.advance_ms(2);
    to_lac(ppp_ipv4("10.20.0.53", "10.20.0.77", 80 + 10 * i));
  }
  b.advance_ms(500);
  to_lac(ppp_echo(false, 2, magic_s));
  b.advance_ms(1);
  to_lns(ppp_echo(true, 2, magic_c));
}

Scenario incoming_call_chap() {
  Scenario s{"l2tp_incoming_call_chap.pcap",
             "L2TP LAC->LNS tunnel with tunnel authentication, incoming call with a hidden AVP, PPP CHAP-MD5, "
             "IPCP with DNS, sequenced data, Hello, CDN and StopCCN",
             "--l2tp-secret s3cret --ppp-password alice:wonderland", CaptureBuilder(scenario_epoch())};
  CaptureBuilder& b = s.capture;
  L2tpLink link(b, L2tpSide{make_host("192.0.2.10", 10), 1701, 4242, 0}, L2tpSide{make_host("192.0.2.1", 1), 1701, 777, 0},
                "s3cret");
  const Bytes ch_lac = fixed(16, 0x10), ch_lns = fixed(16, 0x70);
  link.control(0, MessageType::sccrq, sccrq_avps("lac-east", 4242, ch_lac));
  b.advance_ms(3.1);
  link.side(1).peer_tunnel_id = 4242;
  auto sccrp = sccrq_avps("lns-core", 777, ch_lns);
  sccrp.push_back(bytes(AvpType::challenge_response, l2tp::challenge_response(2, "s3cret", ch_lac)));
  link.control(1, MessageType::sccrp, sccrp);
  b.advance_ms(0.4);
  link.side(0).peer_tunnel_id = 777;
  link.control(0, MessageType::scccn, {bytes(AvpType::challenge_response, l2tp::challenge_response(3, "s3cret", ch_lns))});
  b.advance_ms(0.2);
  link.zlb(1);
  b.advance_ms(10);
  link.control(0, MessageType::icrq,
               {u16(AvpType::assigned_session_id, 51), u32(AvpType::call_serial_number, 1),
                u32(AvpType::bearer_type, 2), bytes(AvpType::random_vector, fixed(16, 0x42)),
                hidden(str(AvpType::calling_number, "5550100")), str(AvpType::called_number, "5550199")});
  b.advance_ms(0.6);
  link.control(1, MessageType::icrp, {u16(AvpType::assigned_session_id, 9)}, 51);
  b.advance_ms(0.5);
  link.control(0, MessageType::iccn,
               {u32(AvpType::tx_connect_speed, 64000), u32(AvpType::framing_type, 1),
                l2tp::make_avp_u32(to_u16(AvpType::rx_connect_speed), 64000, false)},
               9);
  b.advance_ms(0.3);
  link.zlb(1);
  b.advance_ms(20);
  ppp_session(link, b, 51, 9, true, "alice", "wonderland");
  b.advance_ms(30000);
  link.control(1, MessageType::hello, {});
  b.advance_ms(0.4);
  link.zlb(0);
  b.advance_ms(5000);
  link.data(0, 9, ppp_control(ppp::kLcp, code::kTerminateRequest, 3, {}, as_bytes("User request")), true);
  b.advance_ms(1);
  link.data(1, 51, ppp_control(ppp::kLcp, code::kTerminateAck, 3), true);
  b.advance_ms(2);
  link.control(0, MessageType::cdn,
               {l2tp::make_avp_result_code({3, 0, {}}), u16(AvpType::assigned_session_id, 51)}, 9);
  b.advance_ms(0.4);
  link.zlb(1);
  b.advance_ms(5);
  link.control(0, MessageType::stopccn, {u16(AvpType::assigned_tunnel_id, 4242), l2tp::make_avp_result_code({1, 0, {}})});
  b.advance_ms(0.4);
  link.zlb(1);
  return s;
}

Scenario outgoing_call() {
  Scenario s{"l2tp_outgoing_call_pap.pcap",
             "L2TP LNS-initiated tunnel and outgoing call (OCRQ/OCRP/OCCN), PPP PAP, CDN from the LNS, StopCCN", "",
             CaptureBuilder(scenario_epoch())};
  CaptureBuilder& b = s.capture;
  // Side 0 (initiator) is the LNS dialling out through the LAC.
  L2tpLink link(b, L2tpSide{make_host("192.0.2.1", 1), 1701, 300, 0}, L2tpSide{make_host("192.0.2.20", 20), 1701, 900, 0});
  link.control(0, MessageType::sccrq, sccrq_avps("lns-core", 300, {}));
  b.advance_ms(2);
  link.side(1).peer_tunnel_id = 300;
  link.control(1, MessageType::sccrp, sccrq_avps("lac-west", 900, {}));
  b.advance_ms(0.5);
  link.side(0).peer_tunnel_id = 900;
  link.control(0, MessageType::scccn, {});
  link.zlb(1);
  b.advance_ms(5);
  link.control(0, MessageType::ocrq,
               {u16(AvpType::assigned_session_id, 70), u32(AvpType::call_serial_number, 5),
                u32(AvpType::minimum_bps, 9600), u32(AvpType::maximum_bps, 64000), u32(AvpType::bearer_type, 1),
                u32(AvpType::framing_type, 1), str(AvpType::called_number, "5551234")});
  b.advance_ms(1);
  link.control(1, MessageType::ocrp, {u16(AvpType::assigned_session_id, 33)}, 70);
  b.advance_ms(1800);  // the LAC dials
  link.control(1, MessageType::occn, {u32(AvpType::tx_connect_speed, 64000), u32(AvpType::framing_type, 1)}, 70);
  link.zlb(0);
  b.advance_ms(10);
  // PPP: here side 1 (the LAC, towards the dialled client) carries the client's frames.
  {
    auto to_lns = [&](const Bytes& f) { link.data(1, 70, f); };
    auto to_lac = [&](const Bytes& f) { link.data(0, 33, f); };
    to_lac(ppp_control(ppp::kLcp, code::kConfigureRequest, 1,
                       {{ppp::lcp_opt::kAuthProtocol, Bytes{0xc0, 0x23}}, {ppp::lcp_opt::kMagicNumber, be32v(0x1111)}}));
    to_lns(ppp_control(ppp::kLcp, code::kConfigureRequest, 1, {{ppp::lcp_opt::kMagicNumber, be32v(0x2222)}}));
    b.advance_ms(1);
    to_lns(ppp_control(ppp::kLcp, code::kConfigureAck, 1,
                       {{ppp::lcp_opt::kAuthProtocol, Bytes{0xc0, 0x23}}, {ppp::lcp_opt::kMagicNumber, be32v(0x1111)}}));
    to_lac(ppp_control(ppp::kLcp, code::kConfigureAck, 1, {{ppp::lcp_opt::kMagicNumber, be32v(0x2222)}}));
    b.advance_ms(2);
    to_lns(ppp_pap_request(1, "branch7", "letmein"));
    b.advance_ms(2);
    ppp::PapPacket ack;
    ack.code = ppp::pap_code::kAuthenticateAck;
    ack.identifier = 1;
    to_lac(ppp::encode_ppp_frame(ppp::kPap, ppp::encode_pap(ack)));
  }
  b.advance_ms(60000);
  link.control(0, MessageType::cdn,
               {l2tp::make_avp_result_code({3, 0, {}}), u16(AvpType::assigned_session_id, 70)}, 33);
  link.zlb(1);
  b.advance_ms(3);
  link.control(0, MessageType::stopccn, {u16(AvpType::assigned_tunnel_id, 300), l2tp::make_avp_result_code({6, 0, {}})});
  link.zlb(1);
  return s;
}

Scenario faults() {
  Scenario s{"l2tp_faults.pcap",
             "L2TP faults: retransmitted SCCRQ, wrong Challenge Response, unknown mandatory AVP, Nr ahead, "
             "unknown session, missing Result Code, SCCRQ on an established tunnel, unanswered Hello",
             "--l2tp-secret s3cret", CaptureBuilder(scenario_epoch())};
  CaptureBuilder& b = s.capture;
  L2tpLink link(b, L2tpSide{make_host("192.0.2.10", 10), 1701, 11, 0}, L2tpSide{make_host("192.0.2.1", 1), 1701, 22, 0});
  const Bytes ch = fixed(16, 0x01);
  link.control(0, MessageType::sccrq, sccrq_avps("lac-east", 11, ch));
  b.advance_ms(1000);
  link.retransmit_last(0);  // RFC 2661 §5.8: no answer within the timeout, sent again
  b.advance_ms(2);
  link.side(1).peer_tunnel_id = 11;
  auto sccrp = sccrq_avps("lns-core", 22, {});
  // The LNS answers with a response made from another secret.
  sccrp.push_back(bytes(AvpType::challenge_response, l2tp::challenge_response(2, "not-the-secret", ch)));
  link.control(1, MessageType::sccrp, sccrp);
  b.advance_ms(1);
  link.side(0).peer_tunnel_id = 22;
  link.control(0, MessageType::scccn, {});
  b.advance_ms(1);
  link.zlb(1);
  // An ICRQ with an unknown mandatory IETF AVP (RFC 2661 §4.1: the session must be cleared).
  b.advance_ms(5);
  link.control(0, MessageType::icrq,
               {u16(AvpType::assigned_session_id, 5), u32(AvpType::call_serial_number, 2),
                l2tp::make_avp_bytes(200, as_bytes("??"), true)});
  b.advance_ms(1);
  link.control(1, MessageType::cdn, {u16(AvpType::assigned_session_id, 6)}, 5);  // no Result Code AVP
  b.advance_ms(1);
  link.zlb(0);
  // An ICRP for a session nobody asked for.
  b.advance_ms(3);
  link.control(1, MessageType::icrp, {u16(AvpType::assigned_session_id, 8)}, 4321);
  // A ZLB acknowledging messages that were never sent (Nr ahead).
  b.advance_ms(1);
  {
    const std::uint16_t saved = link.side(0).nr;
    link.side(0).nr = static_cast<std::uint16_t>(saved + 7);
    link.zlb(0);
    link.side(0).nr = saved;
  }
  // A fresh SCCRQ (new Ns) on the established tunnel: illegal in that state (RFC 2661 §7.2.1).
  b.advance_ms(3);
  link.control(0, MessageType::sccrq, sccrq_avps("lac-east", 11, {}));
  b.advance_ms(1);
  link.zlb(1);
  // The LAC goes silent: the LNS's Hello is retransmitted with back-off, never
  // acknowledged, and the LNS gives up with a StopCCN nobody acknowledges either.
  b.advance_ms(60000);
  link.control(1, MessageType::hello, {});
  b.advance_ms(1000);
  link.retransmit_last(1);
  b.advance_ms(2000);
  link.retransmit_last(1);
  b.advance_ms(4000);
  link.control(1, MessageType::stopccn, {u16(AvpType::assigned_tunnel_id, 22), l2tp::make_avp_result_code({2, 6, "peer silent"})});
  b.advance_ms(1000);
  link.retransmit_last(1);
  return s;
}

}  // namespace

std::vector<Scenario> l2tp_scenarios() {
  std::vector<Scenario> v;
  v.push_back(incoming_call_chap());
  v.push_back(outgoing_call());
  v.push_back(faults());
  return v;
}

}  // namespace ts::testing
