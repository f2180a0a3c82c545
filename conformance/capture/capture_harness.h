#pragma once
// CaptureHarness: judges a script's expectations against a recording of a conversation with
// the device (pcap or pcapng, e.g. what `conform --pcap-dir` wrote), instead of a live or a
// simulated device. The device's packets (UDP from the target address: L2TP) are handed to the
// script peer at their capture times; script time 0 is the conversation's first packet.
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

#include "conformance/engine/impairment_filter.h"
#include "conformance/engine/matcher.h"
#include "conformance/engine/script_harness.h"
#include "src/core/result.h"

namespace ts::conformance {

class CaptureHarness : public ScriptHarness {
 public:
  // `device_role`: l2tp.lns or l2tp.lac; `target`: the device's IPv4 address; `secret`: the
  // tunnel secret of that run (hidden AVPs, challenge_response_ok).
  static Result<std::unique_ptr<CaptureHarness>> open(const std::string& device_role, const std::string& path,
                                                      const std::string& target, const std::string& secret = {});

  Instant start() const override { return start_; }
  Instant now() const override { return now_; }
  bool run_until(Instant until) override;
  void command(Instant at, engine::Command command) override;
  void impair_next(const Impairment& rule) override { filter_->impair_next(rule); }
  ScriptPeer& peer() override { return *peer_; }

  std::size_t device_packets() const { return packets_.size(); }
  // $tunnel and $session as the recorded script side assigned them (its first SCCRQ or SCCRP,
  // ICRQ or ICRP), for RunnerOptions::preset; absent when the recording has none.
  const Bindings& recorded_ids() const { return ids_; }

 private:
  struct Packet {
    Instant time;
    Bytes payload;
  };
  CaptureHarness() = default;

  std::unique_ptr<ScriptPeer> peer_;
  std::unique_ptr<ImpairmentFilter> filter_;
  std::vector<Packet> packets_;  // the device's, in capture order
  std::size_t next_ = 0;
  std::vector<std::pair<Instant, engine::Command>> commands_;
  Instant start_{}, now_{};
  Bindings ids_;
};

}  // namespace ts::conformance
