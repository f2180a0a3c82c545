#pragma once
// Building blocks shared by the PPTP scenarios: control messages with realistic fields, a GRE
// call with sequence/ack bookkeeping, PPP frames, and a computed MS-CHAPv2 exchange.
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

namespace ts::testing::pptp_parts {
namespace lo = ppp::lcp_opt;
namespace ipcp = ppp::ipcp_opt;
namespace pc = ppp::code;

constexpr bool kFromPns = true;   // Tcp::send(from_client): the PNS is the TCP client
constexpr bool kFromPac = false;
constexpr int kPns = 0;  // GRE sides
constexpr int kPac = 1;

// ---------------------------------------------------------------------------------------
// PPTP control messages.

inline Bytes ctl(pptp::Body body) { return pptp::encode(pptp::make_message(std::move(body))); }

inline Bytes concat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (ByteView p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

inline pptp::StartControlConnectionRequest sccrq(const char* host) {
  pptp::StartControlConnectionRequest m;
  m.framing_capabilities = 3;  // async | sync
  m.bearer_capabilities = 3;   // analog | digital
  m.maximum_channels = 0;      // §2.1: a PNS sends 0
  m.firmware_revision = 0x0100;
  m.host_name = host;
  m.vendor_string = "tunnelscope";
  return m;
}

inline pptp::StartControlConnectionReply sccrp(const char* host) {
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

inline pptp::OutgoingCallRequest ocrq(std::uint16_t call_id, std::uint16_t serial) {
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

inline pptp::OutgoingCallReply ocrp(std::uint16_t call_id, std::uint16_t peer, std::uint8_t result, std::uint8_t error) {
  pptp::OutgoingCallReply m;
  m.call_id = call_id;
  m.peer_call_id = peer;
  m.result_code = result;
  m.error_code = error;
  m.connect_speed = result == 1 ? 100000000 : 0;
  m.packet_recv_window_size = result == 1 ? 64 : 0;
  return m;
}

inline pptp::EchoReply echo_reply(std::uint32_t id) {
  pptp::EchoReply m;
  m.identifier = id;
  m.result_code = 1;  // OK
  return m;
}

inline pptp::CallDisconnectNotify cdn(std::uint16_t pac_call_id, std::uint8_t result) {
  pptp::CallDisconnectNotify m;
  m.call_id = pac_call_id;  // §2.13: the Call ID assigned by the PAC
  m.result_code = result;
  return m;
}

inline pptp::StopControlConnectionRequest stop_request() {
  pptp::StopControlConnectionRequest m;
  m.reason = 1;  // None: general request to clear the control connection
  return m;
}

inline pptp::StopControlConnectionReply stop_reply() {
  pptp::StopControlConnectionReply m;
  m.result_code = 1;  // OK
  return m;
}

inline pptp::SetLinkInfo sli(std::uint16_t pac_call_id, std::uint32_t send_accm, std::uint32_t receive_accm) {
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

inline Bytes lcp(std::uint8_t code, std::uint8_t id, const std::vector<Opt>& options = {}, ByteView data = {}) {
  return ppp_control(ppp::kLcp, code, id, options, data);
}
inline Bytes ipcp_frame(std::uint8_t code, std::uint8_t id, const std::vector<Opt>& options) {
  return ppp_control(ppp::kIpcp, code, id, options);
}
inline Bytes ccp_frame(std::uint8_t code, std::uint8_t id, const std::vector<Opt>& options) {
  return ppp_control(ppp::kCcp, code, id, options);
}

inline Opt mru(std::uint16_t v) { return {lo::kMru, be16v(v)}; }
inline Opt magic(std::uint32_t v) { return {lo::kMagicNumber, be32v(v)}; }
inline Opt accm(std::uint32_t v) { return {lo::kAccm, be32v(v)}; }
inline Opt auth_mschapv2() { return {lo::kAuthProtocol, concat({be16v(ppp::kChap), Bytes{ppp::kChapMsV2}})}; }
inline Opt auth_pap() { return {lo::kAuthProtocol, be16v(ppp::kPap)}; }
inline Opt pfc() { return {lo::kPfc, {}}; }
inline Opt acfc() { return {lo::kAcfc, {}}; }
inline Opt ip_address(const char* a) { return {ipcp::kIpAddress, ipv4v(a)}; }
inline Opt dns1(const char* a) { return {ipcp::kPrimaryDns, ipv4v(a)}; }
inline Opt dns2(const char* a) { return {ipcp::kSecondaryDns, ipv4v(a)}; }
// CCP option 18 with S (128-bit keys) and H (stateless), RFC 3078 §2.
inline Opt mppe_128_stateless() { return {ppp::ccp_opt::kMppe, be32v(ppp::kMppeBitS | ppp::kMppeBitH)}; }

// An MPPE-encrypted frame (protocol 0x00FD) under stateless MPPE (RFC 3078 §3): the
// FLUSHED bit A "MUST be set on every encrypted packet" when stateless mode was
// negotiated, D marks it encrypted, then the 12-bit coherency count and ciphertext (here
// a deterministic pattern standing in for RC4 output).
inline Bytes mppe_data(std::size_t size, std::uint16_t coherency) {
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
inline Bytes ppp_ping(const char* src, const char* dst, bool reply, std::uint16_t seq, std::size_t size) {
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

inline Bytes pap_reply(std::uint8_t code, std::uint8_t id, std::string_view message) {
  ppp::PapPacket p;
  p.code = code;
  p.identifier = id;
  p.message = as_bytes(message);
  return ppp::encode_ppp_frame(ppp::kPap, ppp::encode_pap(p));
}

// MS-CHAPv2 (RFC 2759): the Response value and the Success message for a password.
template <std::size_t N>
inline ByteView view(const std::array<std::uint8_t, N>& a) {
  return ByteView(a.data(), a.size());
}

struct MsChapV2Exchange {
  Bytes response_value;  // 49 octets
  std::string success;   // "S=<40 hex> M=Access granted"
};

[[noreturn]] inline void crypto_missing() {
  std::fprintf(stderr, "pptp_scenarios: MS-CHAPv2 crypto unavailable (libcrypto MD4/DES)\n");
  std::abort();
}

inline MsChapV2Exchange mschap_v2(ByteView authenticator_challenge, const std::array<std::uint8_t, 16>& peer_challenge,
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

inline std::string upper_hex(ByteView b) {
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


}  // namespace ts::testing::pptp_parts
