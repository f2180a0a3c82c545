// PPTP faults scenario: every fault the analyzer must flag, each marked in a comment.
#include "tests/tools/scenarios/pptp_parts.h"
#include "tests/tools/scenarios/scenario.h"

namespace ts::testing {

using namespace pptp_parts;

Scenario pptp_faults_scenario() {
  CaptureBuilder cap(scenario_epoch());
  const Host pns = make_host("198.51.100.10", 0x10);
  const Host pac = make_host("198.51.100.1", 0x01);
  const std::uint32_t kPnsMagic = 0x2468ace0, kPacMagic = 0x13572468;

  auto tcp = cap.tcp(pns, pac, 49800, pptp::kTcpPort);
  cap.advance_ms(0.8);
  // (a) SCCRQ split across three TCP segments (52 + 52 + 52 octets).
  tcp.send(kFromPns, ctl(sccrq("pns-faulty")), 52);
  cap.advance_ms(2.0);
  // (a) SCCRP and an Echo-Request coalesced in ONE TCP segment.
  {
    pptp::EchoRequest e;
    e.identifier = 7;
    tcp.send(kFromPac, concat({ctl(sccrp("pac")), ctl(e)}));
  }
  cap.advance_ms(0.9);
  tcp.send(kFromPns, ctl(echo_reply(7)));
  cap.advance_ms(1.5);

  // (b) OCRQ for call 4001 sent, then retransmitted 200 ms later with the same sequence
  // number (a TCP retransmission, the same 168 octets).
  {
    const Bytes m = ctl(ocrq(4001, 1));
    const std::uint32_t seq = tcp.next_seq(kFromPns);
    tcp.send(kFromPns, m);
    cap.advance_ms(200);
    tcp.segment_at(kFromPns, seq, m);
  }
  cap.advance_ms(14);
  // (c) The PAC refuses the first call: OCRP result 2 (General Error), error 5 (Bad-Call ID).
  tcp.send(kFromPac, ctl(ocrp(0, 4001, 2, 5)));
  cap.advance_ms(1200);
  // (b) The second OCRQ (call 4002) arrives out of order: its last 68 octets are captured
  // before its first 100. The builder's own stream position is advanced by sending on a
  // snapshot that is then thrown away.
  {
    const Bytes m = ctl(ocrq(4002, 2));
    const std::uint32_t seq = tcp.next_seq(kFromPns);
    const CaptureBuilder snapshot = cap;
    tcp.send(kFromPns, m);  // advances the connection's sequence number ...
    cap = snapshot;         // ... the frames it made are dropped
    const ByteView v(m);
    tcp.segment_at(kFromPns, seq + 100, v.subspan(100));
    cap.advance_ms(0.1);
    tcp.segment_at(kFromPns, seq, v.first(100));
  }
  cap.advance_ms(22);
  // (c) ... and the second call succeeds.
  tcp.send(kFromPac, ctl(ocrp(7002, 4002, 1, 0)));
  cap.advance_ms(3);

  GreCall g(cap, pns, pac, 4002, 7002);
  // (i) LCP: the PAC acknowledges the PNS's Configure-Request id 1 with identifier 7; the
  // PNS must discard it (RFC 1661 §5.2) and retransmits after its 3 s restart timer.
  const std::vector<Opt> pns_lcp = {mru(1400), magic(kPnsMagic)};
  const std::vector<Opt> pac_lcp = {mru(1400), auth_mschapv2(), magic(kPacMagic)};
  g.send(kPns, lcp(pc::kConfigureRequest, 1, pns_lcp));
  cap.advance_ms(2.5);
  g.send(kPac, lcp(pc::kConfigureRequest, 1, pac_lcp));
  cap.advance_ms(0.3);
  g.send(kPac, lcp(pc::kConfigureAck, 7, pns_lcp));  // (i) wrong identifier
  cap.advance_ms(3.0);
  g.send(kPns, lcp(pc::kConfigureAck, 1, pac_lcp));
  cap.advance_ms(3000);
  g.send(kPns, lcp(pc::kConfigureRequest, 1, pns_lcp));  // retransmission, same identifier
  cap.advance_ms(2.4);
  g.send(kPac, lcp(pc::kConfigureAck, 1, pns_lcp));
  cap.advance_ms(2.0);

  // (f) MS-CHAPv2: a wrong password first, Failure E=691 with retry allowed (R=1; R=0
  // would forbid the retry, RFC 2759 §6) and a new challenge C=, then a second Response
  // (identifier + 1) to that challenge with the right password, and Success.
  const MsChapV2Exchange bad = mschap_v2(view(kAuthChallenge1), kPeerChallenge2, "alice", "secret!");
  const MsChapV2Exchange good = mschap_v2(view(kAuthChallenge2), kPeerChallenge3, "alice", "Secr3t!");
  g.send(kPac, ppp_chap(ppp::chap_code::kChallenge, 1, view(kAuthChallenge1), "pac"));
  cap.advance_ms(28);
  g.send(kPns, ppp_chap(ppp::chap_code::kResponse, 1, bad.response_value, "alice"));
  cap.advance_ms(85);
  g.send(kPac, ppp_chap(ppp::chap_code::kFailure, 1, {},
                        "E=691 R=1 C=" + upper_hex(view(kAuthChallenge2)) + " V=3 M=Authentication failure"));
  cap.advance_ms(4100);  // the user types the password again
  g.send(kPns, ppp_chap(ppp::chap_code::kResponse, 2, good.response_value, "alice"));
  cap.advance_ms(80);
  g.send(kPac, ppp_chap(ppp::chap_code::kSuccess, 2, {}, good.success));
  cap.advance_ms(4);

  g.send(kPns, ccp_frame(pc::kConfigureRequest, 1, {mppe_128_stateless()}));
  cap.advance_ms(2.2);
  g.send(kPac, ccp_frame(pc::kConfigureRequest, 1, {mppe_128_stateless()}));
  cap.advance_ms(0.2);
  g.send(kPac, ccp_frame(pc::kConfigureAck, 1, {mppe_128_stateless()}));
  cap.advance_ms(2.8);
  g.send(kPns, ccp_frame(pc::kConfigureAck, 1, {mppe_128_stateless()}));
  cap.advance_ms(0.4);
  g.send(kPns, ipcp_frame(pc::kConfigureRequest, 1, {ip_address("10.0.0.21")}));
  cap.advance_ms(0.3);
  g.send(kPac, ipcp_frame(pc::kConfigureRequest, 1, {ip_address("10.0.0.1")}));
  cap.advance_ms(2.5);
  g.send(kPac, ipcp_frame(pc::kConfigureAck, 1, {ip_address("10.0.0.21")}));
  cap.advance_ms(0.4);
  g.send(kPns, ipcp_frame(pc::kConfigureAck, 1, {ip_address("10.0.0.1")}));
  cap.advance_ms(120);

  // (h) A Set-Link-Info with a bad Magic Cookie (0x1A2B3C4E) in the control stream.
  {
    Bytes m = ctl(sli(7002, 0xFFFFFFFF, 0xFFFFFFFF));
    m[7] = 0x4E;  // octets 4-7: Magic Cookie
    tcp.send(kFromPns, m);
  }
  cap.advance_ms(30);

  // (e) GRE data with faults.
  std::uint16_t cc[2] = {0, 0};
  for (int i = 0; i < 4; ++i) {
    g.send(kPns, mppe_data(kSizes[static_cast<std::size_t>(i)], cc[kPns]++));
    cap.advance_ms(20);
    g.send(kPac, mppe_data(kSizes[static_cast<std::size_t>(i + 2)], cc[kPac]++));
    cap.advance_ms(60);
  }
  // (e) loss: the PNS's next two packets never reach the capture point.
  g.lose(kPns, 2);
  cc[kPns] += 2;
  g.send(kPns, mppe_data(300, cc[kPns]++));
  cap.advance_ms(25);
  // (e) reordering: the PAC's packet n+1 is captured before packet n.
  {
    const std::uint32_t n = g.take_seq(kPac);
    const std::uint32_t n1 = g.take_seq(kPac);
    const auto ack = g.ack_due(kPac);
    const std::uint16_t c0 = cc[kPac]++;
    const std::uint16_t c1 = cc[kPac]++;
    g.packet(kPac, n1, ack, mppe_data(180, c1));
    cap.advance_ms(0.8);
    g.packet(kPac, n, std::nullopt, mppe_data(620, c0));
  }
  cap.advance_ms(30);
  // (e) duplicate: the PNS's next packet appears twice with the same sequence number.
  {
    const std::uint32_t n = g.take_seq(kPns);
    const auto ack = g.ack_due(kPns);
    const Bytes frame = mppe_data(240, cc[kPns]++);
    g.packet(kPns, n, ack, frame);
    cap.advance_ms(0.3);
    g.packet(kPns, n, ack, frame);
  }
  cap.advance_ms(40);
  // (e) an acknowledgment number ahead of anything the PNS has sent.
  g.packet(kPac, std::nullopt, 5000, {});
  cap.advance_ms(35);
  for (int i = 0; i < 3; ++i) {
    g.send(kPns, mppe_data(kSizes[static_cast<std::size_t>(i + 4)], cc[kPns]++));
    cap.advance_ms(20);
    g.send(kPac, mppe_data(kSizes[static_cast<std::size_t>(i + 1)], cc[kPac]++));
    cap.advance_ms(80);
  }

  // (d) A Call-Clear-Request naming Call ID 9999, which no call has; the PAC ignores it.
  {
    pptp::CallClearRequest m;
    m.call_id = 9999;
    tcp.send(kFromPns, ctl(m));
  }
  cap.advance_ms(500);

  // (g) A PPTP Echo-Request from the PNS that the PAC never answers, then 65 s of GRE.
  {
    pptp::EchoRequest e;
    e.identifier = 0x51;
    tcp.send(kFromPns, ctl(e));
  }
  std::uint8_t echo_id = 1;
  for (int i = 0; i < 13; ++i) {
    cap.advance_ms(5000);
    g.send(kPns, mppe_data(kSizes[static_cast<std::size_t>(i) % kSizes.size()], cc[kPns]++));
    cap.advance_ms(25);
    g.send(kPac, mppe_data(kSizes[static_cast<std::size_t>(i + 5) % kSizes.size()], cc[kPac]++));
    if (i % 4 == 3) {
      cap.advance_ms(10);
      g.send(kPac, ppp_echo(false, echo_id, kPacMagic));
      cap.advance_ms(1.1);
      g.send(kPns, ppp_echo(true, echo_id, kPnsMagic));
      ++echo_id;
    }
  }
  cap.advance_ms(800);

  // Teardown: LCP Terminate, CCRQ/CDN for call 4002/7002, StopCCRQ/StopCCRP.
  g.send(kPns, lcp(pc::kTerminateRequest, 2, {}, as_bytes("User request")));
  cap.advance_ms(2.0);
  g.send(kPac, lcp(pc::kTerminateAck, 2));
  cap.advance_ms(12);
  {
    pptp::CallClearRequest m;
    m.call_id = 4002;
    tcp.send(kFromPns, ctl(m));
  }
  cap.advance_ms(3.3);
  tcp.send(kFromPac, ctl(cdn(7002, 4)));
  cap.advance_ms(4.8);
  tcp.send(kFromPns, ctl(stop_request()));
  cap.advance_ms(1.7);
  tcp.send(kFromPac, ctl(stop_reply()));
  cap.advance_ms(1.0);
  tcp.close(kFromPns);

  return Scenario{"pptp_faults.pcap",
                  "PPTP faults: SCCRQ in 3 segments, SCCRP+Echo in one, TCP retransmission and out-of-order "
                  "OCRQ, OCRP General Error then success, CCRQ for unknown call 9999, GRE loss/reorder/duplicate/"
                  "ack ahead, MS-CHAPv2 E=691 then retry, unanswered Echo, bad Magic Cookie, LCP Ack with wrong id",
                  "--ppp-password alice:Secr3t!", std::move(cap)};
}

// ---------------------------------------------------------------------------------------
// 4. GRE only: the control connection was not captured (capture started mid-call).


}  // namespace ts::testing
