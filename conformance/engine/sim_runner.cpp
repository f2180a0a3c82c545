#include "conformance/engine/sim_runner.h"

#include <algorithm>

#include "conformance/engine/l2tp_script_peer.h"
#include "conformance/engine/script_runner.h"
#include "conformance/engine/sim_harness.h"
#include "src/endpoints/l2tp/l2tp_endpoint.h"
#include "src/endpoints/ppp/ppp_link_factory.h"

namespace ts::conformance {

RunnerOptions runner_options(const SimRunOptions& options) {
  RunnerOptions ro;
  ro.default_window = options.default_window;
  ro.poll = options.step;
  ro.preset = {{"tunnel", "4711"}, {"session", "99"}};
  return ro;
}

Verdict error_verdict(const Script& script, int line, std::string why) {
  Verdict v;
  v.script = script.file;
  v.checks = script.checks;
  v.outcome = Outcome::error;
  v.line = line;
  v.reason = std::move(why);
  return v;
}

Verdict run_l2tp_script_in_sim(const Script& script, endpoints::l2tp::L2tpConfig device,
                               const SimRunOptions& options) {
  if (script.device != "l2tp.lns" && script.device != "l2tp.lac")
    return error_verdict(script, 0, "this runner drives L2TP devices, not " + script.device);
  // The reference claims tunnel-auth: such scripts run with one secret on both sides.
  for (const auto& f : script.requires_features)
    if (f != "tunnel-auth") {
      Verdict v = error_verdict(script, 0, "the reference endpoint does not claim '" + f + "'");
      v.outcome = Outcome::inconclusive;
      return v;
    }
  std::string secret = options.secret;
  if (std::find(script.requires_features.begin(), script.requires_features.end(), "tunnel-auth") !=
      script.requires_features.end()) {
    if (secret.empty()) secret = device.secret.empty() ? "ts-selftest-secret" : device.secret;
    if (device.secret.empty()) device.secret = secret;
  }
  const bool lac = script.device == "l2tp.lac";
  // A script about data messages gets a PPP peer on each session, as a real LAC/LNS has: it
  // sends LCP Configure-Requests in data messages once the call is up and answers the script's
  // (RFC 2661 §7.4.2, §5.4). The other scripts keep sessions without a link, whose silence
  // (no data, no CDN when PPP gives up after 30 s) their timings were written for.
  const bool data = std::any_of(script.steps.begin(), script.steps.end(), [](const Step& s) { return s.name == "DATA"; });
  if (data && !device.link_factory)
    device.link_factory = endpoints::ppp::make_ppp_link_factory(endpoints::ppp::PppConfig{});
  device.role = lac ? endpoints::l2tp::L2tpRole::lac : endpoints::l2tp::L2tpRole::lns;
  SimHarness h(options.seed, std::make_unique<endpoints::l2tp::L2tpEndpoint>(std::move(device)),
               std::make_unique<L2tpScriptPeer>("dut:1701", secret), options.link);
  h.sim().listen(h.dut(), engine::ChannelKind::udp, 1701);
  h.sim().listen(h.tester(), engine::ChannelKind::udp, 1701);
  // An LAC acts when a call comes in: in selftest the reference LAC gets one at the start,
  // as a real LAC would when its line rings (a live device is triggered by its profile).
  if (lac)
    h.sim().schedule_command(h.dut(), h.sim().start(),
                             engine::Command{"call", {{"peer", "tester"}, {"called", "5551000"}}});
  return with_recording(run_script(script, h, runner_options(options)), h, options);
}

Verdict with_recording(Verdict v, SimHarness& h, const SimRunOptions& options) {
  if (!options.pcap.empty()) {
    if (auto w = h.sim().tap().write(options.pcap); w.ok()) v.artefacts.push_back(options.pcap);
    else v.outcome = Outcome::error, v.reason = "cannot write " + options.pcap + ": " + w.error();
  }
  return v;
}

}  // namespace ts::conformance
