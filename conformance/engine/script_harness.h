#pragma once
// ScriptHarness: what the script runner (script_runner.h) needs of the world a script runs
// in: a clock, a way to let time pass while the script peer and the device talk, commands
// to the script peer delivered at a given time, and packet loss on the device's side. Two
// implementations: the deterministic simulator with our reference endpoint as the device
// (sim_harness.h), the live driver against a real device (conformance/live), and a recording
// of a conversation, for the expectations only (conformance/capture).
#include <cstddef>
#include <string>

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
  // The next `count` packets from the device that are of `kind` (ScriptPeer::packet_is)
  // never reach the peer.
  virtual void drop_next(std::size_t count, const std::string& kind) = 0;
  virtual ScriptPeer& peer() = 0;
  // Why run_until() returned false, for the error verdict.
  virtual std::string stop_reason() const { return "the run was stopped (time limit or signal)"; }
};

}  // namespace ts::conformance
