#pragma once
// CaptureHarness: judges a script's expectations against a recording of a conversation with
// the device (pcap or pcapng, e.g. what `conform --pcap-dir` wrote), instead of a live or a
// simulated device. The device's side of the recording is turned into the inputs the live
// driver gave the script peer in that run, by one reader per transport
// (recorded_conversation.h: L2TP datagrams; PPTP's TCP control stream, its close and GRE;
// PPP in an L2TP session), and handed to the same script peer at their capture times; script
// time 0 is where that reader says the live run's was.
// The script's sends go nowhere (the recording holds what was sent; the peer still builds
// them, so that a script error is still found). The impairments (drop-next, delay-next,
// duplicate-next, reorder-next) act on the device's packets in the same ImpairmentFilter as
// the live run's, after they were recorded, at the capture's times (held packets are released
// at their due times in time order with the rest): so the expectations, and only they, are
// judged again, with the verdicts the live run gave, and a capture of another
// implementation's conversation gives verdicts on the device's side.
#include <memory>
#include <string>
#include <vector>

#include "conformance/capture/recorded_conversation.h"
#include "conformance/engine/impairment_filter.h"
#include "conformance/engine/matcher.h"
#include "conformance/engine/script_harness.h"
#include "src/core/result.h"

namespace ts::conformance {

class CaptureHarness : public ScriptHarness {
 public:
  // `device_role`: l2tp.lns, l2tp.lac, pptp.pac, pptp.pns, or ppp.authenticator (its PPP
  // recorded in an L2TP session: ppp-transport = l2tp). `device`: the device's IPv4 address,
  // the tunnel secret of that run (hidden AVPs, challenge_response_ok), the PPP credentials.
  // A role that cannot be judged so, an unreadable file, or a recording without the
  // conversation the role needs: an error (the runner's error verdict), never a fail.
  static Result<std::unique_ptr<CaptureHarness>> open(const std::string& device_role, const std::string& path,
                                                      const RecordedDevice& device);
  static Result<std::unique_ptr<CaptureHarness>> open(const std::string& device_role, const std::string& path,
                                                      const std::string& target, const std::string& secret = {}) {
    return open(device_role, path, RecordedDevice{target, secret, {}});
  }

  Instant start() const override { return start_; }
  Instant now() const override { return now_; }
  bool run_until(Instant until) override;
  void command(Instant at, engine::Command command) override;
  void impair_next(const Impairment& rule) override { filter_->impair_next(rule); }
  ScriptPeer& peer() override { return *peer_; }

  // The device's inputs to the peer (packets, stream pieces, connection events).
  std::size_t device_events() const { return events_.size(); }
  // $tunnel and $session as the recorded script side assigned them (L2TP: its first SCCRQ
  // or SCCRP, ICRQ or ICRP), for RunnerOptions::preset; absent when the recording has none.
  const Bindings& recorded_ids() const { return ids_; }

 private:
  CaptureHarness() = default;

  std::unique_ptr<ScriptPeer> peer_;
  std::unique_ptr<ImpairmentFilter> filter_;
  std::vector<RecordedEvent> events_;  // the device's, in capture order
  std::size_t next_ = 0;
  std::vector<std::pair<Instant, engine::Command>> commands_;
  Instant start_{}, now_{};
  Bindings ids_;
};

}  // namespace ts::conformance
