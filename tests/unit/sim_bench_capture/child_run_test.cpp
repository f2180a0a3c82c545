// The benchmark's child measurement (tests/bench/child_run.h): exit status, start failure,
// signal, CPU time and peak RSS of the child alone.
#include "tests/bench/child_run.h"

#include <catch2/catch.hpp>

using namespace ts::bench;

TEST_CASE("a command that succeeds is measured and ok") {
  const auto u = measure_direct({"/bin/true"}, -1);
  CHECK(u.ok);
  CHECK(u.failure.empty());
  CHECK(u.wall_s > 0.0);
  CHECK(u.peak_rss_kb > 0);
}

TEST_CASE("a failing, missing or killed command is not ok and says why") {
  const auto fails = measure_direct({"/bin/false"}, -1);
  CHECK_FALSE(fails.ok);
  CHECK(fails.failure.find("status 1") != std::string::npos);
  const auto missing = measure_direct({"/nonexistent/ts-bench-command"}, -1);
  CHECK_FALSE(missing.ok);
  CHECK(missing.failure.find("could not be started") != std::string::npos);
  const auto killed = measure_direct({"/bin/sh", "-c", "kill -9 $$"}, -1);
  CHECK_FALSE(killed.ok);
  CHECK(killed.failure.find("signal 9") != std::string::npos);
}

TEST_CASE("CPU time and peak RSS are the child's") {
  // dd reads 4 x 64 MB of zeros through one 64 MB buffer (touching all of it), on CPU 0.
  const auto u = measure_direct({"dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=4"}, 0);
  REQUIRE(u.ok);
  CHECK(u.peak_rss_kb >= 64 * 1024);
  CHECK(u.cpu_s() > 0.0);
  CHECK(u.cpu_s() <= u.wall_s + 0.05);  // one core: no more CPU time than wall time
  // The test process's own memory is not what is reported for a small child.
  const auto small = measure_direct({"/bin/true"}, -1);
  CHECK(small.peak_rss_kb < 64 * 1024);
}
