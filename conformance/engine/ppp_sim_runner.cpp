#include "conformance/engine/ppp_sim_runner.h"

#include <fmt/format.h>

#include "conformance/engine/ppp_script_check.h"
#include "conformance/engine/ppp_script_peer.h"
#include "conformance/engine/sim_harness.h"
#include "src/endpoints/ppp/ppp_stream_endpoint.h"

namespace ts::conformance {

namespace {

namespace ep = endpoints::ppp;

constexpr std::uint32_t ipv4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  return std::uint32_t{a} << 24 | std::uint32_t{b} << 16 | std::uint32_t{c} << 8 | d;
}

}  // namespace

std::optional<ep::PppConfig> ppp_reference_config(const std::string& role) {
  const PppScriptCredentials cred;
  ep::PppConfig c;
  c.seed = 7;
  c.lcp.accm = 0;
  if (role == "ppp.authenticator") {
    c.auth.require = {ep::AuthMethod::chap_md5, ep::AuthMethod::mschap_v2, ep::AuthMethod::pap};
    c.auth.authenticator.name = cred.device_name;
    c.auth.authenticator.users = {{cred.name, cred.password}};
    c.ipcp_settings.local_address = ipv4(192, 0, 2, 1);
    c.ipcp_settings.peer_address = ipv4(192, 0, 2, 2);
    c.ipcp_settings.dns_primary = ipv4(192, 0, 2, 53);
    c.ipcp_settings.dns_secondary = ipv4(192, 0, 2, 54);
  } else if (role == "ppp.peer") {
    c.auth.accept = {ep::AuthMethod::chap_md5, ep::AuthMethod::mschap_v2, ep::AuthMethod::pap};
    c.auth.authenticatee.name = cred.device_name;
    c.auth.authenticatee.password = cred.device_password;
    c.ipcp_settings.request_dns = true;
  } else {
    return std::nullopt;
  }
  return c;
}

Verdict run_ppp_script_in_sim(const Script& script, const ep::PppFaults& faults, const SimRunOptions& options) {
  auto config = ppp_reference_config(script.device);
  if (!config) return error_verdict(script, 0, "this runner drives PPP devices, not " + script.device);
  if (const auto problem = ppp_script_problem(script)) return error_verdict(script, problem->first, problem->second);
  config->faults = faults;
  auto dut = std::make_unique<ep::PppStreamEndpoint>(std::move(*config));
  auto peer = std::make_unique<PppScriptPeer>(fmt::format("dut:{}", kSimPppLinePort), PppScriptCredentials{});
  // drop-next has no PPP kind (ppp_script_peer.h); gre never occurs on this link.
  SimHarness h(options.seed, std::move(dut), std::move(peer), options.link);
  h.sim().listen(h.dut(), engine::ChannelKind::tcp, kSimPppLinePort);
  h.sim().schedule_command(h.tester(), h.sim().start(), engine::Command{"open", {}});
  return run_script(script, h, runner_options(options));
}

}  // namespace ts::conformance
