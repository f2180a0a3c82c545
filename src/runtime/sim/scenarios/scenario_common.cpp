#include "src/runtime/sim/scenarios/scenario_common.h"

#include <fmt/format.h>

#include "src/endpoints/ppp/ipcp_policy.h"

namespace ts::sim::scenario_detail {

namespace {
constexpr std::uint32_t ip(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  return std::uint32_t{a} << 24 | std::uint32_t{b} << 16 | std::uint32_t{c} << 8 | d;
}
}  // namespace

endpoints::ppp::PppConfig server_ppp(endpoints::ppp::AuthMethod method, const ScenarioOptions& o) {
  endpoints::ppp::PppConfig c;
  c.auth.require = {method};
  c.auth.authenticator.name = "server";
  c.auth.authenticator.users[kUser] = kPassword;
  c.ipcp_settings.local_address = ip(10, 255, 0, 1);
  c.ipcp_settings.pool = std::make_shared<endpoints::ppp::AddressPool>(ip(10, 255, 0, 10), 1024);
  c.ipcp_settings.dns_primary = ip(10, 255, 0, 53);
  c.echo_interval = std::chrono::seconds(15);
  // Five unanswered Echo-Requests before the link is declared dead (pppd's default is 4):
  // with three, a 20 % lossy path loses a healthy link now and then (0.36^3 per window).
  c.echo_failures = 5;
  c.seed = o.seed;
  return c;
}

endpoints::ppp::PppConfig client_ppp(endpoints::ppp::AuthMethod method, const ScenarioOptions& o) {
  endpoints::ppp::PppConfig c;
  c.auth.accept = {method};
  c.auth.authenticatee.name = kUser;
  c.auth.authenticatee.password = kPassword;
  c.ipcp_settings.request_dns = true;
  c.traffic.count = o.pings;
  c.traffic.interval = std::chrono::seconds(1);
  c.traffic.first_delay = std::chrono::seconds(2);  // let the far side finish its NCPs too
  c.seed = o.seed + 1;
  return c;
}

LinkRecords new_records() { return std::make_shared<std::vector<std::shared_ptr<LinkRecord>>>(); }

void judge_links(const std::string& side, const LinkRecords& records, std::size_t expected, bool pinger,
                 bool mppe, const ScenarioOptions& o, ScenarioOutcome& out) {
  std::size_t network = 0, authed = 0, encrypted = 0;
  std::uint64_t sent = 0, answered = 0;
  for (const auto& r : *records) {
    network += r->reached_network ? 1 : 0;
    authed += r->authenticated ? 1 : 0;
    encrypted += r->mppe ? 1 : 0;
    sent += r->pings_sent;
    answered += r->pings_answered;
    if (!r->reached_network)
      out.problems.push_back(fmt::format("{} {}: PPP never reached the network phase ({})", side, r->label,
                                         r->end_reason.empty() ? r->status : r->end_reason));
    // On a lossy link ICMP is not retransmitted and an NCP may renegotiate after a lost
    // Configure-Ack, so pings are only required on a clean link.
    if (pinger && r->reached_network && o.loss == 0.0 && o.jitter == Duration::zero()) {
      // Every ping sent is answered (the hold may end the plan before all o.pings went out).
      if (r->pings_answered != r->pings_sent || (o.pings > 0 && r->pings_sent == 0))
        out.problems.push_back(fmt::format("{} {}: {} of {} pings answered", side, r->label, r->pings_answered,
                                           r->pings_sent));
    }
  }
  if (records->size() != expected)
    out.problems.push_back(fmt::format("{}: {} PPP links created, {} expected", side, records->size(), expected));
  if (mppe && encrypted != records->size())
    out.problems.push_back(fmt::format("{}: MPPE in force on {} of {} links", side, encrypted, records->size()));
  std::string line = fmt::format("{} PPP: {}/{} links reached the network phase, {} authenticated", side,
                                 network, records->size(), authed);
  if (mppe) line += fmt::format(", {} with MPPE", encrypted);
  if (pinger) line += fmt::format("; pings {}/{} answered", answered, sent);
  out.summary.push_back(line);
}

void judge_trace(const Simulator& sim, ScenarioOutcome& out) {
  std::size_t faults = 0;
  for (const auto& r : sim.trace()) {
    if (r.kind != TraceKind::violation) continue;
    // Notes (the peer asked to terminate, a call was refused) are facts, not faults.
    const std::string id = r.text.substr(0, r.text.find(':'));
    const DiagnosticDef* def = nullptr;
    for (const auto* d : all_diagnostic_defs())
      if (d->id == id) def = d;
    if (def && def->kind == DiagKind::note) continue;
    if (++faults <= 5)
      out.problems.push_back(fmt::format("{} at {}: {}", sim.name(r.node), format_seconds(r.time - sim.start()),
                                         r.text));
  }
  if (faults > 5) out.problems.push_back(fmt::format("... {} peer faults in all", faults));
}

LinkImpairment impairment(const ScenarioOptions& o) {
  LinkImpairment l;
  l.delay = o.delay;
  l.jitter = o.jitter;
  l.loss = o.loss;
  return l;
}

}  // namespace ts::sim::scenario_detail
