// PPTP scenarios (RFC 2637): a control connection on TCP 1723 and enhanced GRE carrying PPP,
// built message by message with the project's own encoders. The PNS is the TCP client in
// every scenario (side A); the PAC listens on 1723. Addresses are RFC 5737 documentation
// ranges outside, 10.0.0.x inside the tunnel.
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "dissectors/gre/header.h"
#include "dissectors/net/checksum.h"
#include "dissectors/net/ip_address.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/ppp/ccp_options.h"
#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/ipcp_options.h"
#include "dissectors/ppp/lcp_options.h"
#include "dissectors/ppp/mschap.h"
#include "dissectors/ppp/mschap_messages.h"
#include "dissectors/ppp/pap.h"
#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "dissectors/pptp/control_messages.h"
#include "dissectors/pptp/message.h"
#include "src/core/byte_writer.h"
#include "tests/tools/scenarios/ppp_frames.h"
#include "tests/tools/scenarios/scenario.h"

namespace ts::testing {

namespace {

namespace lo = ppp::lcp_opt;
namespace ipcp = ppp::ipcp_opt;
namespace pc = ppp::code;

constexpr bool kFromPns = true;   // Tcp::send(from_client): the PNS is the TCP client
constexpr bool kFromPac = false;
constexpr int kPns = 0;  // GRE sides
constexpr int kPac = 1;

// ---------------------------------------------------------------------------------------
// PPTP control messages.

Bytes ctl(pptp::Body body) { return pptp::encode(pptp::make_message(std::move(body))); }

Bytes concat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (ByteView p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

pptp::StartControlConnectionRequest sccrq(const char* host) {
  pptp::StartControlConnectionRequest m;
  m.framing_capabilities = 3;  // async | sync
  m.bearer_capabilities = 3;   // analog | digital
  m.maximum_channels = 0;      // §2.1: a PNS sends 0
  m.firmware_revision = 0x0100;
  m.host_name = host;
  m.vendor_string = "tunnelscope";
  return m;
}

pptp::StartControlConnectionReply sccrp(const char* host) {
  pptp::StartControlConnectionReply m;
  m.result_code = 1;  // Successful channel establishment
  m.framing_capabilities = 3;
  m.bearer_capabilities = 3;
  m.maximum_channels = 64;
  m.firmware_revision = 0x0210;
  m.host_name = host;
  m.vendor_string = "tunnelscope";
  return m;
}

pptp::OutgoingCallRequest ocrq(std::uint16_t call_id, std::uint16_t serial) {
  pptp::OutgoingCallRequest m;
  m.call_id = call_id;
  m.call_serial_number = serial;
  m.minimum_bps = 300;
  m.maximum_bps = 100000000;
  m.bearer_type = 3;   // any
  m.framing_type = 3;  // any
  m.packet_recv_window_size = 64;
  m.packet_processing_delay = 0;
  return m;
}

pptp::OutgoingCallReply ocrp(std::uint16_t call_id, std::uint16_t peer, std::uint8_t result, std::uint8_t error) {
  pptp::OutgoingCallReply m;
  m.call_id = call_id;
  m.peer_call_id = peer;
  m.result_code = result;
  m.error_code = error;
  m.connect_speed = result == 1 ? 100000000 : 0;
  m.packet_recv_window_size = result == 1 ? 64 : 0;
  return m;
}

pptp::EchoReply echo_reply(std::uint32_t id) {
  pptp::EchoReply m;
  m.identifier = id;
  m.result_code = 1;  // OK
  return m;
}

pptp::CallDisconnectNotify cdn(std::uint16_t pac_call_id, std::uint8_t result) {
  pptp::CallDisconnectNotify m;
  m.call_id = pac_call_id;  // §2.13: the Call ID assigned by the PAC
  m.result_code = result;
  return m;
}

pptp::StopControlConnectionRequest stop_request() {
  pptp::StopControlConnectionRequest m;
  m.reason = 1;  // None: general request to clear the control connection
  return m;
}

pptp::StopControlConnectionReply stop_reply() {
  pptp::StopControlConnectionReply m;
  m.result_code = 1;  // OK
  return m;
}

pptp::SetLinkInfo sli(std::uint16_t pac_call_id, std::uint32_t send_accm, std::uint32_t receive_accm) {
  pptp::SetLinkInfo m;
  m.peer_call_id = pac_call_id;  // §2.15: the Call ID assigned by the PAC
  m.send_accm = send_accm;
  m.receive_accm = receive_accm;
  return m;
}

// ---------------------------------------------------------------------------------------
// Enhanced GRE (RFC 2637 §4.1) of one call, with the sequence/acknowledgment bookkeeping
// of §4.2-§4.4: every data packet carries the next sequence number and, when something
// new arrived from the peer since the last acknowledgment, the highest number received.

class GreCall {
 public:
  // `pns_call`/`pac_call`: the Call IDs each side assigned; a packet carries its
  // receiver's id.
  GreCall(CaptureBuilder& cap, Host pns, Host pac, std::uint16_t pns_call, std::uint16_t pac_call,
          std::uint32_t pns_seq0 = 0, std::uint32_t pac_seq0 = 0)
      : cap_(cap), host_{std::move(pns), std::move(pac)}, call_to_{pac_call, pns_call}, next_{pns_seq0, pac_seq0} {}

  // A PPP frame from `from` with the next sequence number and a piggybacked ack if due.
  void send(int from, ByteView ppp) {
    const std::uint32_t seq = next_[from]++;
    packet(from, seq, ack_due(from), ppp);
  }
  // An acknowledgment-only packet (S=0, A=1, no payload).
  void ack(int from) { packet(from, std::nullopt, received_[from], {}); }
  // Skips `n` sequence numbers of `from` (packets lost before the capture point).
  void lose(int from, std::uint32_t n) { next_[from] += n; }
  std::uint32_t take_seq(int from) { return next_[from]++; }
  std::optional<std::uint32_t> ack_due(int from) const {
    if (received_[from] && received_[from] != acked_[from]) return received_[from];
    return std::nullopt;
  }

  // Any packet, as given; keeps the bookkeeping.
  void packet(int from, std::optional<std::uint32_t> seq, std::optional<std::uint32_t> ack, ByteView ppp) {
    gre::Header h;
    h.version = 1;
    h.key_present = true;
    h.protocol_type = gre::kProtocolPpp;
    h.call_id = call_to_[from];
    h.sequence_present = seq.has_value();
    h.sequence_number = seq.value_or(0);
    h.ack_present = ack.has_value();
    h.acknowledgment_number = ack.value_or(0);
    cap_.gre(host_[from], host_[1 - from], gre::encode(h, ppp));
    if (ack) acked_[from] = ack;
    if (seq) {
      auto& r = received_[1 - from];
      if (!r || static_cast<std::int32_t>(*seq - *r) > 0) r = seq;
    }
  }

 private:
  CaptureBuilder& cap_;
  Host host_[2];
  std::uint16_t call_to_[2];
  std::uint32_t next_[2];
  std::optional<std::uint32_t> received_[2];
  std::optional<std::uint32_t> acked_[2];
};

// ---------------------------------------------------------------------------------------
// PPP frames.

Bytes lcp(std::uint8_t code, std::uint8_t id, const std::vector<Opt>& options = {}, ByteView data = {}) {
  return ppp_control(ppp::kLcp, code, id, options, data);
}
Bytes ipcp_frame(std::uint8_t code, std::uint8_t id, const std::vector<Opt>& options) {
  return ppp_control(ppp::kIpcp, code, id, options);
}
Bytes ccp_frame(std::uint8_t code, std::uint8_t id, const std::vector<Opt>& options) {
  return ppp_control(ppp::kCcp, code, id, options);
}

Opt mru(std::uint16_t v) { return {lo::kMru, be16v(v)}; }
Opt magic(std::uint32_t v) { return {lo::kMagicNumber, be32v(v)}; }
Opt accm(std::uint32_t v) { return {lo::kAccm, be32v(v)}; }
Opt auth_mschapv2() { return {lo::kAuthProtocol, concat({be16v(ppp::kChap), Bytes{ppp::kChapMsV2}})}; }
Opt auth_pap() { return {lo::kAuthProtocol, be16v(ppp::kPap)}; }
Opt pfc() { return {lo::kPfc, {}}; }
Opt acfc() { return {lo::kAcfc, {}}; }
Opt ip_address(const char* a) { return {ipcp::kIpAddress, ipv4v(a)}; }
Opt dns1(const char* a) { return {ipcp::kPrimaryDns, ipv4v(a)}; }
Opt dns2(const char* a) { return {ipcp::kSecondaryDns, ipv4v(a)}; }
// CCP option 18 with S (128-bit keys) and H (stateless), RFC 3078 §2.
Opt mppe_128_stateless() { return {ppp::ccp_opt::kMppe, be32v(ppp::kMppeBitS | ppp::kMppeBitH)}; }

// An MPPE-encrypted frame (protocol 0x00FD) under stateless MPPE (RFC 3078 §3): the
// FLUSHED bit A "MUST be set on every encrypted packet" when stateless mode was
// negotiated, D marks it encrypted, then the 12-bit coherency count and ciphertext (here
// a deterministic pattern standing in for RC4 output).
Bytes mppe_data(std::size_t size, std::uint16_t coherency) {
  ByteWriter w;
  w.be16(static_cast<std::uint16_t>(0x8000 | 0x1000 | (coherency & 0x0fff)));
  std::uint32_t x = 0x9E3779B9u ^ coherency;
  for (std::size_t i = 0; i < size; ++i) {
    x = x * 1664525u + 1013904223u;
    w.u8(static_cast<std::uint8_t>(x >> 24));
  }
  return ppp::encode_ppp_frame(ppp::kCompressed, w.data());
}

// An ICMP echo (RFC 792) inside an IPv4 packet inside PPP (protocol 0x0021): a ping
// through the tunnel, `size` octets of data, both checksums right.
Bytes ppp_ping(const char* src, const char* dst, bool reply, std::uint16_t seq, std::size_t size) {
  ByteWriter icmp;
  icmp.u8(reply ? 0 : 8).u8(0).be16(0).be16(0x0200).be16(seq);
  for (std::size_t i = 0; i < size; ++i) icmp.u8(static_cast<std::uint8_t>(0x61 + i % 23));
  Bytes body = icmp.take();
  const std::uint16_t sum = net::internet_checksum(body);
  body[2] = static_cast<std::uint8_t>(sum >> 8);
  body[3] = static_cast<std::uint8_t>(sum);
  net::Ipv4Header ip;
  ip.identification = static_cast<std::uint16_t>(0x3000 + seq * 2 + (reply ? 1 : 0));
  ip.ttl = reply ? 64 : 128;
  ip.protocol = net::ip_proto::kIcmp;
  ip.src = *net::IpAddress::parse(src);
  ip.dst = *net::IpAddress::parse(dst);
  return ppp::encode_ppp_frame(ppp::kIpv4, net::encode_ipv4(ip, body));
}

Bytes pap_reply(std::uint8_t code, std::uint8_t id, std::string_view message) {
  ppp::PapPacket p;
  p.code = code;
  p.identifier = id;
  p.message = as_bytes(message);
  return ppp::encode_ppp_frame(ppp::kPap, ppp::encode_pap(p));
}

// MS-CHAPv2 (RFC 2759): the Response value and the Success message for a password.
template <std::size_t N>
ByteView view(const std::array<std::uint8_t, N>& a) {
  return ByteView(a.data(), a.size());
}

struct MsChapV2Exchange {
  Bytes response_value;  // 49 octets
  std::string success;   // "S=<40 hex> M=Access granted"
};

[[noreturn]] void crypto_missing() {
  std::fprintf(stderr, "pptp_scenarios: MS-CHAPv2 crypto unavailable (libcrypto MD4/DES)\n");
  std::abort();
}

MsChapV2Exchange mschap_v2(ByteView authenticator_challenge, const std::array<std::uint8_t, 16>& peer_challenge,
                           std::string_view user, std::string_view password) {
  const auto nt = ppp::mschap::generate_nt_response(authenticator_challenge, view(peer_challenge), user, password);
  if (!nt) crypto_missing();
  ppp::MsChapV2Response r;
  r.peer_challenge = peer_challenge;
  r.nt_response = *nt;
  r.flags = 0;
  MsChapV2Exchange x;
  x.response_value = ppp::encode_mschap_v2_response(r);
  const auto s = ppp::mschap::generate_authenticator_response(password, view(*nt), view(peer_challenge),
                                                              authenticator_challenge, user);
  if (!s) crypto_missing();
  x.success = *s + " M=Access granted";
  return x;
}

std::string upper_hex(ByteView b) {
  std::string s = to_hex(b);
  std::transform(s.begin(), s.end(), s.begin(), [](char c) { return c >= 'a' && c <= 'f' ? char(c - 32) : c; });
  return s;
}

// Fixed challenges (deterministic captures).
constexpr std::array<std::uint8_t, 16> kAuthChallenge1 = {0x5b, 0x5d, 0x7c, 0x7d, 0x7b, 0x3f, 0x2f, 0x3e,
                                                          0x3c, 0x2c, 0x60, 0x21, 0x32, 0x26, 0x26, 0x28};
constexpr std::array<std::uint8_t, 16> kPeerChallenge1 = {0x21, 0x40, 0x23, 0x24, 0x25, 0x5e, 0x26, 0x2a,
                                                          0x28, 0x29, 0x5f, 0x2b, 0x3a, 0x33, 0x7c, 0x7e};
constexpr std::array<std::uint8_t, 16> kAuthChallenge2 = {0xd0, 0x2e, 0x43, 0x86, 0xbc, 0xe9, 0x12, 0x26,
                                                          0x6f, 0x85, 0x72, 0x0b, 0x34, 0xc1, 0x9e, 0x5a};
constexpr std::array<std::uint8_t, 16> kPeerChallenge2 = {0x8f, 0x13, 0x7a, 0x04, 0x5c, 0xe1, 0x29, 0x6b,
                                                          0xa0, 0x3d, 0x77, 0x90, 0x1e, 0x52, 0xc8, 0x44};
constexpr std::array<std::uint8_t, 16> kPeerChallenge3 = {0x3c, 0x91, 0x0e, 0x6d, 0xf2, 0x48, 0xb5, 0x17,
                                                          0x2a, 0xe6, 0x59, 0x83, 0xcd, 0x04, 0x7f, 0x31};

const std::array<std::size_t, 8> kSizes = {92, 1340, 60, 412, 1180, 76, 236, 540};

// ---------------------------------------------------------------------------------------
// 1. Outgoing call, MS-CHAPv2, MPPE-128 stateless: a clean Microsoft-style session.

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

Scenario faults() {
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
  out.push_back(faults());
  out.push_back(no_control());
  return out;
}

}  // namespace ts::testing
