// The benchmark's synthetic captures (tests/bench/synthetic_capture.h): exact length, valid
// pcap with timestamps that never go backwards, several simulator runs, prefix property, and
// the same bytes for the same request.
#include "tests/bench/synthetic_capture.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "src/runtime/capture/capture_file_reader.h"
#include "tests/bench/pcap_loop.h"

using namespace ts;
using namespace ts::bench;

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("ts_bench_test_" + name)).string();
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

MixSpec small_mix(const std::string& scenario) {
  MixSpec s;
  s.scenario = scenario;
  s.sessions = 3;
  s.pings = 5;
  return s;
}

}  // namespace

TEST_CASE(
    "a synthetic capture has exactly the packets asked for, over several runs, in time order") {
  for (const std::string scenario : {"pptp", "l2tp"}) {
    const auto path = temp_path(scenario + ".pcap");
    auto info = write_synthetic_capture(path, small_mix(scenario), 2500);
    REQUIRE(info.ok());
    CHECK(info->packets == 2500);
    CHECK(info->runs > 1);
    CHECK(info->file_bytes == std::filesystem::file_size(path));
    auto reader = capture::open_capture(path);
    REQUIRE(reader.ok());
    capture::CaptureFrame frame;
    std::uint64_t count = 0;
    Instant previous{};
    bool ordered = true;
    while (reader.value()->next(frame)) {
      if (count > 0 && frame.timestamp < previous) ordered = false;
      previous = frame.timestamp;
      ++count;
    }
    CHECK(reader.value()->truncated_message().empty());
    CHECK(count == 2500);
    CHECK(ordered);
    CHECK(pcap_loop_count(path) == 2500);  // libpcap reads it too
    std::filesystem::remove(path);
  }
}

TEST_CASE("a shorter synthetic capture is a prefix of a longer one, and the bytes repeat") {
  const auto small = temp_path("small.pcap");
  const auto big = temp_path("big.pcap");
  const auto again = temp_path("again.pcap");
  REQUIRE(write_synthetic_capture(small, small_mix("pptp"), 700).ok());
  REQUIRE(write_synthetic_capture(big, small_mix("pptp"), 1900).ok());
  REQUIRE(write_synthetic_capture(again, small_mix("pptp"), 1900).ok());
  const auto s = file_bytes(small);
  const auto b = file_bytes(big);
  REQUIRE(s.size() < b.size());
  CHECK(b.compare(0, s.size(), s) == 0);
  CHECK(file_bytes(again) == b);
  for (const auto& p : {small, big, again}) std::filesystem::remove(p);
}

TEST_CASE("an unknown scenario is an error, not an empty capture") {
  const auto r = write_synthetic_capture(temp_path("none.pcap"), small_mix("no-such-scenario"), 10);
  CHECK_FALSE(r.ok());
}
