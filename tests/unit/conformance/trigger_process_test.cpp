// The call trigger's process (conformance/live/trigger_process.h): exit status, SIGTERM with
// a grace period, and the end of what it started.
#include "conformance/live/trigger_process.h"

#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace std::chrono_literals;
using ts::conformance::TriggerProcess;

namespace {

// Waits (bounded) until FILE holds a number; 0 if it never does.
int pid_in(const std::string& file) {
  for (int i = 0; i < 200; ++i) {
    std::ifstream in(file);
    int pid = 0;
    if (in >> pid && pid > 0) return pid;
    std::this_thread::sleep_for(10ms);
  }
  return 0;
}

bool alive(int pid) { return pid > 0 && kill(pid, 0) == 0; }

std::string temp_file(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::string(name) + std::to_string(getpid()))).string();
}

}  // namespace

TEST_CASE("a trigger that ends by itself gives its exit status") {
  TriggerProcess t;
  REQUIRE(t.start("exit 3").ok());
  std::optional<int> status;
  for (int i = 0; i < 500 && !status; ++i, std::this_thread::sleep_for(10ms)) status = t.poll();
  CHECK(status == 3);
  CHECK(t.stop(1000ms) == 3);
}

TEST_CASE("stop gives a running trigger SIGTERM and time to end itself") {
  TriggerProcess t;
  REQUIRE(t.start("trap 'exit 7' TERM; while :; do sleep 0.05; done").ok());
  std::this_thread::sleep_for(100ms);
  CHECK_FALSE(t.poll());
  const auto before = std::chrono::steady_clock::now();
  CHECK(t.stop(2000ms) == 7);
  CHECK(std::chrono::steady_clock::now() - before < 1500ms);
}

TEST_CASE("stop ends what the trigger started, and kills one that ignores SIGTERM") {
  const auto file = temp_file("ts-trigger-child-");
  std::filesystem::remove(file);
  TriggerProcess t;
  // A background child (as a client's helper process), and a shell that ignores SIGTERM.
  REQUIRE(t.start("sleep 30 & echo $! >" + file + "; trap '' TERM; while :; do sleep 0.05; done").ok());
  const int child = pid_in(file);
  REQUIRE(alive(child));
  const auto before = std::chrono::steady_clock::now();
  CHECK(t.stop(300ms) == 128 + SIGKILL);
  CHECK(std::chrono::steady_clock::now() - before < 2s);
  // The child got SIGTERM with its group; reaped by init, it disappears.
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i, std::this_thread::sleep_for(10ms)) gone = !alive(child);
  CHECK(gone);
  std::filesystem::remove(file);
}

TEST_CASE("a trigger never started has no status") {
  TriggerProcess t;
  CHECK_FALSE(t.poll());
  CHECK_FALSE(t.stop(0ms));
}
