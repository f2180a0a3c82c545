#pragma once
// PppPeer: the reference PPP peer (RFC 1661, RFC 1332, RFC 1877, RFC 5072, RFC 1570), as an
// engine::SessionLink (src/engine/session_link.h) for the tunnel roles, and the core of
// PppStreamEndpoint (async HDLC). Sans-I/O: time comes as `now`, randomness from a
// RandomSource seeded by PppConfig::seed.
//
// Authentication (RFC 1661 §3.5): when LCP agreed an Authentication-Protocol in either
// direction, the Authenticator (we require it) and/or Authenticatee (the peer requires it)
// of src/endpoints/ppp run; the Network phase begins when every one of them succeeded, and
// any failure closes the link ("authentication failed: ..."). Authentication packets are
// routed by auth_packet_role() in the Authenticate and Network phases (CHAP rechallenges).
//
// Phases (RFC 1661 §3.2), reported as StateChange notes of entity "phase":
//   Dead -> Establish (up(): LCP Open + Up) -> [Authenticate] -> Network (NCPs Open + Up)
//   -> Terminate (close(), peer Terminate-Request, echo failure) -> Dead (finished()).
// LCP, IPCP and IPv6CP are ControlProtocol automata (notes of entity "LCP", "IPCP",
// "IPv6CP" with RFC state names). Before LCP is Opened every non-LCP packet is silently
// discarded (§3.4); NCP and network packets are taken only in the Network phase (§3.5-§3.6).
//
// Frames in: one PPP frame without HDLC framing, Address/Control and Protocol possibly
// compressed. Frames out: FF 03 + Protocol + Information; once LCP is Opened, ACFC and PFC
// apply if the peer asked for them, never to LCP (RFC 1661 §6.5, §6.6).
//
// LCP beyond configuration (RFC 1661 §5.7-§5.9, RFC 1570): Echo-Request answered in Opened
// with our Magic-Number (a request carrying our own number is peer_diag::kEchoBadMagic, looped);
// Echo-Reply must carry the peer's negotiated number; Discard-Request, Identification and
// Time-Remaining are accepted silently; a frame of a protocol we do not run is answered
// with Protocol-Reject (when LCP is Opened); a received Protocol-Reject stops that NCP
// (RXJ-), or LCP itself for LCP.
//
// finished() becomes true when LCP reached This-Layer-Finished (after close(), a peer
// Terminate-Request, Max-Configure unanswered, echo failure, a looped-back link, refused
// mandatory options, every enabled NCP given up) or after down(). end_reason() says why.
// A finished peer still answers Terminate-Requests (Closed/Stopped send Terminate-Ack) but
// ignores Configure-Requests: it does not come back to life.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "dissectors/ppp/ppp_frame.h"
#include "src/endpoints/ppp/authenticatee.h"
#include "src/endpoints/ppp/authenticator.h"
#include "src/endpoints/ppp/ccp_policy.h"
#include "src/endpoints/ppp/control_protocol.h"
#include "src/endpoints/ppp/echo_keepalive.h"
#include "src/endpoints/ppp/ip_host.h"
#include "src/endpoints/ppp/ipcp_policy.h"
#include "src/endpoints/ppp/ipv6cp_policy.h"
#include "src/endpoints/ppp/lcp_policy.h"
#include "src/endpoints/ppp/mppe_codec.h"
#include "src/endpoints/ppp/ppp_config.h"
#include "src/engine/random_source.h"
#include "src/engine/session_link.h"

namespace ts::endpoints::ppp {

enum class Phase : std::uint8_t { dead, establish, authenticate, network, terminate };
std::string_view to_string(Phase p);

struct PppCounters {
  std::uint64_t frames_sent = 0, bytes_sent = 0;
  std::uint64_t frames_received = 0, bytes_received = 0;
  std::uint64_t discarded = 0;  // frames not processed (phase, malformed, unknown code ...)
  std::map<std::uint16_t, std::uint64_t> sent_by_protocol;  // frames, by PPP protocol
  std::map<std::uint16_t, std::uint64_t> received_by_protocol;
  std::uint64_t echo_requests_sent = 0, echo_replies_received = 0, echo_requests_answered = 0;
  std::uint64_t protocol_rejects_sent = 0;
  std::uint64_t data_held = 0;  // outgoing packets dropped while MPPE is required but not up
  std::uint64_t reset_requests_sent = 0, reset_requests_received = 0;
};

class PppPeer final : public engine::SessionLink {
 public:
  explicit PppPeer(PppConfig config);
  ~PppPeer() override;

  engine::LinkOutput up(Instant now) override;
  engine::LinkOutput receive(Instant now, ByteView frame) override;
  engine::LinkOutput close(Instant now, std::string_view reason) override;
  engine::LinkOutput down(Instant now) override;
  engine::LinkOutput on_deadline(Instant now) override;
  std::optional<Instant> next_deadline() const override;
  bool finished() const override { return finished_; }
  std::optional<engine::LinkAccm> accm() const override;
  std::string status() const override;

  // Sends a network packet (0x0021 IPv4 / 0x0057 IPv6) when its NCP is Opened; otherwise
  // nothing is sent.
  engine::LinkOutput send_packet(Instant now, std::uint16_t protocol, ByteView packet);

  Phase phase() const { return phase_; }
  const ControlProtocol& lcp() const { return lcp_; }
  const ControlProtocol& ipcp() const { return ipcp_; }
  const ControlProtocol& ipv6cp() const { return ipv6cp_; }
  const ControlProtocol& ccp() const { return ccp_; }
  const CcpPolicy& ccp_policy() const { return ccp_policy_; }
  // The MPPE engine while CCP is Opened with MPPE (nullptr otherwise).
  const MppeCodec* mppe() const { return codec_ ? &*codec_ : nullptr; }
  const LcpAgreement& lcp_agreement() const { return lcp_policy_.agreement(); }
  const IpcpAgreement& ipcp_agreement() const { return ipcp_policy_.agreement(); }
  const Ipv6cpAgreement& ipv6cp_agreement() const { return ipv6cp_policy_.agreement(); }
  const IpHost& host() const { return host_; }
  // The Authentication phase's components, once it began (nullptr otherwise).
  const Authenticator* authenticator() const { return authenticator_ ? &*authenticator_ : nullptr; }
  const Authenticatee* authenticatee() const { return authenticatee_ ? &*authenticatee_ : nullptr; }
  const PppCounters& counters() const { return counters_; }
  const PppConfig& config() const { return config_; }
  const std::optional<std::string>& end_reason() const { return end_reason_; }

 private:
  void absorb(Instant now, ControlProtocol& cp, ControlOutput&& co, engine::LinkOutput& out);
  void on_signal(Instant now, ControlProtocol& cp, LayerSignal s, engine::LinkOutput& out);
  void on_lcp_up(Instant now, engine::LinkOutput& out);
  void on_lcp_down(Instant now, engine::LinkOutput& out);
  void enter_network(Instant now, engine::LinkOutput& out);
  void check_network_protocols(Instant now, engine::LinkOutput& out);
  void set_phase(Phase p, engine::LinkOutput& out);
  void emit(std::uint16_t protocol, ByteView info, engine::LinkOutput& out);
  void note(engine::LinkOutput& out, const DiagnosticDef& def, std::string detail);
  void end(std::string reason);
  void close_link(Instant now, std::string reason, engine::LinkOutput& out);

  void receive_lcp(Instant now, const ts::ppp::PppFrame& f, engine::LinkOutput& out);
  void receive_lcp_extra(Instant now, const ts::ppp::ControlPacket& p, engine::LinkOutput& out);
  void receive_echo(const ts::ppp::ControlPacket& p, engine::LinkOutput& out);
  void receive_protocol_reject(Instant now, const ts::ppp::ControlPacket& p,
                               engine::LinkOutput& out);
  void receive_control(Instant now, ControlProtocol& cp, ByteView info, engine::LinkOutput& out);
  void receive_network(Instant now, const ts::ppp::PppFrame& f, engine::LinkOutput& out);
  void receive_data(Instant now, const ts::ppp::PppFrame& f, engine::LinkOutput& out);
  void protocol_reject(const ts::ppp::PppFrame& f, engine::LinkOutput& out);
  void keepalive_due(Instant now, engine::LinkOutput& out);
  void send_host_packets(std::vector<HostPacket>&& packets, engine::LinkOutput& out);
  ControlProtocol* ncp_for(std::uint16_t protocol);
  // Room for data after a `header` of that many octets in a packet of the peer's MRU.
  std::size_t mru_room(std::size_t header) const;
  // What a Code-Reject carries of a received packet (RFC 1661 §5.6).
  ByteView rejected_packet(ByteView info, std::size_t length) const;
  ByteView padding_fault(ByteView info);
  // Authentication phase (ppp_peer_auth.cpp).
  void start_authentication(Instant now, engine::LinkOutput& out);
  void receive_auth(Instant now, const ts::ppp::PppFrame& f, engine::LinkOutput& out);
  void auth_deadline(Instant now, engine::LinkOutput& out);
  void absorb_auth(AuthOutput&& o, engine::LinkOutput& out);
  void check_auth(Instant now, engine::LinkOutput& out);
  std::optional<Instant> auth_next_deadline() const;
  std::string auth_status() const;
  const AuthResult* key_source(bool& is_server) const;
  // CCP / MPPE (ppp_peer_ccp.cpp).
  void start_ccp(Instant now, engine::LinkOutput& out);
  void on_ccp_signal(Instant now, LayerSignal s, engine::LinkOutput& out);
  void receive_ccp(Instant now, ByteView info, engine::LinkOutput& out);
  void receive_encrypted(Instant now, ByteView info, engine::LinkOutput& out);
  void send_data(std::uint16_t protocol, ByteView packet, engine::LinkOutput& out);
  void deliver_data(Instant now, std::uint16_t protocol, ByteView packet, engine::LinkOutput& out);

  PppConfig config_;
  engine::RandomSource random_;
  LcpPolicy lcp_policy_;
  ControlProtocol lcp_;
  IpcpPolicy ipcp_policy_;
  ControlProtocol ipcp_;
  Ipv6cpPolicy ipv6cp_policy_;
  ControlProtocol ipv6cp_;
  CcpPolicy ccp_policy_;
  ControlProtocol ccp_;
  bool ccp_running_ = false;
  std::optional<MppeCodec> codec_;
  EchoKeepalive keepalive_;
  std::optional<Authenticator> authenticator_;
  std::optional<Authenticatee> authenticatee_;
  IpHost host_;
  Phase phase_ = Phase::dead;
  bool started_ = false;
  bool stopped_ = false;  // down(): no frame may be sent any more
  bool finished_ = false;
  bool closing_ = false;  // close() or a fatal condition: LCP is being terminated
  bool loop_reported_ = false;
  std::optional<std::string> end_reason_;
  PppCounters counters_;
  Bytes padded_;  // padding_fault()'s copy
};

}  // namespace ts::endpoints::ppp
