#include "conformance/live/trigger_process.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstring>
#include <thread>

#include <fmt/format.h>

extern char** environ;

namespace ts::conformance {

namespace {

int exit_status(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

}  // namespace

TriggerProcess::~TriggerProcess() { stop(std::chrono::milliseconds(0)); }

Result<bool> TriggerProcess::start(const std::string& command) {
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Its own process group (id = its pid): stop() reaches whatever it started.
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, "/bin/sh", nullptr, &attr, const_cast<char* const*>(argv), environ);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return Error{fmt::format("cannot run the call trigger: {}", std::strerror(rc))};
  pid_ = pid;
  status_.reset();
  return true;
}

std::optional<int> TriggerProcess::poll() {
  if (pid_ < 0) return status_;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    status_ = exit_status(status);
    pid_ = -1;
  }
  return status_;
}

std::optional<int> TriggerProcess::stop(std::chrono::milliseconds grace) {
  if (poll() || pid_ < 0) return status_;
  kill(-pid_, SIGTERM);
  const auto until = std::chrono::steady_clock::now() + grace;
  while (!poll() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (pid_ >= 0) {
    kill(-pid_, SIGKILL);
    int status = 0;
    if (waitpid(pid_, &status, 0) == pid_) status_ = exit_status(status);
    pid_ = -1;
  }
  return status_;
}

}  // namespace ts::conformance
