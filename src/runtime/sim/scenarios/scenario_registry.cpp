#include <algorithm>

#include "src/endpoints/l2tp/l2tp_endpoint_diagnostics.h"
#include "src/endpoints/l2tp/reliable_channel_diagnostics.h"
#include "src/endpoints/ppp/auth_diagnostics.h"
#include "src/endpoints/ppp/mppe_diagnostics.h"
#include "src/endpoints/ppp/ppp_endpoint_diagnostics.h"
#include "src/endpoints/pptp/pptp_endpoint_diagnostics.h"
#include "src/runtime/sim/scenarios/scenario.h"
#include "src/runtime/sim/scenarios/scenario_factories.h"

namespace ts::sim {

std::vector<ScenarioInfo> scenario_list() {
  return {
      {"pptp", "PNS (client) calls PAC (server): PPP MS-CHAPv2 + MPPE-128, ping, teardown"},
      {"l2tp", "LAC brings incoming calls to LNS: tunnel auth, PPP CHAP-MD5, ping, Hello, teardown"},
      {"l2tp-dialout", "LNS opens the tunnel and dials out through the LAC: OCRQ/OCRP/OCCN, PPP PAP"},
  };
}

std::unique_ptr<Scenario> make_scenario(std::string_view name) {
  if (name == "pptp") return make_pptp_scenario();
  if (name == "l2tp") return make_l2tp_scenario(false);
  if (name == "l2tp-dialout") return make_l2tp_scenario(true);
  return nullptr;
}

RunResult run_scenario(Scenario& scenario, Simulator& sim, const ScenarioOptions& options) {
  scenario.build(sim, options);
  return sim.run_until_idle(options.time_limit);
}

void link_endpoint_diagnostic_tables() {
  // The endpoint tables register themselves when their object files are linked; naming
  // each one here guarantees they are (registration ignores repeats).
  static const DiagnosticTable tables[] = {
      DiagnosticTable(endpoints::l2tp::diag::all_defs()),
      DiagnosticTable(endpoints::l2tp::diag::endpoint_defs()),
      DiagnosticTable(endpoints::ppp::diag::all_defs()),
      DiagnosticTable(endpoints::ppp::diag::mppe_defs()),
      DiagnosticTable(endpoints::ppp::peer_diag::all_defs()),
      DiagnosticTable(endpoints::pptp::diag::all_defs())};
  (void)tables;
}

}  // namespace ts::sim
