#include "src/observe/ppp_link_observer.h"

#include <fmt/format.h>

#include "dissectors/ppp/ccp_options.h"
#include "dissectors/ppp/ipcp_options.h"
#include "dissectors/ppp/ipv6cp_options.h"
#include "dissectors/ppp/lcp_options.h"
#include "dissectors/ppp/ppp_diagnostics.h"
#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/observe/observe_diagnostics.h"
#include "src/observe/observe_util.h"
#include "src/observe/ppp_auth_check.h"

namespace ts::observe {

AutomatonObserver& PppLinkObserver::automaton(std::uint16_t protocol) {
  switch (protocol) {
    case ppp::kIpcp: return ipcp_;
    case ppp::kIpv6cp: return ipv6cp_;
    case ppp::kCcp: return ccp_;
    default: return lcp_;
  }
}

void PppLinkObserver::on_frame(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, int from,
                               const FrameInfo& f, ByteView frame) {
  if (!call.ppp.seen) {
    call.ppp.seen = true;
    call.ppp.phase = "unknown";  // until the capture shows which phase the link is in
  }
  auto d = ppp::decode_ppp_frame(frame);
  for (const auto& dg : d.diags)
    if (!(no_address_control_ && dg.def == &ppp::diag::kFrameLcpWithoutAddressControl)) ctx.diag(&conn, f, entity, *dg.def, dg.detail);
  if (!d.complete) {
    ctx.truncated(&conn, f, entity, "ppp", d.truncated_field);
    return;
  }
  const ppp::PppFrame& fr = d.value;
  if (f.packet) {
    Field& layer = f.packet->layers.add_object("ppp");
    layer.add_num("protocol", fr.protocol).add_text("protocol_name", ppp::protocol_abbrev(fr.protocol));
    // Control and authentication packets add their own summary (which names the
    // protocol); other frames are summarised by their protocol name.
    const bool self_describing = fr.protocol == ppp::kLcp || fr.protocol == ppp::kIpcp || fr.protocol == ppp::kIpv6cp ||
                                 fr.protocol == ppp::kCcp || fr.protocol == ppp::kChap || fr.protocol == ppp::kPap ||
                                 fr.protocol == ppp::kEap;
    f.packet->summary += self_describing ? " | PPP" : " | PPP " + ppp::protocol_abbrev(fr.protocol);
  }
  switch (fr.protocol) {
    case ppp::kLcp:
    case ppp::kIpcp:
    case ppp::kIpv6cp:
    case ppp::kCcp:
      on_control(ctx, conn, call, entity, from, f, fr.protocol, fr.info);
      break;
    case ppp::kChap: on_chap(ctx, conn, call, entity, from, f, fr.info); break;
    case ppp::kPap: on_pap(ctx, conn, call, entity, from, f, fr.info); break;
    case ppp::kEap: on_eap(ctx, conn, call, entity, from, f, fr.info); break;
    case ppp::kIpv4:
    case ppp::kIpv6:
      ++call.ppp.data_frames[from];
      // Data flowing on a link whose negotiation the capture missed: it is in Network phase.
      if (call.ppp.phase == "unknown" && !lcp_.known(0) && !lcp_.known(1)) call.ppp.phase = "network";
      // RFC 1661 §3.6: network-layer packets only once their NCP is Opened.
      if (!warned_data_early_ && fr.protocol == ppp::kIpv4 && ipcp_.known(from) &&
          ipcp_.state(from) != machines::ppp::State::opened && !ipcp_.doubtful(from)) {
        warned_data_early_ = true;
        ctx.diag(&conn, f, entity, diag::kPppDataBeforeNetwork,
                 fmt::format("side {} sent IPv4 while its IPCP is {}", side_name(from),
                             machines::ppp::to_string(ipcp_.state(from))));
      }
      break;
    case ppp::kCompressed: ++call.ppp.compressed_frames[from]; break;
    default: {
      const std::string text = fmt::format("PPP {} ({} bytes)", ppp::protocol_abbrev(fr.protocol), fr.info.size());
      ctx.event(conn, f, entity, from, EventKind::message, text);
      break;
    }
  }
}

void PppLinkObserver::report(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity,
                             const FrameInfo& f, std::string_view layer, const AutomatonObserver::Result& r,
                             int from) {
  const bool crossed = layer != "LCP" && from >= 0 && lcp_.doubtful(from);
  for (const auto& c : r.changes)
    ctx.event(conn, f, entity, -1, EventKind::state,
              fmt::format("{} {} {} -> {} ({})", layer, side_name(c.side), machines::ppp::to_string(c.from),
                          machines::ppp::to_string(c.to), machines::ppp::to_string(c.event)));
  for (const auto& m : r.mismatched)
    if (!crossed) ctx.diag(&conn, f, entity, diag::kPppAnswerIdMismatch,
             fmt::format("{} side {} answered with Identifier {}, the request was {}", layer, side_name(m.side), m.got,
                         m.expected));
  for (const auto& i : r.illegal)
    if (!crossed) ctx.diag(&conn, f, entity, diag::kPppIllegalEvent,
             fmt::format("{} side {}: event {} in state {}", layer, side_name(i.side), machines::ppp::to_string(i.event),
                         machines::ppp::to_string(i.state)));
  update_phase(call, f);
}

// RFC 1661 §3.2 phases as far as the capture shows them.
void PppLinkObserver::update_phase(Call& call, const FrameInfo& f) {
  PppLink& p = call.ppp;
  // The link was brought up again after a Terminate (RFC 1661 §3.7: back through Establish).
  auto negotiating = [](machines::ppp::State s) {
    using machines::ppp::State;
    return s == State::req_sent || s == State::ack_rcvd || s == State::ack_sent || s == State::opened;
  };
  if (terminated_ && (negotiating(lcp_.state(0)) || negotiating(lcp_.state(1)))) {
    terminated_ = false;
    p.end_reason.clear();
    p.terminated.reset();
    p.lcp_opened.reset();
    p.network_up.reset();
  }
  if (lcp_.opened() && !p.lcp_opened) {
    p.lcp_opened = f.ts;
    p.phase = p.lcp[0].auth.empty() && p.lcp[1].auth.empty() ? "network" : "authenticate";
  }
  if ((ipcp_.opened() || ipv6cp_.opened()) && !p.network_up) {
    p.network_up = f.ts;
    p.phase = "network";
  }
  if (ipcp_.opened()) p.ipcp_state = "opened";
  else if (!p.ipcp_state.empty()) p.ipcp_state = "closed";
  if (terminated_) {
    p.phase = "dead";
  } else if (p.lcp_opened && !lcp_.opened()) {
    p.phase = "terminate";  // left Opened: Terminate phase until the Terminate-Ack (§3.5)
  } else if (!p.lcp_opened && (lcp_.known(0) || lcp_.known(1))) {
    p.phase = "establish";
  }
}

void PppLinkObserver::on_control(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity,
                                 int from, const FrameInfo& f, std::uint16_t protocol, ByteView info) {
  auto d = ppp::decode_control(protocol, info);
  ctx.diags(&conn, f, entity, d.diags);
  const ppp::ControlPacket& p = d.value;
  const bool echo = protocol == ppp::kLcp && (p.code == ppp::code::kEchoRequest || p.code == ppp::code::kEchoReply);
  const bool shown = !echo || echo_lines_.show(f);
  // The summary is formatted only when something shows it: most control packets of a
  // long-lived link are capped echoes, only counted (docs/performance.md, change 3).
  if (shown || f.packet) {
    const std::string summary = ppp::summarize(protocol, p);
    if (shown) ctx.event(conn, f, entity, undirected_ ? -1 : from, EventKind::message, summary);
    if (f.packet) {
      ppp::describe(protocol, p, f.packet->layers.add_object(ppp::protocol_abbrev(protocol)));
      f.packet->summary += " " + summary;
    }
  }
  if (!d.complete) ctx.truncated(&conn, f, entity, ppp::protocol_abbrev(protocol), d.truncated_field);
  if (!d.complete) return;
  if (undirected_) {
    // Without directions only what an Ack states can be kept: the acked IPCP address of
    // "one side", in the order the Acks come.
    if (protocol == ppp::kIpcp && p.code == ppp::code::kConfigureAck)
      if (auto a = ppp::ipcp_address(p)) {
        const std::string text = ppp::ipv4_text(*a);
        auto& addr = call.ppp.ip_address;
        if (addr[0].empty()) addr[0] = text;
        else if (addr[0] != text) addr[1] = text;
      }
    return;
  }

  // Option bookkeeping: a side's request becomes "agreed" when the peer acks it.
  auto& pend = pending_[protocol];
  if (p.code == ppp::code::kConfigureRequest) {
    pend[from] = Pending{p.identifier, Bytes(info.begin(), info.end())};
  } else if (p.code == ppp::code::kConfigureAck && pend[1 - from] && pend[1 - from]->id == p.identifier) {
    auto req = ppp::decode_control(protocol, pend[1 - from]->info);
    on_ncp_ack(call, 1 - from, protocol, req.value);
  }
  if (protocol == ppp::kLcp) on_lcp(ctx, conn, call, entity, from, f, p);

  const std::uint8_t rejected_code = (p.code == ppp::code::kCodeReject && !p.data.empty()) ? p.data[0] : 0;
  auto result = automaton(protocol).on_packet(from, p.code, p.identifier, ppp::is_known_code(protocol, p.code),
                                              rejected_code);
  report(ctx, conn, call, entity, f, ppp::protocol_abbrev(protocol), result, from);
  if (protocol == ppp::kLcp && (result.changes.size() || result.illegal.size()) && !lcp_.opened()) {
    // LCP leaving Opened takes the NCPs down with it (RFC 1661 §3.7 This-Layer-Down).
    const std::pair<AutomatonObserver*, std::string_view> ncps[] = {{&ipcp_, "IPCP"}, {&ipv6cp_, "IPV6CP"}, {&ccp_, "CCP"}};
    for (const auto& [ncp, name] : ncps) report(ctx, conn, call, entity, f, name, ncp->on_down());
  }
}

void PppLinkObserver::on_lcp(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, int from,
                             const FrameInfo& f, const ppp::ControlPacket& p) {
  PppLink& link = call.ppp;
  // RFC 1661 §5.8: Echo only in the Opened state (a side whose state is unknown is not judged;
  // one in doubt only when it cannot be Opened: the other side never acknowledged it).
  if (p.code == ppp::code::kConfigureAck) lcp_ack_sent_[from] = true;
  const bool outside_opened = lcp_.known(from) && lcp_.state(from) != machines::ppp::State::opened &&
                              (!lcp_.doubtful(from) || !lcp_ack_sent_[1 - from]);
  if ((p.code == ppp::code::kEchoRequest || p.code == ppp::code::kEchoReply) && outside_opened)
    ctx.diag(&conn, f, entity, diag::kPppEchoOutsideOpened,
             fmt::format("{} sent by {} in state {}", p.code == ppp::code::kEchoRequest ? "Echo-Request" : "Echo-Reply",
                         side_name(from), machines::ppp::to_string(lcp_.state(from))));
  switch (p.code) {
    case ppp::code::kEchoRequest:
      // Echo is only sent in the Opened state (RFC 1661 §5.8): a link seen first here is up.
      if (link.phase == "unknown" && !lcp_.known(from)) link.phase = "network";
      ++link.echo_requests[from];
      if (last_echo_[from]) link.echo_interval = to_seconds(f.ts - *last_echo_[from]);
      last_echo_[from] = f.ts;
      // One sent outside Opened is silently discarded by a correct peer (§5.8): no reply owed.
      if (!outside_opened) echo_outstanding_[{from, p.identifier}] = f.ts;
      break;
    case ppp::code::kEchoReply:
      ++link.echo_replies[from];
      echo_outstanding_.erase({1 - from, p.identifier});
      break;
    case ppp::code::kTerminateRequest:
      if (link.end_reason.empty())
        link.end_reason = fmt::format("LCP Terminate-Request from {}{}", side_name(from),
                                      p.data.empty() ? "" : ": \"" + printable(p.data, 80) + "\"");
      if (!link.terminated) link.terminated = f.ts;
      break;
    case ppp::code::kTerminateAck:
      link.phase = "dead";
      terminated_ = true;
      break;
    default: break;
  }
}

void PppLinkObserver::on_ncp_ack(Call& call, int requester, std::uint16_t protocol, const ppp::ControlPacket& req) {
  PppLink& link = call.ppp;
  switch (protocol) {
    case ppp::kLcp: {
      PppSideOptions& o = link.lcp[requester];
      o.acked = true;
      o.mru = ppp::lcp_mru(req);
      o.accm = ppp::lcp_accm(req);
      o.magic = ppp::lcp_magic(req);
      o.pfc = ppp::has_option(req, ppp::lcp_opt::kPfc);
      o.acfc = ppp::has_option(req, ppp::lcp_opt::kAcfc);
      o.auth.clear();
      if (auto a = ppp::lcp_auth(req)) {
        o.auth = ppp::auth_protocol_text(*a);
        link.authenticator = requester;
        if (a->protocol == ppp::kChap) {
          chap_.algorithm = ppp::chap_algorithm_from_lcp(a->chap_algorithm);
          link.auth_method = a->chap_algorithm == ppp::kChapMd5 ? "CHAP-MD5" : std::string(ppp::to_string(chap_.algorithm));
        } else if (a->protocol == ppp::kPap) {
          link.auth_method = "PAP";
        } else if (a->protocol == ppp::kEap) {
          link.auth_method = "EAP";
        }
      }
      break;
    }
    case ppp::kIpcp: {
      if (auto a = ppp::ipcp_address(req)) link.ip_address[requester] = ppp::ipv4_text(*a);
      if (auto d = ppp::ipcp_dns(req, true)) link.dns[0] = ppp::ipv4_text(*d);
      if (auto d = ppp::ipcp_dns(req, false)) link.dns[1] = ppp::ipv4_text(*d);
      if (auto n = ppp::ipcp_nbns(req, true)) link.nbns[0] = ppp::ipv4_text(*n);
      if (auto n = ppp::ipcp_nbns(req, false)) link.nbns[1] = ppp::ipv4_text(*n);
      break;
    }
    case ppp::kIpv6cp:
      if (auto id = ppp::ipv6cp_interface_id(req)) link.ipv6_interface_id[requester] = ppp::interface_id_text(*id);
      break;
    case ppp::kCcp:
      if (auto m = ppp::ccp_mppe(req)) link.ccp = m->text();
      break;
    default: break;
  }
}

void PppLinkObserver::finish(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity,
                             const FrameInfo& f) {
  PppLink& link = call.ppp;
  if (!link.seen) return;
  if (echo_lines_.hidden())
    ctx.event(conn, f, entity, -1, EventKind::info,
              fmt::format("{} more LCP Echo-Request/Reply not shown (only the first {} are; the last was frame {}); "
                          "in all Echo-Requests A/B {}/{}, Echo-Replies A/B {}/{}",
                          echo_lines_.hidden(), echo_lines_.shown_limit(), echo_lines_.last_hidden_frame(),
                          link.echo_requests[0], link.echo_requests[1], link.echo_replies[0], link.echo_replies[1]));
  if (!echo_outstanding_.empty()) {
    // The last request may simply be cut by the end of the capture: only earlier ones count.
    std::size_t unanswered = 0;
    for (const auto& [key, ts] : echo_outstanding_)
      if (f.ts - ts > std::chrono::seconds(3)) ++unanswered;
    if (unanswered)
      ctx.diag(&conn, f, entity, diag::kPppEchoUnanswered, fmt::format("{} LCP Echo-Request(s) unanswered", unanswered));
  }
  if (link.lcp[0].magic && link.lcp[1].magic && *link.lcp[0].magic == *link.lcp[1].magic && *link.lcp[0].magic != 0)
    ctx.diag(&conn, f, entity, diag::kPppMagicLoopback, fmt::format("both sides use 0x{:08x}", *link.lcp[0].magic));
  if (link.end_reason.empty() && link.phase != "dead" && call.ended) link.end_reason = "carrier cleared (" + call.teardown_cause + ")";
}

}  // namespace ts::observe
