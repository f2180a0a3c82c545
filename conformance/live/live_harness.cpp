#include "conformance/live/live_harness.h"

#include <fmt/format.h>

#include <random>

#include "conformance/engine/l2tp_script_peer.h"
#include "conformance/engine/ppp_l2tp_script_peer.h"
#include "conformance/engine/pptp_script_peer.h"

namespace ts::conformance {

Result<std::unique_ptr<LiveHarness>> LiveHarness::open(const std::string& device_role, const DeviceProfile& profile,
                                                       const LiveHarnessOptions& options) {
  const bool l2tp = device_role == "l2tp.lns" || device_role == "l2tp.lac";
  const bool pptp = device_role == "pptp.pac" || device_role == "pptp.pns";
  const bool ppp = device_role == "ppp.authenticator";
  if (device_role == "ppp.peer")
    return Error{"ppp.peer runs in simulation only: the device would have to call us as a PPP client, and no "
                 "real PPP client runs here without kernel PPP (docs/interop.md)"};
  if (!l2tp && !pptp && !ppp)
    return Error{"live runs drive L2TP, PPTP and PPP devices (l2tp.lns, l2tp.lac, pptp.pac, pptp.pns, "
                 "ppp.authenticator), not " + device_role};
  if (ppp && profile.ppp_transport != "l2tp")
    return Error{"a live PPP device needs ppp-transport = l2tp in its profile (PPP in an L2TP session to target)"};
  if (profile.target.empty()) return Error{"no target: give --target ADDRESS or target = in the profile"};
  // Devices that call us (an LAC, a PNS) need a trigger; we listen where they call.
  const bool calls_us = device_role == "l2tp.lac" || device_role == "pptp.pns";
  if (calls_us && profile.call_trigger.empty())
    return Error{"an " + device_role + " device needs call-trigger in its profile (a command that makes it call)"};
  std::unique_ptr<LiveHarness> h(new LiveHarness());
  if (ppp) {
    PppL2tpSettings ls;
    ls.lns = fmt::format("{}:{}", profile.target, profile.port);
    ls.secret = profile.secret;
    // Fresh tunnel and session ids for each run (a device may still hold the last ones).
    ls.seed = std::random_device{}();
    PppScriptCredentials cred;
    if (!profile.username.empty()) cred.name = profile.username;
    if (!profile.password.empty()) cred.password = profile.password;
    h->peer_ = std::make_unique<PppL2tpScriptPeer>(std::move(ls), std::move(cred));
  } else if (l2tp)
    h->peer_ = std::make_unique<L2tpScriptPeer>(fmt::format("{}:{}", profile.target, profile.port), profile.secret);
  else
    h->peer_ = std::make_unique<PptpScriptPeer>(profile.target, /*connects=*/device_role == "pptp.pac");
  h->filter_ = std::make_unique<ImpairmentFilter>(*h->peer_);
  live::LiveOptions lo;
  lo.local_address = profile.local;
  lo.time_limit = profile.script_limit;
  lo.pcap = options.pcap;
  lo.sink = options.sink;
  h->driver_ = std::make_unique<live::LiveDriver>(*h->filter_, lo);
  if (auto r = h->driver_->start(); !r.ok()) return Error{r.error()};
  if (device_role == "l2tp.lac") {
    // The device calls us: its configured LNS is our address, port 1701 (RFC 2661 §8.1).
    if (auto r = h->driver_->listen(engine::ChannelKind::udp, 1701); !r.ok()) return Error{r.error()};
  } else if (device_role == "pptp.pns") {
    // RFC 2637 §1.3: the PNS connects to TCP port 1723 of the PAC.
    if (auto r = h->driver_->listen(engine::ChannelKind::tcp, 1723); !r.ok()) return Error{r.error()};
  }
  h->driver_->begin();
  if (calls_us)
    if (auto r = h->trigger_.start(profile.call_trigger); !r.ok()) return Error{r.error()};
  if (ppp)
    if (auto r = h->bring_line_up(); !r.ok()) return Error{r.error()};
  return h;
}

Result<bool> LiveHarness::bring_line_up() {
  auto& peer = static_cast<PppL2tpScriptPeer&>(*peer_);
  const Instant limit = driver_->now() + kLineSetup;
  command(driver_->now(), engine::Command{"open", {}});
  while (!peer.line_up() && driver_->now() < limit)
    if (!driver_->advance(std::min(limit, driver_->now() + std::chrono::milliseconds(5)))) break;
  if (!peer.line_up())
    return Error{fmt::format("the L2TP session to carry PPP did not come up within {} s: {}", kLineSetup.count(),
                             peer.line_status())};
  line_start_ = driver_->now();
  return true;
}

LiveHarness::~LiveHarness() {
  if (!closed_) close();
}

void LiveHarness::command(Instant at, engine::Command command) {
  const Duration after = at > driver_->started() ? at - driver_->started() : Duration{0};
  driver_->schedule_command(after, std::move(command));
}

live::LiveRunResult LiveHarness::close() {
  closed_ = true;
  trigger_.poll();
  const Instant t = driver_->now();
  if (auto cleanup = peer_->cleanup_command()) command(t, std::move(*cleanup));
  // Until the peer owes nothing (its StopCCN acknowledged, the device's last messages
  // acknowledged: nothing left to send or retransmit), at most 2 s.
  const Instant limit = t + std::chrono::seconds(2);
  while (driver_->now() < limit && driver_->advance(std::min(limit, driver_->now() + std::chrono::milliseconds(50))))
    if (!peer_->next_deadline()) break;
  // A client still running gets SIGTERM and a moment to end itself and what it started
  // (docs/device-profiles.md), then SIGKILL.
  trigger_.stop(kTriggerGrace);
  return driver_->finish(live::LiveStop::finished);
}

}  // namespace ts::conformance
