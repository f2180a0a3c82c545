#pragma once
// ScriptHarness: what the script runner (script_runner.h) needs of the world a script runs
// in: a clock, a way to let time pass while the script peer and the device talk, commands
// to the script peer delivered at a given time, and impairments of the device's packets on
// their way to the script peer (one ImpairmentFilter, impairment_filter.h). Three
// implementations: the deterministic simulator with our reference endpoint as the device
// (sim_harness.h), the live driver against a real device (conformance/live), and a recording
// of a conversation, for the expectations only (conformance/capture).
#include <cstddef>
#include <string>

#include "conformance/engine/impairment_filter.h"
#include "conformance/engine/script_peer.h"
#include "src/core/time.h"
#include "src/engine/endpoint.h"

namespace ts::conformance {

class ScriptHarness {
 public:
  virtual ~ScriptHarness() = default;
  virtual Instant start() const = 0;
  virtual Instant now() const = 0;
  // Lets time pass until `until` (not before now()): the peer and the device exchange what
  // they have to. False: the run cannot go on (a live run's time limit or a signal).
  virtual bool run_until(Instant until) = 0;
  // Delivers `command` to the script peer at `at` (now() or later).
  virtual void command(Instant at, engine::Command command) = 0;
  // The next `rule.count` packets from the device that are of `rule.kind`
  // (ScriptPeer::packet_is) are lost, delayed, duplicated or reordered on their way to the
  // peer (impairment_filter.h), after the rules given before.
  virtual void impair_next(const Impairment& rule) = 0;
  virtual ScriptPeer& peer() = 0;
  // Why run_until() returned false, for the error verdict.
  virtual std::string stop_reason() const { return "the run was stopped (time limit or signal)"; }
};

}  // namespace ts::conformance
