#pragma once
// TriggerProcess: a device profile's call-trigger (docs/device-profiles.md), a shell command
// run with /bin/sh -c in a process group of its own, so that what it starts (a client, its
// helpers) can be ended with it.
//  - start(command): an error text when it cannot be started (the environment's fault).
//  - poll(): its exit status once it ended (128 + signal when killed), nullopt while it runs
//    or when none was started.
//  - stop(grace): ends it if still running: SIGTERM to its process group, up to `grace` for
//    the command to exit (a client can say goodbye to the device, a wrapper such as timeout
//    passes the signal on), then SIGKILL to the group. Returns the exit status as poll().
// The destructor stops it with no grace.
#include <chrono>
#include <optional>
#include <string>

#include "src/core/result.h"

namespace ts::conformance {

class TriggerProcess {
 public:
  TriggerProcess() = default;
  TriggerProcess(const TriggerProcess&) = delete;
  TriggerProcess& operator=(const TriggerProcess&) = delete;
  ~TriggerProcess();

  Result<bool> start(const std::string& command);
  std::optional<int> poll();
  std::optional<int> stop(std::chrono::milliseconds grace);

 private:
  int pid_ = -1;
  std::optional<int> status_;
};

}  // namespace ts::conformance
