#include "src/endpoints/ppp/ppp_peer.h"

#include <fmt/format.h>

#include "dissectors/ppp/ipcp_options.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/ppp_endpoint_diagnostics.h"

namespace ts::endpoints::ppp {

using machines::ppp::State;
namespace pp = ts::ppp;

namespace {
void push_frame(std::vector<Bytes>& out, Bytes f) { out.push_back(std::move(f)); }

void earliest(std::optional<Instant>& best, std::optional<Instant> t) {
  if (t && (!best || *t < *best)) best = t;
}
}  // namespace

std::string_view to_string(Phase p) {
  switch (p) {
    case Phase::dead:
      return "Dead";
    case Phase::establish:
      return "Establish";
    case Phase::authenticate:
      return "Authenticate";
    case Phase::network:
      return "Network";
    case Phase::terminate:
      return "Terminate";
  }
  return "?";
}

namespace {
PppConfig with_auth_options(PppConfig c) {
  if (!c.auth.require.empty()) {
    c.lcp.request_auth.clear();
    for (const auto m : c.auth.require) c.lcp.request_auth.push_back(lcp_auth_protocol(m));
  }
  if (!c.auth.accept.empty()) {
    c.lcp.accept_auth.clear();
    for (const auto m : c.auth.accept) c.lcp.accept_auth.push_back(lcp_auth_protocol(m));
  }
  return c;
}

// The automata settings with the test-only faults (ppp_faults.h) of the configuration.
PppConfig with_control_faults(PppConfig c) {
  c.timers.faults = c.faults.control;
  c.auth.authenticator.accept_wrong_credentials = c.faults.accept_wrong_credentials;
  c.auth.authenticator.ignore_chap_identifier = c.faults.ignore_chap_identifier;
  c.auth.authenticatee.skip_authenticator_response_check = c.faults.skip_authenticator_response_check;
  if (c.faults.no_auth_give_up) {  // retry counters and waits without end
    constexpr auto kForever = std::chrono::hours(24 * 365);
    c.auth.authenticator.max_transmits = c.auth.authenticatee.max_transmits = 1u << 30;
    c.auth.authenticator.wait_request = c.auth.authenticatee.wait_challenge = kForever;
  }
  return c;
}

}  // namespace

PppPeer::PppPeer(PppConfig config)
    : config_(with_control_faults(with_auth_options(std::move(config)))),
      random_(config_.seed),
      lcp_policy_(config_.lcp, random_),
      lcp_("LCP", pp::kLcp, config_.timers, lcp_policy_),
      ipcp_policy_(config_.ipcp_settings),
      ipcp_("IPCP", pp::kIpcp, config_.timers, ipcp_policy_),
      ipv6cp_policy_(config_.interface_id, random_),
      ipv6cp_("IPv6CP", pp::kIpv6cp, config_.timers, ipv6cp_policy_),
      ccp_policy_(config_.mppe),
      ccp_("CCP", pp::kCcp, config_.timers, ccp_policy_),
      keepalive_(config_.echo_interval, config_.echo_failures),
      host_(config_.traffic, static_cast<std::uint16_t>(config_.seed & 0xFFFF)) {}

PppPeer::~PppPeer() = default;

void PppPeer::note(engine::LinkOutput& out, const DiagnosticDef& def, std::string detail) {
  engine::append_action(out.notes, engine::Violation{&def, std::move(detail), false});
}

void PppPeer::end(std::string reason) {
  if (!end_reason_) end_reason_ = std::move(reason);
}

void PppPeer::set_phase(Phase p, engine::LinkOutput& out) {
  if (p == phase_) return;
  engine::append_action(out.notes, engine::StateChange{"phase", std::string(to_string(phase_)),
                                           std::string(to_string(p))});
  phase_ = p;
}

void PppPeer::emit(std::uint16_t protocol, ByteView info, engine::LinkOutput& out) {
  if (stopped_) return;
  const bool lcp = protocol == pp::kLcp;
  const auto& agreed = lcp_policy_.agreement();
  const bool negotiated = lcp_.opened();
  // RFC 1661 §6.5/§6.6: compressed fields only once agreed, and never for LCP packets.
  const bool address_control = lcp || !(negotiated && agreed.send_acfc);
  const bool compress = !lcp && negotiated && agreed.send_pfc;
  Bytes frame = pp::encode_ppp_frame(protocol, info, address_control, compress);
  ++counters_.frames_sent;
  counters_.bytes_sent += frame.size();
  ++counters_.sent_by_protocol[protocol];
  push_frame(out.frames, std::move(frame));
}

void PppPeer::absorb(Instant now, ControlProtocol& cp, ControlOutput&& co,
                     engine::LinkOutput& out) {
  for (const auto& packet : co.packets) emit(cp.protocol(), packet, out);
  for (auto& n : co.notes) engine::append_action(out.notes, std::move(n));
  for (const auto s : co.signals) on_signal(now, cp, s, out);
}

void PppPeer::on_signal(Instant now, ControlProtocol& cp, LayerSignal s, engine::LinkOutput& out) {
  if (&cp == &lcp_) {
    if (s == LayerSignal::up) on_lcp_up(now, out);
    if (s == LayerSignal::down) on_lcp_down(now, out);
    if (s == LayerSignal::finished) {
      // RFC 1661 §3.7/§4.4 This-Layer-Finished: back to Link Dead; the tunnel clears the call.
      set_phase(Phase::dead, out);
      end(closing_ ? "closed" : "LCP finished");
      finished_ = true;
    }
    return;
  }
  if (&cp == &ccp_) {
    on_ccp_signal(now, s, out);
    return;
  }
  if (&cp == &ipcp_) {
    if (s == LayerSignal::up) {
      const auto& a = ipcp_policy_.agreement();
      host_.set_ipv4(now, a.local, a.peer);
    }
    if (s == LayerSignal::down || s == LayerSignal::finished) host_.clear_ipv4();
  } else {
    if (s == LayerSignal::up) {
      const auto& a = ipv6cp_policy_.agreement();
      host_.set_ipv6(now, a.local, a.peer);
    }
    if (s == LayerSignal::down || s == LayerSignal::finished) host_.clear_ipv6();
  }
  if (s == LayerSignal::finished) check_network_protocols(now, out);
}

void PppPeer::check_network_protocols(Instant now, engine::LinkOutput& out) {
  // A link that carries no network protocol any more serves no purpose (as pppd does:
  // "no network protocols running"); an NCP that gave up ends in Closed or Stopped.
  auto gave_up = [](const ControlProtocol& cp) {
    return cp.state() == State::closed || cp.state() == State::stopped;
  };
  const bool any = config_.ipcp || config_.ipv6cp;
  const bool all_gave_up =
      (!config_.ipcp || gave_up(ipcp_)) && (!config_.ipv6cp || gave_up(ipv6cp_));
  if (any && all_gave_up && lcp_.opened() && !closing_)
    close_link(now, "no network protocol running", out);
}

void PppPeer::on_lcp_up(Instant now, engine::LinkOutput& out) {
  keepalive_.start(now);
  // RFC 1661 §3.5: the Authentication phase follows when an authentication protocol
  // was negotiated in either direction.
  const auto& a = lcp_policy_.agreement();
  if (a.we_authenticate || a.peer_authenticates) {
    set_phase(Phase::authenticate, out);
    start_authentication(now, out);
    return;
  }
  enter_network(now, out);
}

void PppPeer::enter_network(Instant now, engine::LinkOutput& out) {
  set_phase(Phase::network, out);
  // RFC 1661 §3.6: each NCP is brought up (Open + Up) once the Network phase is reached.
  if (config_.ipcp) {
    absorb(now, ipcp_, ipcp_.open(now), out);
    absorb(now, ipcp_, ipcp_.up(now), out);
  }
  if (config_.ipv6cp) {
    absorb(now, ipv6cp_, ipv6cp_.open(now), out);
    absorb(now, ipv6cp_, ipv6cp_.up(now), out);
  }
  start_ccp(now, out);
}

void PppPeer::on_lcp_down(Instant now, engine::LinkOutput& out) {
  keepalive_.stop();
  authenticator_.reset();
  authenticatee_.reset();
  // RFC 1661 §3.7: leaving Opened takes every NCP down with it.
  absorb(now, ipcp_, ipcp_.down(now), out);
  absorb(now, ipv6cp_, ipv6cp_.down(now), out);
  absorb(now, ccp_, ccp_.down(now), out);
  const bool terminating =
      closing_ || lcp_.state() == State::closing || lcp_.state() == State::stopping;
  set_phase(terminating ? Phase::terminate : Phase::establish, out);
}

void PppPeer::close_link(Instant now, std::string reason, engine::LinkOutput& out) {
  end(reason);
  closing_ = true;
  absorb(now, lcp_, lcp_.close(now, reason), out);
  if (lcp_.state() == State::closing) set_phase(Phase::terminate, out);
  if (!finished_ && (lcp_.state() == State::initial || lcp_.state() == State::closed) &&
      !lcp_.next_deadline()) {
    set_phase(Phase::dead, out);
    finished_ = true;
  }
}

engine::LinkOutput PppPeer::up(Instant now) {
  engine::LinkOutput out;
  if (started_ || stopped_) return out;
  started_ = true;
  set_phase(Phase::establish, out);
  absorb(now, lcp_, lcp_.open(now), out);
  absorb(now, lcp_, lcp_.up(now), out);
  return out;
}

engine::LinkOutput PppPeer::close(Instant now, std::string_view reason) {
  engine::LinkOutput out;
  if (finished_ || stopped_) return out;
  close_link(now, std::string(reason.empty() ? "closed" : reason), out);
  return out;
}

engine::LinkOutput PppPeer::down(Instant now) {
  engine::LinkOutput out;
  if (stopped_) return out;
  stopped_ = true;
  end("lower layer down");
  absorb(now, lcp_, lcp_.down(now), out);
  set_phase(Phase::dead, out);
  finished_ = true;
  return out;
}

std::optional<Instant> PppPeer::next_deadline() const {
  if (stopped_) return std::nullopt;
  std::optional<Instant> t;
  earliest(t, lcp_.next_deadline());
  earliest(t, ipcp_.next_deadline());
  earliest(t, ipv6cp_.next_deadline());
  earliest(t, ccp_.next_deadline());
  earliest(t, keepalive_.next_deadline());
  earliest(t, auth_next_deadline());
  earliest(t, host_.next_deadline());
  return t;
}

engine::LinkOutput PppPeer::on_deadline(Instant now) {
  engine::LinkOutput out;
  if (stopped_) return out;
  auto due = [now](std::optional<Instant> t) { return t && *t <= now; };
  if (due(lcp_.next_deadline())) absorb(now, lcp_, lcp_.on_deadline(now), out);
  if (due(ipcp_.next_deadline())) absorb(now, ipcp_, ipcp_.on_deadline(now), out);
  if (due(ipv6cp_.next_deadline())) absorb(now, ipv6cp_, ipv6cp_.on_deadline(now), out);
  if (due(ccp_.next_deadline())) absorb(now, ccp_, ccp_.on_deadline(now), out);
  if (due(keepalive_.next_deadline())) keepalive_due(now, out);
  if (due(auth_next_deadline())) auth_deadline(now, out);
  if (due(host_.next_deadline())) send_host_packets(host_.on_deadline(now), out);
  return out;
}

void PppPeer::send_host_packets(std::vector<HostPacket>&& packets, engine::LinkOutput& out) {
  for (const auto& p : packets) send_data(p.protocol, p.packet, out);
}

engine::LinkOutput PppPeer::send_packet(Instant, std::uint16_t protocol, ByteView packet) {
  engine::LinkOutput out;
  const bool open =
      (protocol == pp::kIpv4 && ipcp_.opened()) || (protocol == pp::kIpv6 && ipv6cp_.opened());
  if (open) send_data(protocol, packet, out);
  return out;
}

std::optional<engine::LinkAccm> PppPeer::accm() const {
  if (!lcp_.opened()) return std::nullopt;
  const auto& a = lcp_policy_.agreement();
  return engine::LinkAccm{a.send_accm, a.receive_accm};
}

std::string PppPeer::status() const {
  std::string s =
      fmt::format("{}: LCP {}", to_string(phase_), machines::ppp::to_string(lcp_.state()));
  s += auth_status();
  if (config_.ipcp) {
    s += fmt::format(", IPCP {}", machines::ppp::to_string(ipcp_.state()));
    if (ipcp_.opened())
      s += fmt::format(" {} peer {}", pp::ipv4_text(ipcp_agreement().local),
                       pp::ipv4_text(ipcp_agreement().peer));
  }
  if (config_.ipv6cp) s += fmt::format(", IPv6CP {}", machines::ppp::to_string(ipv6cp_.state()));
  if (ccp_running_)
    s += fmt::format(", CCP {}{}", machines::ppp::to_string(ccp_.state()), codec_ ? " MPPE" : "");
  if (end_reason_) s += fmt::format(" ({})", *end_reason_);
  return s;
}

}  // namespace ts::endpoints::ppp
