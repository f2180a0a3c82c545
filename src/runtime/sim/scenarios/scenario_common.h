#pragma once
// Pieces every scenario shares: the PPP settings of a remote-access client and server, the
// judgement of PPP link records, and formatting. Not a public header.
#include <memory>
#include <string>
#include <vector>

#include "src/endpoints/ppp/ppp_config.h"
#include "src/runtime/sim/scenarios/link_watch.h"
#include "src/runtime/sim/scenarios/scenario.h"

namespace ts::sim::scenario_detail {

using LinkRecords = std::shared_ptr<std::vector<std::shared_ptr<LinkRecord>>>;

inline constexpr const char* kUser = "alice";
inline constexpr const char* kPassword = "wonderland";
inline constexpr const char* kTunnelSecret = "s3cret";

// The dial-in server: authenticates alice with `method`, assigns 10.255.0.10 upwards from a
// pool, offers DNS 10.255.0.53, answers pings, LCP Echo every 15 s (dead after 5 missed).
endpoints::ppp::PppConfig server_ppp(endpoints::ppp::AuthMethod method, const ScenarioOptions& o);
// The client: authenticates as alice, asks for an address and DNS, pings the server
// `o.pings` times once IPCP is up.
endpoints::ppp::PppConfig client_ppp(endpoints::ppp::AuthMethod method, const ScenarioOptions& o);

LinkRecords new_records();

// Adds summary lines and problems for one side's links: `expected` links, each in the
// network phase and authenticated; every ping answered on a clean link, at least one on a
// lossy one; MPPE in force when `mppe`.
void judge_links(const std::string& side, const LinkRecords& records, std::size_t expected, bool pinger,
                 bool mppe, const ScenarioOptions& o, ScenarioOutcome& out);

// Adds a problem for every peer fault on the trace (between reference endpoints there must
// be none) and for a run that did not finish by itself.
void judge_trace(const Simulator& sim, ScenarioOutcome& out);

LinkImpairment impairment(const ScenarioOptions& o);

}  // namespace ts::sim::scenario_detail
