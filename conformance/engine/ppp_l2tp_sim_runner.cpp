#include "conformance/engine/ppp_l2tp_sim_runner.h"

#include "conformance/engine/ppp_l2tp_script_peer.h"
#include "conformance/engine/ppp_script_check.h"
#include "conformance/engine/ppp_sim_runner.h"
#include "conformance/engine/sim_harness.h"
#include "src/endpoints/l2tp/l2tp_endpoint.h"
#include "src/endpoints/ppp/ppp_link_factory.h"

namespace ts::conformance {

Verdict run_ppp_script_over_l2tp_in_sim(const Script& script, const endpoints::ppp::PppFaults& faults,
                                        const SimRunOptions& options) {
  if (script.device != "ppp.authenticator")
    return error_verdict(script, 0, "PPP over L2TP drives ppp.authenticator devices, not " + script.device);
  if (const auto problem = ppp_script_problem(script)) return error_verdict(script, problem->first, problem->second);
  auto ppp = ppp_reference_config(script.device);
  ppp->faults = faults;
  endpoints::l2tp::L2tpConfig lns;
  lns.role = endpoints::l2tp::L2tpRole::lns;
  lns.link_factory = endpoints::ppp::make_ppp_link_factory(std::move(*ppp));
  PppL2tpSettings lac;
  lac.lns = "dut:1701";
  lac.seed = options.seed;
  SimHarness h(options.seed, std::make_unique<endpoints::l2tp::L2tpEndpoint>(std::move(lns)),
               std::make_unique<PppL2tpScriptPeer>(std::move(lac), PppScriptCredentials{}), options.link);
  h.sim().listen(h.dut(), engine::ChannelKind::udp, 1701);
  h.sim().schedule_command(h.tester(), h.sim().start(), engine::Command{"open", {}});
  return with_recording(run_script(script, h, runner_options(options)), h, options);
}

}  // namespace ts::conformance
