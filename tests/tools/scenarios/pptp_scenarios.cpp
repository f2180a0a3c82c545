// PPTP scenarios (RFC 2637): a control connection on TCP 1723 and enhanced GRE carrying PPP,
// built message by message with the project's own encoders. The PNS is the TCP client in
// every scenario (side A); the PAC listens on 1723. Addresses are RFC 5737 documentation
// ranges outside, 10.0.0.x inside the tunnel.
#include "tests/tools/scenarios/pptp_parts.h"
#include "tests/tools/scenarios/scenario.h"

namespace ts::testing {

Scenario pptp_faults_scenario();  // pptp_fault_scenarios.cpp

namespace {

using namespace pptp_parts;

Scenario outgoing_call_mschapv2() {
  CaptureBuilder cap(scenario_epoch());
  const Host pns = make_host("198.51.100.10", 0x10);
  const Host pac = make_host("198.51.100.1", 0x01);
  const std::uint16_t kPnsCall = 4001, kPacCall = 7001;
  const std::uint32_t kPnsMagic = 0x1b2c3d4e, kPacMagic = 0x5a6b7c8d;

  auto tcp = cap.tcp(pns, pac, 49731, pptp::kTcpPort);
  cap.advance_ms(0.8);
  tcp.send(kFromPns, ctl(sccrq("pns-client")));
  cap.advance_ms(1.9);
  tcp.send(kFromPac, ctl(sccrp("pac")));
  cap.advance_ms(1.2);
  tcp.send(kFromPns, ctl(ocrq(kPnsCall, 1)));
  cap.advance_ms(24.5);
  tcp.send(kFromPac, ctl(ocrp(kPacCall, kPnsCall, 1, 0)));
  cap.advance_ms(3.1);

  GreCall g(cap, pns, pac, kPnsCall, kPacCall);
  // LCP (RFC 1661 §5.1-§5.4): both Configure-Requests, the PAC rejects PFC/ACFC, the
  // client retries without them.
  g.send(kPns, lcp(pc::kConfigureRequest, 0, {mru(1400), magic(kPnsMagic), pfc(), acfc()}));
  cap.advance_ms(2.7);
  const std::vector<Opt> pac_lcp = {mru(1400), auth_mschapv2(), magic(kPacMagic)};
  g.send(kPac, lcp(pc::kConfigureRequest, 1, pac_lcp));
  cap.advance_ms(0.3);
  g.send(kPac, lcp(pc::kConfigureReject, 0, {pfc(), acfc()}));
  cap.advance_ms(3.8);
  g.send(kPns, lcp(pc::kConfigureAck, 1, pac_lcp));
  cap.advance_ms(0.4);
  g.send(kPns, lcp(pc::kConfigureRequest, 1, {mru(1400), magic(kPnsMagic)}));
  cap.advance_ms(2.9);
  g.send(kPac, lcp(pc::kConfigureAck, 1, {mru(1400), magic(kPnsMagic)}));
  cap.advance_ms(1.6);
  // §2.15: the PNS tells the PAC the ACCMs (no async map on this synchronous link).
  tcp.send(kFromPns, ctl(sli(kPacCall, 0xFFFFFFFF, 0xFFFFFFFF)));
  cap.advance_ms(2.2);

  // MS-CHAPv2 (RFC 2759 §3-§5).
  const MsChapV2Exchange auth = mschap_v2(view(kAuthChallenge1), kPeerChallenge1, "alice", "Secr3t!");
  g.send(kPac, ppp_chap(ppp::chap_code::kChallenge, 0x2a, view(kAuthChallenge1), "pac"));
  cap.advance_ms(31.4);
  g.send(kPns, ppp_chap(ppp::chap_code::kResponse, 0x2a, auth.response_value, "alice"));
  cap.advance_ms(78.2);
  g.send(kPac, ppp_chap(ppp::chap_code::kSuccess, 0x2a, {}, auth.success));
  cap.advance_ms(4.5);

  // CCP: MPPE 128-bit stateless both ways (RFC 3078 §2).
  g.send(kPns, ccp_frame(pc::kConfigureRequest, 1, {mppe_128_stateless()}));
  cap.advance_ms(0.6);
  g.send(kPns, ipcp_frame(pc::kConfigureRequest, 1, {ip_address("0.0.0.0"), dns1("0.0.0.0"), dns2("0.0.0.0")}));
  cap.advance_ms(2.4);
  g.send(kPac, ccp_frame(pc::kConfigureRequest, 1, {mppe_128_stateless()}));
  cap.advance_ms(0.2);
  g.send(kPac, ccp_frame(pc::kConfigureAck, 1, {mppe_128_stateless()}));
  cap.advance_ms(0.3);
  // IPCP (RFC 1332 §3.3, RFC 1877 §1): the PAC's own address, then a Nak assigning the
  // client's address and name servers.
  g.send(kPac, ipcp_frame(pc::kConfigureRequest, 1, {ip_address("10.0.0.1")}));
  cap.advance_ms(0.4);
  g.send(kPac, ipcp_frame(pc::kConfigureNak, 1, {ip_address("10.0.0.20"), dns1("10.0.0.53"), dns2("10.0.0.54")}));
  cap.advance_ms(3.3);
  g.send(kPns, ccp_frame(pc::kConfigureAck, 1, {mppe_128_stateless()}));
  cap.advance_ms(0.5);
  g.send(kPns, ipcp_frame(pc::kConfigureAck, 1, {ip_address("10.0.0.1")}));
  cap.advance_ms(0.4);
  g.send(kPns,
         ipcp_frame(pc::kConfigureRequest, 2, {ip_address("10.0.0.20"), dns1("10.0.0.53"), dns2("10.0.0.54")}));
  cap.advance_ms(2.8);
  g.send(kPac, ipcp_frame(pc::kConfigureAck, 2, {ip_address("10.0.0.20"), dns1("10.0.0.53"), dns2("10.0.0.54")}));
  cap.advance_ms(150);
  g.ack(kPns);  // nothing to send for a while: acknowledgment-only packet (§4.4)
  cap.advance_ms(40);

  // Data: 20 MPPE frames each way, coherency counts from 0.
  std::uint16_t cc[2] = {0, 0};
  for (int i = 0; i < 20; ++i) {
    g.send(kPns, mppe_data(kSizes[static_cast<std::size_t>(i) % kSizes.size()], cc[kPns]++));
    cap.advance_ms(18.5 + (i % 4) * 3.1);
    g.send(kPac, mppe_data(kSizes[static_cast<std::size_t>(i + 3) % kSizes.size()], cc[kPac]++));
    cap.advance_ms(i % 5 == 4 ? 900.0 : 42.0);
    if (i % 5 == 4) {
      g.ack(kPns);
      cap.advance_ms(0.2);
      g.ack(kPac);
      cap.advance_ms(1500);
    }
  }

  // Keepalives after a minute without control traffic: PPTP Echo (§2.5, §3.1.4) each
  // way, an LCP Echo (RFC 1661 §5.8).
  cap.advance_ms(49000);
  {
    pptp::EchoRequest e;
    e.identifier = 1;
    tcp.send(kFromPac, ctl(e));
  }
  cap.advance_ms(0.6);
  tcp.send(kFromPns, ctl(echo_reply(1)));
  cap.advance_ms(350);
  {
    pptp::EchoRequest e;
    e.identifier = 0x00010001;
    tcp.send(kFromPns, ctl(e));
  }
  cap.advance_ms(0.7);
  tcp.send(kFromPac, ctl(echo_reply(0x00010001)));
  cap.advance_ms(120);
  g.send(kPac, ppp_echo(false, 2, kPacMagic));
  cap.advance_ms(0.9);
  g.send(kPns, ppp_echo(true, 2, kPnsMagic));
  cap.advance_ms(500);
  for (int i = 0; i < 2; ++i) {
    g.send(kPns, mppe_data(kSizes[static_cast<std::size_t>(i)], cc[kPns]++));
    cap.advance_ms(22);
    g.send(kPac, mppe_data(kSizes[static_cast<std::size_t>(i + 1)], cc[kPac]++));
    cap.advance_ms(300);
  }
  g.ack(kPns);
  cap.advance_ms(4200);

  // Teardown: LCP Terminate (RFC 1661 §5.5), Call-Clear-Request (§2.12) answered by a
  // Call-Disconnect-Notify with result 4 "Request" (§2.13), then Stop-Control-Connection.
  g.send(kPns, lcp(pc::kTerminateRequest, 2, {}, as_bytes("User request")));
  cap.advance_ms(2.1);
  g.send(kPac, lcp(pc::kTerminateAck, 2));
  cap.advance_ms(15.4);
  {
    pptp::CallClearRequest m;
    m.call_id = kPnsCall;
    tcp.send(kFromPns, ctl(m));
  }
  cap.advance_ms(3.6);
  tcp.send(kFromPac, ctl(cdn(kPacCall, 4)));
  cap.advance_ms(5.2);
  tcp.send(kFromPns, ctl(stop_request()));
  cap.advance_ms(1.8);
  tcp.send(kFromPac, ctl(stop_reply()));
  cap.advance_ms(1.1);
  tcp.close(kFromPns);

  return Scenario{"pptp_outgoing_call_mschapv2.pcap",
                  "PPTP outgoing call (PNS 198.51.100.10 -> PAC 198.51.100.1, call ids 4001/7001), LCP with a "
                  "Configure-Reject round, MS-CHAPv2 alice, MPPE-128 stateless, IPCP with DNS, 22 MPPE frames each "
                  "way, PPTP and LCP echoes, CCRQ/CDN and StopCCRQ/StopCCRP teardown",
                  "--ppp-password alice:Secr3t!", std::move(cap)};
}

// ---------------------------------------------------------------------------------------
// 2. Incoming call (the PAC announces a dial-in), PAP, plain IPv4, lost carrier.

Scenario incoming_call_pap() {
  CaptureBuilder cap(scenario_epoch());
  const Host pns = make_host("198.51.100.10", 0x10);
  const Host pac = make_host("198.51.100.2", 0x02);
  const std::uint16_t kPnsCall = 22, kPacCall = 300;
  const std::uint32_t kUserMagic = 0x0badcafe, kPnsMagic = 0x13579bdf;

  auto tcp = cap.tcp(pns, pac, 50112, pptp::kTcpPort);
  cap.advance_ms(0.7);
  tcp.send(kFromPns, ctl(sccrq("pns-lns")));
  cap.advance_ms(2.3);
  tcp.send(kFromPac, ctl(sccrp("pac-modems")));
  cap.advance_ms(6100);

  // §3.2.1: a call arrives at the PAC: ICRQ, ICRP, ICCN.
  {
    pptp::IncomingCallRequest m;
    m.call_id = kPacCall;
    m.call_serial_number = 9;
    m.call_bearer_type = 1;  // analog
    m.physical_channel_id = 17;
    m.dialed_number = "5551000";
    m.dialed_number_length = 7;
    m.dialing_number = "5552000";
    m.dialing_number_length = 7;
    tcp.send(kFromPac, ctl(m));
  }
  cap.advance_ms(4.2);
  {
    pptp::IncomingCallReply m;
    m.call_id = kPnsCall;
    m.peer_call_id = kPacCall;
    m.result_code = 1;  // Accept
    m.packet_recv_window_size = 16;
    tcp.send(kFromPns, ctl(m));
  }
  cap.advance_ms(8400);  // modem training
  {
    pptp::IncomingCallConnected m;
    m.peer_call_id = kPnsCall;
    m.connect_speed = 33600;
    m.packet_recv_window_size = 8;
    m.packet_transmit_delay = 2;
    m.framing_type = 1;  // async
    tcp.send(kFromPac, ctl(m));
  }
  cap.advance_ms(180);

  // The dial-in user's PPP arrives from the PAC side; the PNS authenticates with PAP.
  GreCall g(cap, pns, pac, kPnsCall, kPacCall);
  const std::vector<Opt> user_lcp = {accm(0), magic(kUserMagic)};
  const std::vector<Opt> pns_lcp = {mru(1400), auth_pap(), magic(kPnsMagic)};
  g.send(kPac, lcp(pc::kConfigureRequest, 1, user_lcp));
  cap.advance_ms(3.2);
  g.send(kPns, lcp(pc::kConfigureRequest, 1, pns_lcp));
  cap.advance_ms(0.2);
  g.send(kPns, lcp(pc::kConfigureAck, 1, user_lcp));
  cap.advance_ms(96);
  g.send(kPac, lcp(pc::kConfigureAck, 1, pns_lcp));
  cap.advance_ms(4.4);
  // §2.15: the async map agreed in LCP.
  tcp.send(kFromPns, ctl(sli(kPacCall, 0, 0)));
  cap.advance_ms(90);
  g.send(kPac, ppp_pap_request(1, "bob", "pw"));
  cap.advance_ms(12.5);
  g.send(kPns, pap_reply(ppp::pap_code::kAuthenticateAck, 1, "Welcome bob"));
  cap.advance_ms(5.1);
  g.send(kPns, ipcp_frame(pc::kConfigureRequest, 1, {ip_address("10.0.0.1")}));
  cap.advance_ms(88);
  g.send(kPac, ipcp_frame(pc::kConfigureRequest, 1, {ip_address("0.0.0.0")}));
  cap.advance_ms(0.3);
  g.send(kPac, ipcp_frame(pc::kConfigureAck, 1, {ip_address("10.0.0.1")}));
  cap.advance_ms(2.6);
  g.send(kPns, ipcp_frame(pc::kConfigureNak, 1, {ip_address("10.0.0.31")}));
  cap.advance_ms(91);
  g.send(kPac, ipcp_frame(pc::kConfigureRequest, 2, {ip_address("10.0.0.31")}));
  cap.advance_ms(2.4);
  g.send(kPns, ipcp_frame(pc::kConfigureAck, 2, {ip_address("10.0.0.31")}));
  cap.advance_ms(250);

  // The user pings the PNS's address: echo request and reply, four times.
  for (std::uint16_t i = 1; i <= 4; ++i) {
    g.send(kPac, ppp_ping("10.0.0.31", "10.0.0.1", false, i, 32));
    cap.advance_ms(140 + i * 10);
    g.send(kPns, ppp_ping("10.0.0.1", "10.0.0.31", true, i, 32));
    cap.advance_ms(860);
  }
  g.ack(kPac);
  cap.advance_ms(12000);

  // The modem line drops: the PAC reports Lost Carrier (§2.13 result 1) on its own; no
  // LCP Terminate, no Call-Clear-Request. The PNS then closes the control connection.
  {
    pptp::CallDisconnectNotify m = cdn(kPacCall, 1);
    m.call_statistics = "carrier lost after 14 s";
    tcp.send(kFromPac, ctl(m));
  }
  cap.advance_ms(2500);
  tcp.send(kFromPns, ctl(stop_request()));
  cap.advance_ms(2.0);
  tcp.send(kFromPac, ctl(stop_reply()));
  cap.advance_ms(1.0);
  tcp.close(kFromPns);

  return Scenario{"pptp_incoming_call_pap.pcap",
                  "PPTP incoming call (PAC 198.51.100.2 ICRQ call 300 from 5552000 to 5551000, PNS call 22), "
                  "ICCN 33600 async, PAP bob, IPCP 10.0.0.31, ICMP pings both ways, CDN Lost Carrier, StopCCRQ/StopCCRP",
                  "--ppp-password bob:pw", std::move(cap)};
}

// ---------------------------------------------------------------------------------------
// 3. Faults the analyzer must flag, each marked (a)..(i).

Scenario no_control() {
  CaptureBuilder cap(scenario_epoch());
  const Host pns = make_host("198.51.100.10", 0x10);
  const Host pac = make_host("198.51.100.1", 0x01);
  const std::uint32_t kPnsMagic = 0x7e1f2a3b, kPacMagic = 0x4c5d6e7f;

  // Mid-call: sequence numbers far from 0.
  GreCall g(cap, pns, pac, 4003, 7003, 1200, 980);
  // Pings from the client (10.0.0.22) to the PAC's address (10.0.0.1), one a second.
  std::uint16_t ping = 310;
  g.packet(kPns, g.take_seq(kPns), 979, ppp_ping("10.0.0.22", "10.0.0.1", false, ping, 56));
  cap.advance_ms(18);
  g.send(kPac, ppp_ping("10.0.0.1", "10.0.0.22", true, ping++, 56));
  for (int i = 0; i < 5; ++i) {
    cap.advance_ms(982);
    g.send(kPns, ppp_ping("10.0.0.22", "10.0.0.1", false, ping, 56));
    cap.advance_ms(17 + i);
    g.send(kPac, ppp_ping("10.0.0.1", "10.0.0.22", true, ping++, 56));
  }
  cap.advance_ms(150);
  g.ack(kPns);
  cap.advance_ms(3000);
  g.send(kPns, ppp_echo(false, 17, kPnsMagic));
  cap.advance_ms(1.2);
  g.send(kPac, ppp_echo(true, 17, kPacMagic));
  cap.advance_ms(2000);
  g.send(kPac, ppp_echo(false, 41, kPacMagic));
  cap.advance_ms(0.9);
  g.send(kPns, ppp_echo(true, 41, kPnsMagic));
  cap.advance_ms(400);
  for (int i = 0; i < 3; ++i) {
    g.send(kPns, ppp_ping("10.0.0.22", "10.0.0.1", false, ping, 1372));
    cap.advance_ms(21);
    g.send(kPac, ppp_ping("10.0.0.1", "10.0.0.22", true, ping++, 1372));
    cap.advance_ms(979);
  }
  g.ack(kPns);

  return Scenario{"pptp_no_control.pcap",
                  "PPTP GRE only (no control connection captured): call ids 4003/7003 mid-call, ICMP pings and LCP "
                  "echoes both ways",
                  "", std::move(cap)};
}

}  // namespace

std::vector<Scenario> pptp_scenarios() {
  std::vector<Scenario> out;
  out.push_back(outgoing_call_mschapv2());
  out.push_back(incoming_call_pap());
  out.push_back(pptp_faults_scenario());
  out.push_back(no_control());
  return out;
}

}  // namespace ts::testing
