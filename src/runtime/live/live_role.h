#pragma once
// LiveRole: one role of `tunnelscope emulate` (l2tp-lac, l2tp-lns, pptp-pac, pptp-pns, ppp)
// as the reference endpoint it runs, what the driver must listen to, the commands it gets
// (calls after a short settle time, a graceful hangup after the hold), when the run is over,
// and the verdict: whether the run reached its expected end (every call up, every PPP link in
// the network phase, the tunnel cleared cleanly, no peer fault on the timeline).
//
// PPP settings are the simulator scenarios' client and server (scenario_common.h) with the
// user, password, authentication method and MPPE policy of the settings: the LNS / PAC side
// (and ppp --server) authenticates the user, the LAC / PNS side (and ppp) is the client.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/core/result.h"
#include "src/endpoints/ppp/auth_types.h"
#include "src/endpoints/ppp/ccp_policy.h"
#include "src/engine/endpoint.h"
#include "src/runtime/live/live_driver.h"

namespace ts::live {

enum class RoleKind : std::uint8_t { l2tp_lac, l2tp_lns, pptp_pac, pptp_pns, ppp };
std::optional<RoleKind> role_from_string(std::string_view name);

struct EmulateSettings {
  RoleKind role = RoleKind::l2tp_lac;
  std::string local;  // our IPv4 address
  std::string peer;   // the peer's IPv4 address (L2TP LAC / PPTP: required)
  std::uint16_t port = 1701;
  std::string secret;
  std::string username = "alice";
  std::string password = "wonderland";
  endpoints::ppp::AuthMethod auth = endpoints::ppp::AuthMethod::mschap_v2;
  endpoints::ppp::MppeStrength mppe = endpoints::ppp::MppeStrength::none;
  bool stateless = false;
  unsigned sessions = 1;  // calls placed (LAC, PNS) or expected (LNS, PAC)
  Duration hold = std::chrono::seconds(10);
  std::optional<Duration> hello;   // L2TP Hello interval
  std::optional<unsigned> window;  // L2TP / PPTP receive window
  std::optional<Duration> echo;    // PPTP Echo and PPP LCP Echo interval
  bool ppp_server = false;         // ppp: authenticate the peer instead
  // Keep serving until the time limit or a signal instead of ending once the expected calls
  // came and went (a device for `conform --target`, which opens many tunnels in turn).
  bool serve = false;
  std::uint64_t seed = 1;
};

struct RoleVerdict {
  bool ok = false;
  std::vector<std::string> summary;
  std::vector<std::string> problems;
};

class LiveRole {
 public:
  virtual ~LiveRole() = default;
  virtual engine::Endpoint& endpoint() = 0;
  // Listeners and scheduled commands; an environment error as a message.
  virtual Result<bool> prepare(LiveDriver& driver) = 0;
  // True once the run reached its end (both tunnel sides: the tunnel is gone).
  virtual bool finished() const = 0;
  virtual RoleVerdict verdict(const std::vector<TimelineEntry>& timeline) const = 0;
};

// The role for `settings`; an error names a missing or inconsistent setting.
Result<std::unique_ptr<LiveRole>> make_live_role(const EmulateSettings& settings);

}  // namespace ts::live
