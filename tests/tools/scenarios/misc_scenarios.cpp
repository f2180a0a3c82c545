// Link-layer, capture-artefact and malformed-input scenarios.
#include "dissectors/l2tp/avp_table.h"
#include "dissectors/net/checksum.h"
#include "dissectors/net/ethernet.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/pppoe.h"
#include "dissectors/net/udp.h"
#include "dissectors/ppp/lcp_options.h"
#include "dissectors/ppp/pap.h"
#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/core/byte_writer.h"
#include "tests/tools/scenarios/l2tp_builder.h"
#include "tests/tools/scenarios/ppp_frames.h"
#include "tests/tools/scenarios/scenario.h"

namespace ts::testing {

namespace {

using l2tp::AvpType;
using l2tp::MessageType;
using l2tp::to_u16;

// PPPoE (RFC 2516): discovery, then a session with LCP, PAP and IPCP, then PADT.
Scenario pppoe_pap() {
  Scenario s{"pppoe_pap.pcap", "PPPoE discovery and session: LCP, PAP, IPCP, data, LCP Terminate, PADT", "",
             CaptureBuilder(scenario_epoch())};
  CaptureBuilder& b = s.capture;
  const net::MacAddress host{0x02, 0, 0x5e, 0, 0, 0x31}, ac{0x02, 0, 0x5e, 0, 0, 0x32};
  const net::MacAddress bcast{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  auto frame = [&](const net::MacAddress& src, const net::MacAddress& dst, std::uint8_t code, std::uint16_t sid,
                   ByteView payload) {
    net::PppoeHeader h;
    h.code = code;
    h.session_id = sid;
    net::EthernetHeader e;
    e.src = src;
    e.dst = dst;
    e.ethertype = code == net::pppoe_code::kSession ? net::ethertype::kPppoeSession : net::ethertype::kPppoeDiscovery;
    b.raw(net::encode_ethernet(e, net::encode_pppoe(h, payload)));
    b.advance_ms(1);
  };
  // Discovery TAGs: Service-Name (empty) and, from the AC, AC-Name.
  const Bytes service{0x01, 0x01, 0x00, 0x00};
  Bytes ac_tags = service;
  for (std::uint8_t c : Bytes{0x01, 0x02, 0x00, 0x03, 'b', 'r', 'a'}) ac_tags.push_back(c);
  frame(host, bcast, net::pppoe_code::kPadi, 0, service);
  frame(ac, host, net::pppoe_code::kPado, 0, ac_tags);
  frame(host, ac, net::pppoe_code::kPadr, 0, service);
  frame(ac, host, net::pppoe_code::kPads, 0x1234, service);
  // RFC 2516 §7: the session payload starts at the PPP Protocol field (no FF 03).
  auto session = [&](bool from_host, std::uint16_t protocol, const Bytes& ppp_with_ac) {
    auto d = ppp::decode_ppp_frame(ppp_with_ac);
    frame(from_host ? host : ac, from_host ? ac : host, net::pppoe_code::kSession, 0x1234,
          ppp::encode_ppp_frame(protocol, d.value.info, false, false));
  };
  namespace code = ppp::code;
  session(true, ppp::kLcp, ppp_control(ppp::kLcp, code::kConfigureRequest, 1,
                                       {{ppp::lcp_opt::kMru, be16v(1492)}, {ppp::lcp_opt::kMagicNumber, be32v(0xabc)}}));
  session(false, ppp::kLcp, ppp_control(ppp::kLcp, code::kConfigureRequest, 1,
                                        {{ppp::lcp_opt::kMru, be16v(1492)}, {ppp::lcp_opt::kAuthProtocol, Bytes{0xc0, 0x23}},
                                         {ppp::lcp_opt::kMagicNumber, be32v(0xdef)}}));
  session(false, ppp::kLcp, ppp_control(ppp::kLcp, code::kConfigureAck, 1,
                                        {{ppp::lcp_opt::kMru, be16v(1492)}, {ppp::lcp_opt::kMagicNumber, be32v(0xabc)}}));
  session(true, ppp::kLcp, ppp_control(ppp::kLcp, code::kConfigureAck, 1,
                                       {{ppp::lcp_opt::kMru, be16v(1492)}, {ppp::lcp_opt::kAuthProtocol, Bytes{0xc0, 0x23}},
                                        {ppp::lcp_opt::kMagicNumber, be32v(0xdef)}}));
  session(true, ppp::kPap, ppp_pap_request(1, "carol@isp", "hunter2"));
  {
    ppp::PapPacket nak;
    nak.code = ppp::pap_code::kAuthenticateNak;
    nak.identifier = 1;
    nak.message = as_bytes("Authentication failed");
    session(false, ppp::kPap, ppp::encode_ppp_frame(ppp::kPap, ppp::encode_pap(nak)));
  }
  session(false, ppp::kLcp, ppp_control(ppp::kLcp, code::kTerminateRequest, 2, {}, as_bytes("Authentication failed")));
  session(true, ppp::kLcp, ppp_control(ppp::kLcp, code::kTerminateAck, 2));
  frame(ac, host, net::pppoe_code::kPadt, 0x1234, {});
  return s;
}

// The incoming-call scenario seen through a 96-byte snapshot length.
Scenario snaplen_cut() {
  Scenario s = l2tp_scenarios().front();
  s.file = "l2tp_snaplen96.pcap";
  s.description = "the L2TP incoming call scenario captured with snaplen 96: later layers cut (capture artefacts only)";
  s.analyze_args = "";
  s.snaplen = 96;
  return s;
}

// Malformed and unusual input on the L2TP port, and an IPv4-fragmented SCCRQ.
Scenario malformed() {
  Scenario s{"malformed_mix.pcap",
             "garbage and lying lengths on UDP 1701, an L2TPv3-over-UDP header, an IPv4-fragmented SCCRQ", "",
             CaptureBuilder(scenario_epoch())};
  CaptureBuilder& b = s.capture;
  const Host lac = make_host("192.0.2.10", 10), lns = make_host("192.0.2.1", 1);
  L2tpLink link(b, L2tpSide{lac, 1701, 5, 0}, L2tpSide{lns, 1701, 6, 0});
  // 1: random bytes.
  link.raw(0, Bytes{0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01});
  b.advance_ms(1);
  // 2: an L2TP control header whose Length claims 200 bytes in a 20-byte datagram.
  link.raw(0, Bytes{0xc8, 0x02, 0x00, 0xc8, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x08, 0, 0, 0, 0, 0, 1});
  b.advance_ms(1);
  // 3: an AVP whose Length (3) is below the 6-octet minimum.
  link.raw(0, Bytes{0xc8, 0x02, 0x00, 0x12, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x03, 0, 0, 0, 0});
  b.advance_ms(1);
  // 4: version 3 (L2TPv3 over UDP, RFC 3931 §4.1.2.2): recognised, not analysed.
  link.raw(0, Bytes{0xc8, 0x03, 0x00, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0});
  b.advance_ms(1);
  // 5: an SCCRQ with a long Host Name, sent as two IPv4 fragments.
  {
    l2tp::Message m;
    m.header.type_control = m.header.length_present = m.header.sequence_present = true;
    m.message_type = to_u16(MessageType::sccrq);
    m.avps = {l2tp::make_avp_message_type(to_u16(MessageType::sccrq)), l2tp::make_avp_protocol_version(),
              l2tp::make_avp_framing(AvpType::framing_capabilities, false, true),
              l2tp::make_avp_string(to_u16(AvpType::host_name), std::string(600, 'h'), true),
              l2tp::make_avp_u16(to_u16(AvpType::assigned_tunnel_id), 5, true)};
    net::UdpHeader u;
    u.src_port = u.dst_port = 1701;
    const Bytes udp = net::encode_udp(u, l2tp::encode(m), lac.ip, lns.ip);
    const std::size_t first = 400;  // multiple of 8
    for (int part = 0; part < 2; ++part) {
      net::Ipv4Header ip;
      ip.identification = 0x4444;
      ip.protocol = net::ip_proto::kUdp;
      ip.src = lac.ip;
      ip.dst = lns.ip;
      ip.more_fragments = part == 0;
      ip.fragment_offset = part == 0 ? 0 : static_cast<std::uint16_t>(first / 8);
      const ByteView piece = part == 0 ? ByteView(udp).first(first) : ByteView(udp).subspan(first);
      net::EthernetHeader e;
      e.src = lac.mac;
      e.dst = lns.mac;
      e.ethertype = net::ethertype::kIpv4;
      b.raw(net::encode_ethernet(e, net::encode_ipv4(ip, piece)));
      b.advance_ms(0.1);
    }
  }
  return s;
}

// A LAC calls an address where nothing listens on UDP 1701: every SCCRQ draws an ICMP port
// unreachable, the LAC retransmits with exponential back-off (RFC 2661 §5.8) and gives up.
Scenario no_listener() {
  Scenario s{"l2tp_no_listener.pcap",
             "L2TP SCCRQ to a host with no LNS: ICMP port unreachable, retransmissions with back-off 1-2-4-8 s, StopCCN",
             "", CaptureBuilder(scenario_epoch())};
  CaptureBuilder& b = s.capture;
  const Host lac = make_host("192.0.2.10", 10), host = make_host("192.0.2.99", 99);
  L2tpLink link(b, L2tpSide{lac, 1701, 31, 0}, L2tpSide{host, 1701, 0, 0});
  auto unreachable = [&](const Bytes& quoted_udp_payload) {
    // RFC 792: type 3 code 3, then the offending IP header and the first octets of its data.
    net::UdpHeader u;
    u.src_port = u.dst_port = 1701;
    const Bytes udp = net::encode_udp(u, quoted_udp_payload, lac.ip, host.ip);
    net::Ipv4Header ip;
    ip.protocol = net::ip_proto::kUdp;
    ip.src = lac.ip;
    ip.dst = host.ip;
    ip.identification = 7;
    const Bytes quoted = net::encode_ipv4(ip, udp);
    ByteWriter icmp;
    icmp.u8(3).u8(3).be16(0).be32(0).bytes(ByteView(quoted).first(std::min<std::size_t>(quoted.size(), 96)));
    Bytes m = icmp.take();
    const std::uint16_t sum = net::internet_checksum(m);
    m[2] = static_cast<std::uint8_t>(sum >> 8);
    m[3] = static_cast<std::uint8_t>(sum);
    b.ipv4(host, lac, net::ip_proto::kIcmp, m);
  };
  std::vector<l2tp::Avp> sccrq{l2tp::make_avp_protocol_version(),
                               l2tp::make_avp_framing(AvpType::framing_capabilities, false, true),
                               l2tp::make_avp_string(to_u16(AvpType::host_name), "lac-east", true),
                               l2tp::make_avp_u16(to_u16(AvpType::assigned_tunnel_id), 31, true)};
  link.control(0, MessageType::sccrq, sccrq);
  double wait = 1000;
  for (int i = 0; i < 5; ++i) {
    b.advance_ms(0.03);
    l2tp::Message m;
    m.header.type_control = m.header.length_present = m.header.sequence_present = true;
    m.message_type = to_u16(MessageType::sccrq);
    m.avps = sccrq;
    m.avps.insert(m.avps.begin(), l2tp::make_avp_message_type(to_u16(MessageType::sccrq)));
    unreachable(l2tp::encode(m));
    if (i == 4) break;
    b.advance_ms(wait);
    wait *= 2;
    link.retransmit_last(0);
  }
  b.advance_ms(16000);
  link.control(0, MessageType::stopccn, {l2tp::make_avp_u16(to_u16(AvpType::assigned_tunnel_id), 31, true),
                                         l2tp::make_avp_result_code({1, 0, "Timeout"})});
  return s;
}

}  // namespace

std::vector<Scenario> misc_scenarios() {
  std::vector<Scenario> v;
  v.push_back(pppoe_pap());
  v.push_back(snaplen_cut());
  v.push_back(malformed());
  v.push_back(no_listener());
  return v;
}

}  // namespace ts::testing
