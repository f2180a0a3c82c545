// PppPeer, receiving side: frame dispatch by phase and protocol, LCP codes beyond the
// automaton (RFC 1661 §5.7-§5.9, RFC 1570) and the Echo keepalive.
#include <fmt/format.h>

#include <algorithm>

#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/ppp_endpoint_diagnostics.h"
#include "src/endpoints/ppp/ppp_peer.h"

namespace ts::endpoints::ppp {

namespace pp = ts::ppp;
namespace code = ts::ppp::code;

namespace {
bool is_auth_protocol(std::uint16_t p) { return p == pp::kPap || p == pp::kChap || p == pp::kEap; }
bool is_data(std::uint16_t p) { return p == pp::kIpv4 || p == pp::kIpv6; }
}  // namespace

engine::LinkOutput PppPeer::receive(Instant now, ByteView frame) {
  engine::LinkOutput out;
  if (stopped_ || !started_) return out;
  ++counters_.frames_received;
  counters_.bytes_received += frame.size();
  const auto decoded = pp::decode_ppp_frame(frame);
  if (!decoded.complete) {
    ++counters_.discarded;
    note(out, peer_diag::kBadFrame, fmt::format("{} octets", frame.size()));
    return out;
  }
  const auto& f = decoded.value;
  ++counters_.received_by_protocol[f.protocol];
  if (f.protocol == pp::kLcp) {
    receive_lcp(now, f, out);
  } else if (!lcp_.opened()) {
    ++counters_.discarded;  // RFC 1661 §3.4: non-LCP packets MUST be silently discarded
    if (config_.faults.protocol_reject_before_opened && !ncp_for(f.protocol) &&
        !is_auth_protocol(f.protocol))
      protocol_reject(f, out);  // fault injection (ppp_faults.h)
  } else if (is_auth_protocol(f.protocol)) {
    receive_auth(now, f, out);
  } else if (phase_ == Phase::network) {
    receive_network(now, f, out);
  } else {
    ++counters_.discarded;  // RFC 1661 §3.5: no NCP or data before authentication completes
  }
  return out;
}

std::size_t PppPeer::mru_room(std::size_t header) const {
  if (config_.faults.ignore_peer_mru) return 0xFFFF;  // fault injection (ppp_faults.h)
  const std::size_t mru = lcp_policy_.agreement().peer_mru;
  return mru > header ? mru - header : 0;
}

ByteView PppPeer::rejected_packet(ByteView info, std::size_t length) const {
  // RFC 1661 §5.6: the Rejected-Packet is the packet as received, padding left out (up to
  // its Length), "truncated to comply with the peer's established MRU" (Code-Reject
  // header: 4 octets).
  return info.first(std::min({info.size(), length, mru_room(4)}));
}

ByteView PppPeer::padding_fault(ByteView info) {
  // Fault injection (ppp_faults.h): the Length field rewritten to cover every octet received.
  if (!config_.faults.padding_as_options || info.size() < 4 || info.size() > 0xFFFF) return info;
  padded_ = Bytes(info.begin(), info.end());
  padded_[2] = static_cast<std::uint8_t>(info.size() >> 8);
  padded_[3] = static_cast<std::uint8_t>(info.size());
  return padded_;
}

void PppPeer::receive_lcp(Instant now, const pp::PppFrame& f, engine::LinkOutput& out) {
  // RFC 1661 §6.5: LCP packets MUST NOT be sent with a compressed Protocol field.
  if (f.protocol_compressed) note(out, peer_diag::kLcpCompressed, "Protocol field 1 octet");
  const auto d = pp::decode_control(pp::kLcp, padding_fault(f.info));
  if (!d.complete || d.value.length < 4) {
    ++counters_.discarded;
    note(out, peer_diag::kMalformedPacket, fmt::format("LCP {} octets", f.info.size()));
    if (config_.faults.code_reject_malformed)  // fault injection (ppp_faults.h)
      absorb(now, lcp_, lcp_.receive_unknown_code(now, rejected_packet(f.info, f.info.size())), out);
    return;
  }
  const auto& p = d.value;
  if (finished_ && p.code == code::kConfigureRequest) {
    ++counters_.discarded;  // the link is over: no passive re-open from Stopped
    return;
  }
  // Fault injection (ppp_faults.h): Discard-Request, Identification, Time-Remaining as unknown.
  const bool reject_extended = config_.faults.code_reject_extended && p.code >= code::kDiscardRequest;
  if (!pp::is_known_code(pp::kLcp, p.code) || reject_extended) {
    absorb(now, lcp_, lcp_.receive_unknown_code(now, rejected_packet(f.info, p.length)), out);
  } else if (p.code >= code::kProtocolReject) {
    receive_lcp_extra(now, p, out);
  } else {
    absorb(now, lcp_, lcp_.receive(now, p), out);
  }
  // RFC 1661 §6.4: a looped-back link never converges; give up and report it.
  if (lcp_policy_.looped_back() && !loop_reported_) {
    loop_reported_ = true;
    note(out, peer_diag::kLoopedBack,
         fmt::format("{} Magic-Number collisions", lcp_policy_.collisions()));
    close_link(now, "looped-back link", out);
  }
}

void PppPeer::receive_lcp_extra(Instant now, const pp::ControlPacket& p, engine::LinkOutput& out) {
  switch (p.code) {
    case code::kProtocolReject:
      receive_protocol_reject(now, p, out);
      return;
    case code::kEchoRequest:
    case code::kEchoReply:
      receive_echo(p, out);
      return;
    default:
      // Discard-Request (RFC 1661 §5.9), Identification and Time-Remaining (RFC 1570 §1):
      // accepted silently.
      return;
  }
}

void PppPeer::receive_echo(const pp::ControlPacket& p, engine::LinkOutput& out) {
  // RFC 1661 §5.8: Echo packets outside the Opened state SHOULD be silently discarded.
  if (!lcp_.opened() && !config_.faults.echo_in_any_state) {  // the fault: ppp_faults.h
    ++counters_.discarded;
    return;
  }
  const auto& a = lcp_policy_.agreement();
  const bool ours = a.our_magic != 0 && p.magic_number == a.our_magic;
  const bool wrong = a.peer_magic != 0 && p.magic_number != a.peer_magic;
  if (ours || wrong)
    note(out, peer_diag::kEchoBadMagic,
         fmt::format("{} Magic=0x{:08x} peer's=0x{:08x} ours=0x{:08x}",
                     p.code == code::kEchoRequest ? "Echo-Request" : "Echo-Reply", p.magic_number,
                     a.peer_magic, a.our_magic));
  if (p.code == code::kEchoReply) {
    if (!ours) {
      ++counters_.echo_replies_received;
      keepalive_.reply_received();
    }
    return;
  }
  // RFC 1661 §5.8: upon reception of an Echo-Request in the Opened state, an Echo-Reply
  // MUST be transmitted, with our Magic-Number and the request's Identifier and data.
  if (config_.faults.no_echo_reply) return;  // fault injection (ppp_faults.h)
  pp::ControlPacket reply;
  reply.code = code::kEchoReply;
  reply.identifier = p.identifier;
  reply.magic_number = a.our_magic;
  // RFC 1661 §6.1: nothing larger than the peer's MRU is sent.
  reply.data = p.data.first(std::min(mru_room(8), p.data.size()));
  ++counters_.echo_requests_answered;
  emit(pp::kLcp, pp::encode_control(pp::kLcp, reply), out);
}

void PppPeer::keepalive_due(Instant now, engine::LinkOutput& out) {
  const auto due = keepalive_.on_deadline(now);
  if (due == EchoKeepalive::Due::dead) {
    note(out, peer_diag::kEchoTimeout,
         fmt::format("{} Echo-Requests unanswered", config_.echo_failures));
    close_link(now, "peer not responding to LCP Echo-Request", out);
    return;
  }
  if (due != EchoKeepalive::Due::send || !lcp_.opened()) return;
  pp::ControlPacket echo;
  echo.code = code::kEchoRequest;
  echo.identifier = lcp_.take_identifier();
  echo.magic_number = lcp_policy_.agreement().our_magic;
  ++counters_.echo_requests_sent;
  emit(pp::kLcp, pp::encode_control(pp::kLcp, echo), out);
}

void PppPeer::receive_protocol_reject(Instant now, const pp::ControlPacket& p,
                                      engine::LinkOutput& out) {
  note(out, peer_diag::kProtocolRejected,
       fmt::format("{} (0x{:04x})", pp::protocol_abbrev(p.rejected_protocol), p.rejected_protocol));
  if (!lcp_.opened()) return;  // RFC 1661 §5.7: only meaningful in Opened
  if (config_.faults.ignore_protocol_reject) return;  // fault injection (ppp_faults.h)
  // RFC 1661 §4.3: a Protocol-Reject of LCP itself is RXJ-; of an NCP we run, that NCP
  // cannot work and gets RXJ- (it stops); of anything else we simply stop sending it.
  if (p.rejected_protocol == pp::kLcp) {
    absorb(now, lcp_, lcp_.rejected(now, true), out);
  } else if (ControlProtocol* ncp = ncp_for(p.rejected_protocol)) {
    absorb(now, *ncp, ncp->rejected(now, true), out);
  }
}

ControlProtocol* PppPeer::ncp_for(std::uint16_t protocol) {
  if (protocol == pp::kIpcp && config_.ipcp) return &ipcp_;
  if (protocol == pp::kIpv6cp && config_.ipv6cp) return &ipv6cp_;
  if (protocol == pp::kCcp && ccp_running_) return &ccp_;
  return nullptr;
}

void PppPeer::receive_control(Instant now, ControlProtocol& cp, ByteView info,
                              engine::LinkOutput& out) {
  const auto d = pp::decode_control(cp.protocol(), info);
  if (!d.complete || d.value.length < 4) {
    ++counters_.discarded;
    note(out, peer_diag::kMalformedPacket, fmt::format("{} {} octets", cp.name(), info.size()));
    if (config_.faults.code_reject_malformed)  // fault injection (ppp_faults.h)
      absorb(now, cp, cp.receive_unknown_code(now, rejected_packet(info, info.size())), out);
    return;
  }
  if (!pp::is_known_code(cp.protocol(), d.value.code) || d.value.code > code::kCodeReject) {
    // RFC 1661 §5.6: an unknown Code is answered with Code-Reject.
    absorb(now, cp, cp.receive_unknown_code(now, rejected_packet(info, d.value.length)), out);
    return;
  }
  absorb(now, cp, cp.receive(now, d.value), out);
}

void PppPeer::receive_network(Instant now, const pp::PppFrame& f, engine::LinkOutput& out) {
  if (f.protocol == pp::kCcp && ccp_running_) {
    receive_ccp(now, f.info, out);
    return;
  }
  if (f.protocol == pp::kCompressed && ccp_running_) {
    receive_encrypted(now, f.info, out);
    return;
  }
  if (ControlProtocol* ncp = ncp_for(f.protocol)) {
    receive_control(now, *ncp, f.info, out);
    return;
  }
  if (is_data(f.protocol) && ncp_for(f.protocol == pp::kIpv4 ? pp::kIpcp : pp::kIpv6cp)) {
    receive_data(now, f, out);
    return;
  }
  protocol_reject(f, out);
}

void PppPeer::receive_data(Instant now, const pp::PppFrame& f, engine::LinkOutput& out) {
  // RFC 3078 §2 / operator policy: with MPPE required, a clear-text packet is refused.
  if (config_.mppe.required) {
    ++counters_.discarded;
    note(out, peer_diag::kUnencryptedData,
         fmt::format("{} packet of {} octets", pp::protocol_abbrev(f.protocol), f.info.size()));
    return;
  }
  deliver_data(now, f.protocol, f.info, out);
}

void PppPeer::deliver_data(Instant now, std::uint16_t protocol, ByteView packet,
                           engine::LinkOutput& out) {
  const ControlProtocol& ncp = protocol == pp::kIpv4 ? ipcp_ : ipv6cp_;
  const bool enabled = protocol == pp::kIpv4 ? config_.ipcp : config_.ipv6cp;
  // RFC 1661 §3.6: network-layer packets before their NCP is Opened are discarded.
  if (!enabled || !ncp.opened()) {
    ++counters_.discarded;
    // While the NCP is (re)negotiating or closing, the peer may already (or still) be
    // Opened: its Configure-Ack to us may be lost, or our Terminate not yet arrived. Such
    // packets are discarded as §3.6 says, but they are not the peer's fault.
    if (enabled && views_may_differ(ncp.state())) return;
    note(out, peer_diag::kDataBeforeOpened,
         fmt::format("{} packet while {} is {}", pp::protocol_abbrev(protocol), ncp.name(),
                     machines::ppp::to_string(ncp.state())));
    return;
  }
  send_host_packets(host_.receive(now, protocol, packet), out);
}

void PppPeer::protocol_reject(const pp::PppFrame& f, engine::LinkOutput& out) {
  ++counters_.discarded;
  if (config_.faults.no_protocol_reject) return;  // fault injection (ppp_faults.h)
  note(out, peer_diag::kUnknownProtocol,
       fmt::format("{} (0x{:04x})", pp::protocol_abbrev(f.protocol), f.protocol));
  // RFC 1661 §5.7: the Rejected-Information is truncated to fit the peer's MRU.
  const std::size_t room = mru_room(6);
  pp::ControlPacket pr;
  pr.code = code::kProtocolReject;
  pr.identifier = lcp_.take_identifier();
  pr.rejected_protocol = f.protocol;
  pr.data = f.info.first(std::min(room, f.info.size()));
  ++counters_.protocol_rejects_sent;
  emit(pp::kLcp, pp::encode_control(pp::kLcp, pr), out);
}

}  // namespace ts::endpoints::ppp
