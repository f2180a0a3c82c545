// `sniff -w FILE --rotate`: the parser of the limit, the RotationPolicy's decisions, and the
// RotatingPcapWriter's files (FILE, FILE.1, ...), each a readable pcap holding every frame once.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>

#include "src/runtime/capture/capture_file_reader.h"
#include "src/runtime/capture/rotating_pcap_writer.h"
#include "src/runtime/capture/rotation_policy.h"

using namespace ts;
using namespace ts::capture;

namespace {
Instant at(double s) { return Instant(std::chrono::duration_cast<Duration>(std::chrono::duration<double>(s))); }
}  // namespace

TEST_CASE("parse_rotation: sizes in bytes and powers of 1024, seconds with s") {
  CHECK(parse_rotation("1000")->bytes == 1000);
  CHECK(parse_rotation("64k")->bytes == 64 * 1024);
  CHECK(parse_rotation("2M")->bytes == 2u << 20);
  CHECK(parse_rotation("1G")->bytes == 1u << 30);
  CHECK(parse_rotation("30s")->seconds == std::chrono::seconds(30));
  CHECK(parse_rotation("30s")->bytes == 0);
  for (const char* bad : {"", "0", "s", "10x", "-5", "5 M", "1e3"}) {
    INFO(bad);
    CHECK_FALSE(parse_rotation(bad).ok());
  }
}

TEST_CASE("RotationPolicy: by size, before the record that would exceed the limit") {
  RotationPolicy p(RotationLimit{100, {}});
  p.started(24);
  CHECK_FALSE(p.rotate_before(500, at(0)));  // an empty file takes even an oversized record
  p.wrote(500, at(0));
  CHECK(p.rotate_before(1, at(0)));
  p.started(24);
  CHECK_FALSE(p.rotate_before(76, at(1)));
  p.wrote(76, at(1));  // exactly 100
  CHECK(p.rotate_before(1, at(1)));
}

TEST_CASE("RotationPolicy: by age of the file's first record, in capture time") {
  RotationPolicy p(RotationLimit{0, std::chrono::seconds(10)});
  p.started(24);
  p.wrote(50, at(100));
  CHECK_FALSE(p.rotate_before(50, at(109.999)));
  CHECK(p.rotate_before(50, at(110)));
  RotationPolicy never(RotationLimit{});
  never.started(24);
  never.wrote(1u << 30, at(0));
  CHECK_FALSE(never.rotate_before(1u << 30, at(1e6)));
}

TEST_CASE("RotatingPcapWriter: FILE, FILE.1, FILE.2, every frame once and in order") {
  const std::string path = "/tmp/ts_rotate_test_" + std::to_string(::getpid()) + ".pcap";
  auto w = RotatingPcapWriter::open(path, 1, 65535, RotationLimit{24 + 3 * (16 + 60), {}});
  REQUIRE(w.ok());
  std::uint8_t bytes[60] = {};
  for (std::uint8_t i = 0; i < 7; ++i) {
    bytes[0] = i;
    CaptureFrame f;
    f.timestamp = at(i);
    f.data = ByteView(bytes, sizeof bytes);
    f.original_length = sizeof bytes;
    REQUIRE((*w)->write(f));
  }
  REQUIRE((*w)->close());
  CHECK((*w)->files() == 3);
  std::vector<int> seen;
  for (const std::string& name : {path, path + ".1", path + ".2"}) {
    auto r = open_capture(name);
    REQUIRE(r.ok());
    CaptureFrame f;
    int n = 0;
    while ((*r)->next(f)) seen.push_back(f.data[0]), ++n;
    CHECK(n == (name == path + ".2" ? 1 : 3));
    std::remove(name.c_str());
  }
  CHECK(seen == std::vector<int>{0, 1, 2, 3, 4, 5, 6});
}
