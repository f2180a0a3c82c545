#pragma once
// LiveHarness: runs a conformance script against a real device (docs/device-profiles.md)
// through the live driver (src/runtime/live/live_driver.h), the script playing the other
// role through the same ScriptPeer as in simulation. One harness per script: a fresh
// driver, so each script starts from its own UDP port and recording.
//  - l2tp.lns: the peer (an LAC) sends to target:port from an ephemeral port.
//  - pptp.pac: the peer (a PNS) connects to target:1723; GRE over a raw socket (root).
//  - ppp.authenticator with `ppp-transport = l2tp` (docs/device-profiles.md): the device is a
//    PPP authenticator behind an L2TP LNS at target:port; the peer (PppL2tpScriptPeer) sets
//    up a control connection and one incoming call with our reference LAC, then speaks the
//    script's PPP in that session. open() waits for the session (at most kLineSetup) and the
//    script's time 0 is the moment it is up, as the line coming up in simulation. ppp.peer
//    cannot run live: no real PPP client runs here without kernel PPP (docs/interop.md).
//  - l2tp.lac, pptp.pns: we listen on UDP 1701 / TCP 1723 of the profile's local address,
//    then run the profile's call-trigger (a shell command, /bin/sh -c) so that the device
//    calls us; its exit status is reported, and it is killed if still running when the
//    script ends (SIGTERM to its process group, up to 2 s, then SIGKILL: trigger_process.h).
//  - drop-next, delay-next, duplicate-next and reorder-next impair packets from the device in
//    an ImpairmentFilter before the peer sees them; the driver runs the filter's deadlines.
//  - close(): the peer's cleanup command (StopCCN for an open tunnel), then up to 2 s until
//    the peer owes nothing (its messages acknowledged, the device's acknowledged), then the
//    recording is closed.
// Environment problems (bind, permissions, a bad address, a trigger that cannot start) are
// returned by open() as messages: the runner reports them as errors, not failures.
#include <memory>
#include <optional>
#include <string>

#include "conformance/engine/device_profile.h"
#include "conformance/engine/script_harness.h"
#include "conformance/engine/impairment_filter.h"
#include "conformance/live/trigger_process.h"
#include "src/core/result.h"
#include "src/runtime/live/live_driver.h"

namespace ts::conformance {

struct LiveHarnessOptions {
  std::string pcap;  // the recording; empty: none
  std::function<void(const live::TimelineEntry&)> sink;
};

class LiveHarness : public ScriptHarness {
 public:
  static Result<std::unique_ptr<LiveHarness>> open(const std::string& device_role, const DeviceProfile& profile,
                                                   const LiveHarnessOptions& options);
  ~LiveHarness() override;

  Instant start() const override { return line_start_.value_or(driver_->started()); }
  Instant now() const override { return driver_->now(); }
  bool run_until(Instant until) override { return driver_->advance(until); }
  void command(Instant at, engine::Command command) override;
  void impair_next(const Impairment& rule) override { filter_->impair_next(rule); }
  ScriptPeer& peer() override { return *peer_; }

  // Leaves the device clean and closes the recording; what happened, for the report.
  live::LiveRunResult close();
  std::size_t dropped() const { return filter_->dropped(); }
  const std::vector<live::TimelineEntry>& timeline() const { return driver_->timeline(); }
  // The call trigger's exit status once it ended (nullopt: none, or still running).
  std::optional<int> trigger_status() { return trigger_.poll(); }

 private:
  LiveHarness() = default;
  static constexpr std::chrono::milliseconds kTriggerGrace{2000};
  static constexpr std::chrono::seconds kLineSetup{10};
  // PPP over L2TP: the session up before the script starts (nullopt: the driver's start).
  Result<bool> bring_line_up();

  std::unique_ptr<ScriptPeer> peer_;
  std::unique_ptr<ImpairmentFilter> filter_;
  std::unique_ptr<live::LiveDriver> driver_;
  TriggerProcess trigger_;
  std::optional<Instant> line_start_;
  bool closed_ = false;
};

}  // namespace ts::conformance
