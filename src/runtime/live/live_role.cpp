// The roles of `tunnelscope emulate`: construction, commands, end condition, verdict. See
// live_role.h.
#include "src/runtime/live/live_role.h"

#include <arpa/inet.h>

#include <algorithm>

#include <fmt/format.h>

#include "src/endpoints/l2tp/l2tp_endpoint.h"
#include "src/endpoints/ppp/ppp_stream_endpoint.h"
#include "src/endpoints/pptp/pptp_pac.h"
#include "src/endpoints/pptp/pptp_pns.h"
#include "src/runtime/sim/scenarios/link_watch.h"
#include "src/runtime/sim/scenarios/scenario_common.h"

namespace ts::live {

namespace {

using endpoints::ppp::AuthMethod;
using endpoints::ppp::MppeStrength;
using endpoints::ppp::PppConfig;
using LinkRecords = sim::scenario_detail::LinkRecords;

// The settle time before the first command: the peer's listener is up by then in practice,
// and a lost first message is retransmitted anyway.
constexpr Duration kSettle = std::chrono::milliseconds(300);

sim::ScenarioOptions scenario_options(const EmulateSettings& s) {
  sim::ScenarioOptions o;
  o.sessions = s.sessions;
  o.seed = s.seed;
  o.hold = s.hold;
  return o;
}

void apply_common(PppConfig& c, const EmulateSettings& s) {
  if (s.mppe != MppeStrength::none) {
    c.mppe.strength = s.mppe;
    c.mppe.stateless = s.stateless;
    c.mppe.required = s.mppe != MppeStrength::automatic;
  }
  if (s.echo) c.echo_interval = *s.echo;
}

// The dial-in server's PPP: authenticates `username` with `password`.
PppConfig server_profile(const EmulateSettings& s) {
  PppConfig c = sim::scenario_detail::server_ppp(s.auth, scenario_options(s));
  c.auth.authenticator.users.clear();
  c.auth.authenticator.users[s.username] = s.password;
  apply_common(c, s);
  return c;
}

// The client's PPP: authenticates as `username`, pings the server a few times.
PppConfig client_profile(const EmulateSettings& s) {
  PppConfig c = sim::scenario_detail::client_ppp(s.auth, scenario_options(s));
  c.auth.authenticatee.name = s.username;
  c.auth.authenticatee.password = s.password;
  apply_common(c, s);
  return c;
}

std::uint32_t ipv4_host(const std::string& text) {
  in_addr a{};
  return ::inet_pton(AF_INET, text.c_str(), &a) == 1 ? ntohl(a.s_addr) : 0;
}

// Peer faults on the timeline (notes and our own deliberate faults are not faults).
void judge_timeline(const std::vector<TimelineEntry>& timeline, RoleVerdict& v) {
  std::size_t faults = 0;
  for (const auto& e : timeline) {
    if (e.kind != TimelineKind::fault || e.by_us || (e.def && e.def->kind == DiagKind::note)) continue;
    if (++faults <= 5) v.problems.push_back("peer fault: " + e.text);
  }
  if (faults > 5) v.problems.push_back(fmt::format("... {} peer faults in all", faults));
}

void judge_links(const std::string& side, const LinkRecords& records, const EmulateSettings& s,
                 RoleVerdict& v) {
  sim::ScenarioOutcome out;
  const bool pinger = s.role == RoleKind::l2tp_lac || s.role == RoleKind::pptp_pns;
  sim::scenario_detail::judge_links(side, records, s.sessions, pinger, s.mppe != MppeStrength::none &&
                                                                          s.mppe != MppeStrength::automatic,
                                    scenario_options(s), out);
  for (auto& l : out.summary) v.summary.push_back(std::move(l));
  for (auto& p : out.problems) v.problems.push_back(std::move(p));
}

// ---------------------------------------------------------------------------------------
class L2tpRoleRun final : public LiveRole {
 public:
  explicit L2tpRoleRun(const EmulateSettings& s) : s_(s) {
    using endpoints::l2tp::L2tpRole;
    endpoints::l2tp::L2tpConfig c;
    const bool lac = s.role == RoleKind::l2tp_lac;
    c.role = lac ? L2tpRole::lac : L2tpRole::lns;
    c.host_name = lac ? "tunnelscope-lac" : "tunnelscope-lns";
    c.port = s.port;
    c.secret = s.secret;
    c.authenticate_peer = !s.secret.empty();
    if (s.hello) c.hello_interval = *s.hello;
    if (s.window) c.channel.receive_window = static_cast<std::uint16_t>(*s.window);
    c.seed = s.seed;
    c.max_sessions = 0;
    // The LAC opens the tunnel, so it closes it after its last call (RFC 2661 §5.6).
    c.stop_when_idle = lac;
    c.link_factory = sim::watched_ppp_factory(lac ? client_profile(s) : server_profile(s), links_);
    endpoint_ = std::make_unique<endpoints::l2tp::L2tpEndpoint>(std::move(c));
  }
  engine::Endpoint& endpoint() override { return *endpoint_; }

  Result<bool> prepare(LiveDriver& d) override {
    auto l = d.listen(engine::ChannelKind::udp, s_.port);
    if (!l.ok()) return l;
    if (s_.role != RoleKind::l2tp_lac) return true;
    const std::string peer = fmt::format("{}:{}", s_.peer, s_.port);
    for (unsigned i = 0; i < s_.sessions; ++i)
      d.schedule_command(kSettle, engine::Command{"call", {{"peer", peer},
                                                           {"called", fmt::format("555{:04}", i)},
                                                           {"calling", fmt::format("666{:04}", i)}}});
    d.schedule_command(kSettle + s_.hold, engine::Command{"hangup", {{"graceful", "1"}}});
    return true;
  }

  bool finished() const override {
    if (s_.serve) return false;
    return endpoint_->tunnels().empty() && !endpoint_->finished_tunnels().empty();
  }

  RoleVerdict verdict(const std::vector<TimelineEntry>& timeline) const override {
    using endpoints::l2tp::TunnelEnd;
    RoleVerdict v;
    const bool lac = s_.role == RoleKind::l2tp_lac;
    const TunnelEnd expected = lac ? TunnelEnd::stop_sent : TunnelEnd::stop_received;
    std::uint64_t calls = 0, sent = 0, retransmitted = 0;
    for (const auto& t : endpoint_->finished_tunnels()) {
      calls += t.calls_established;
      sent += t.channel.sent;
      retransmitted += t.channel.retransmitted;
      if (!t.was_established) v.problems.push_back(fmt::format("tunnel {} never established", t.local_id));
      else if (t.end != expected) v.problems.push_back(fmt::format("tunnel {} ended unexpectedly", t.local_id));
    }
    if (!endpoint_->tunnels().empty())
      v.problems.push_back(fmt::format("{} tunnel(s) still open at the end", endpoint_->tunnels().size()));
    if (endpoint_->finished_tunnels().size() != 1)
      v.problems.push_back(fmt::format("{} tunnels, 1 expected", endpoint_->finished_tunnels().size()));
    if (calls != s_.sessions) v.problems.push_back(fmt::format("{} calls established, {} expected", calls, s_.sessions));
    v.summary.push_back(fmt::format("{}: {} tunnel(s), {} call(s) established; control messages {} sent, {} "
                                    "retransmitted",
                                    lac ? "LAC" : "LNS", endpoint_->finished_tunnels().size(), calls, sent,
                                    retransmitted));
    judge_links(lac ? "client (LAC)" : "server (LNS)", links_, s_, v);
    judge_timeline(timeline, v);
    v.ok = v.problems.empty();
    return v;
  }

 private:
  EmulateSettings s_;
  LinkRecords links_ = sim::scenario_detail::new_records();
  std::unique_ptr<endpoints::l2tp::L2tpEndpoint> endpoint_;
};

// ---------------------------------------------------------------------------------------
class PptpRoleRun final : public LiveRole {
 public:
  explicit PptpRoleRun(const EmulateSettings& s) : s_(s) {
    const bool pns = s.role == RoleKind::pptp_pns;
    endpoints::pptp::PptpRoleConfig c;
    c.peer = s.peer;
    c.own_address = ipv4_host(s.local);
    c.peer_address = ipv4_host(s.peer);
    c.connects = pns;
    c.host_name = pns ? "tunnelscope-pns" : "tunnelscope-pac";
    c.stop_after_last_call = pns;
    // Room for every call asked for (the default of 64 would refuse the rest, §2.2).
    c.maximum_channels = static_cast<std::uint16_t>(std::max(64U, s.sessions));
    if (s.window) c.receive_window = static_cast<std::uint16_t>(*s.window);
    if (s.echo) c.echo_interval = *s.echo;
    c.seed = s.seed;
    c.link_factory = sim::watched_ppp_factory(pns ? client_profile(s) : server_profile(s), links_);
    if (pns) endpoint_ = std::make_unique<endpoints::pptp::PptpPns>(std::move(c));
    else endpoint_ = std::make_unique<endpoints::pptp::PptpPac>(std::move(c));
  }
  engine::Endpoint& endpoint() override { return *endpoint_; }

  Result<bool> prepare(LiveDriver& d) override {
    auto g = d.listen(engine::ChannelKind::gre);
    if (!g.ok()) return g;
    if (s_.role == RoleKind::pptp_pac) return d.listen(engine::ChannelKind::tcp, 1723);
    d.schedule_command(kSettle, engine::Command{"open", {}});
    for (unsigned i = 0; i < s_.sessions; ++i)
      d.schedule_command(kSettle + std::chrono::milliseconds(300),
                         engine::Command{"call", {{"number", fmt::format("555{:04}", i)}}});
    d.schedule_command(kSettle + std::chrono::milliseconds(300) + s_.hold,
                       engine::Command{"hangup", {{"graceful", "1"}}});
    return true;
  }

  bool finished() const override {
    if (s_.serve) return false;
    // Every expected call came and went, and the control connection is closed again.
    if (links_->size() < s_.sessions || !endpoint_->calls().empty()) return false;
    return endpoint_->control_state() == machines::pptp::ControlState::idle;
  }

  RoleVerdict verdict(const std::vector<TimelineEntry>& timeline) const override {
    RoleVerdict v;
    const bool pns = s_.role == RoleKind::pptp_pns;
    if (!endpoint_->calls().empty())
      v.problems.push_back(fmt::format("{} call(s) still up at the end", endpoint_->calls().size()));
    if (endpoint_->control_state() != machines::pptp::ControlState::idle)
      v.problems.push_back(fmt::format("control connection still {} at the end",
                                       machines::pptp::to_string(endpoint_->control_state())));
    v.summary.push_back(fmt::format("{}: control connection {}, {} Echo-Request(s) sent, {} call(s) refused",
                                    pns ? "PNS" : "PAC", machines::pptp::to_string(endpoint_->control_state()),
                                    endpoint_->echo_requests_sent(), endpoint_->calls_refused()));
    judge_links(pns ? "client (PNS)" : "server (PAC)", links_, s_, v);
    judge_timeline(timeline, v);
    v.ok = v.problems.empty();
    return v;
  }

 private:
  EmulateSettings s_;
  LinkRecords links_ = sim::scenario_detail::new_records();
  std::unique_ptr<endpoints::pptp::PptpRole> endpoint_;
};

// ---------------------------------------------------------------------------------------
// One PPP peer speaking asynchronous HDLC (RFC 1662) on stdin/stdout: the stand-in for
// pppd under xl2tpd, pptpd or the pptp client.
class PppStdioRun final : public LiveRole {
 public:
  static constexpr engine::ChannelId kStdio = 1;
  explicit PppStdioRun(const EmulateSettings& s)
      : s_(s), endpoint_(s.ppp_server ? server_profile(s) : client_profile(s), kStdio) {}
  engine::Endpoint& endpoint() override { return endpoint_; }
  Result<bool> prepare(LiveDriver& d) override {
    auto a = d.attach_stdio(kStdio);
    if (!a.ok()) return a;
    d.schedule_command(kSettle + s_.hold, engine::Command{"close", {}});
    return true;
  }
  bool finished() const override { return endpoint_.peer().finished(); }
  RoleVerdict verdict(const std::vector<TimelineEntry>& timeline) const override {
    RoleVerdict v;
    // The Network phase (RFC 1661 §3.5) may come and go within one step: the timeline has it.
    const bool reached_network = std::any_of(timeline.begin(), timeline.end(), [](const TimelineEntry& e) {
      return e.kind == TimelineKind::state && e.text.rfind("phase: ", 0) == 0 &&
             e.text.size() >= 10 && e.text.compare(e.text.size() - 10, 10, "-> Network") == 0;
    });
    const auto& peer = endpoint_.peer();
    v.summary.push_back(fmt::format("PPP {}: {}", s_.ppp_server ? "server" : "client", peer.status()));
    const auto& c = endpoint_.counters();
    v.summary.push_back(fmt::format("HDLC: {} frames in, {} out, {} bad", c.frames_in, c.frames_out, c.bad_frames));
    if (!reached_network) v.problems.push_back("PPP never reached the network phase");
    judge_timeline(timeline, v);
    v.ok = v.problems.empty();
    return v;
  }

 private:
  EmulateSettings s_;
  endpoints::ppp::PppStreamEndpoint endpoint_;
};

}  // namespace

std::optional<RoleKind> role_from_string(std::string_view name) {
  if (name == "l2tp-lac") return RoleKind::l2tp_lac;
  if (name == "l2tp-lns") return RoleKind::l2tp_lns;
  if (name == "pptp-pac") return RoleKind::pptp_pac;
  if (name == "pptp-pns") return RoleKind::pptp_pns;
  if (name == "ppp") return RoleKind::ppp;
  return std::nullopt;
}

Result<std::unique_ptr<LiveRole>> make_live_role(const EmulateSettings& s) {
  const bool needs_peer = s.role == RoleKind::l2tp_lac || s.role == RoleKind::pptp_pac || s.role == RoleKind::pptp_pns;
  if (needs_peer && ipv4_host(s.peer) == 0) return Error{"--peer ADDRESS (IPv4) is required for this role"};
  if (s.role != RoleKind::ppp && ipv4_host(s.local) == 0)
    return Error{"--local ADDRESS (IPv4) is required for this role"};
  const bool ms = s.auth == AuthMethod::mschap_v1 || s.auth == AuthMethod::mschap_v2 ||
                  s.auth == AuthMethod::eap_mschap_v2;
  if (s.mppe != MppeStrength::none && !ms)
    return Error{"--mppe needs MS-CHAP keys: --auth mschapv1, mschapv2 or eap-mschapv2"};
  std::unique_ptr<LiveRole> r;
  switch (s.role) {
    case RoleKind::l2tp_lac:
    case RoleKind::l2tp_lns: r = std::make_unique<L2tpRoleRun>(s); break;
    case RoleKind::pptp_pac:
    case RoleKind::pptp_pns: r = std::make_unique<PptpRoleRun>(s); break;
    case RoleKind::ppp: r = std::make_unique<PppStdioRun>(s); break;
  }
  return r;
}

}  // namespace ts::live
