// CaptureFileReader on hand-built files: pcap in both byte orders and resolutions, pcapng
// with several interfaces (different link types, snaplens, timestamp resolutions), Simple
// and obsolete Packet Blocks, a second section, and cut or malformed files.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "src/core/byte_writer.h"
#include "src/runtime/capture/capture_file_reader.h"

using namespace ts;
using namespace ts::capture;

namespace {

std::string write_temp(const Bytes& b) {
  static int n = 0;
  const std::string path = "/tmp/ts_reader_test_" + std::to_string(::getpid()) + "_" + std::to_string(n++);
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  return path;
}

std::vector<CaptureFrame> read_all(const std::string& path, std::string* truncated = nullptr,
                                   std::vector<Bytes>* data = nullptr) {
  auto r = open_capture(path);
  REQUIRE(r.ok());
  std::vector<CaptureFrame> out;
  CaptureFrame f;
  while ((*r)->next(f)) {
    out.push_back(f);
    if (data) data->emplace_back(f.data.begin(), f.data.end());
  }
  if (truncated) *truncated = (*r)->truncated_message();
  return out;
}

// A block of a little-endian pcapng file.
void block(ByteWriter& w, std::uint32_t type, const Bytes& body) {
  const auto len = static_cast<std::uint32_t>(12 + body.size());
  w.le32(type).le32(len).bytes(body).le32(len);
}

Bytes section_header() {
  ByteWriter b;
  b.le32(0x1A2B3C4D).le16(1).le16(0).le32(0xffffffff).le32(0xffffffff);
  ByteWriter w;
  block(w, 0x0A0D0D0A, b.take());
  return w.take();
}

Bytes idb(std::uint16_t linktype, std::uint32_t snaplen, int tsresol) {
  ByteWriter b;
  b.le16(linktype).le16(0).le32(snaplen);
  if (tsresol >= 0) b.le16(9).le16(1).u8(static_cast<std::uint8_t>(tsresol)).zeros(3);
  b.le16(0).le16(0);
  ByteWriter w;
  block(w, 1, b.take());
  return w.take();
}

Bytes epb(std::uint32_t ifc, std::uint64_t ticks, const Bytes& data, std::uint32_t origlen) {
  ByteWriter b;
  b.le32(ifc).le32(static_cast<std::uint32_t>(ticks >> 32)).le32(static_cast<std::uint32_t>(ticks));
  b.le32(static_cast<std::uint32_t>(data.size())).le32(origlen).bytes(data);
  while (b.size() % 4) b.u8(0);
  ByteWriter w;
  block(w, 6, b.take());
  return w.take();
}

}  // namespace

TEST_CASE("pcap files in both byte orders and resolutions") {
  for (bool big : {false, true}) {
    for (bool nano : {false, true}) {
      ByteWriter w;
      const std::uint32_t magic = nano ? 0xa1b23c4d : 0xa1b2c3d4;
      auto u32 = [&](std::uint32_t v) { big ? w.be32(v) : w.le32(v); };
      auto u16 = [&](std::uint16_t v) { big ? w.be16(v) : w.le16(v); };
      u32(magic);
      u16(2);
      u16(4);
      u32(0);
      u32(0);
      u32(65535);
      u32(101);
      u32(1000);
      u32(nano ? 123456789 : 123456);
      u32(3);
      u32(10);
      w.bytes(Bytes{0x45, 0, 0});
      std::vector<Bytes> data;
      const auto frames = read_all(write_temp(w.take()), nullptr, &data);
      REQUIRE(frames.size() == 1);
      CHECK(frames[0].linktype == 101);
      CHECK(frames[0].captured_length == 3);
      CHECK(frames[0].original_length == 10);
      CHECK(to_ns(frames[0].timestamp) == 1000LL * 1000000000 + (nano ? 123456789 : 123456000));
      CHECK(data[0] == Bytes{0x45, 0, 0});
    }
  }
}

TEST_CASE("pcapng with two interfaces of different link types, snaplens and resolutions") {
  ByteWriter w;
  w.bytes(section_header()).bytes(idb(1, 65535, -1)).bytes(idb(101, 128, 9));
  w.bytes(epb(0, 5000000, Bytes{1, 2, 3}, 3));           // microseconds: 5 s
  w.bytes(epb(1, 7000000001ULL, Bytes{4, 5}, 60));       // nanoseconds: 7 s + 1 ns
  {
    ByteWriter spb;  // Simple Packet Block: interface 0, no timestamp
    spb.le32(4).bytes(Bytes{9, 9, 9, 9});
    block(w, 3, spb.take());
  }
  block(w, 0x00000005, Bytes(8, 0));  // an Interface Statistics Block: skipped
  // A second section resets the interfaces.
  w.bytes(section_header()).bytes(idb(113, 65535, 0x80 | 10));  // 2^-10 s ticks
  w.bytes(epb(0, 2048, Bytes{7}, 1));                             // 2 s
  std::string trunc;
  const auto f = read_all(write_temp(w.take()), &trunc);
  REQUIRE(f.size() == 4);
  CHECK(trunc.empty());
  CHECK(f[0].linktype == 1);
  CHECK(to_ns(f[0].timestamp) == 5000000000LL);
  CHECK(f[1].linktype == 101);
  CHECK(to_ns(f[1].timestamp) == 7000000001LL);
  CHECK(f[1].original_length == 60);
  CHECK(f[2].captured_length == 4);
  CHECK(f[3].linktype == 113);
  CHECK(to_ns(f[3].timestamp) == 2000000000LL);
}

TEST_CASE("cut and malformed files end the frames with a message, never a crash") {
  ByteWriter w;
  w.bytes(section_header()).bytes(idb(1, 65535, -1)).bytes(epb(0, 1, Bytes(40, 0xaa), 40));
  const Bytes whole = w.take();
  // Every cut of the file: all complete frames come out, then a message (or a clean end).
  for (std::size_t cut = 28 + 4; cut < whole.size(); ++cut) {
    const std::string path = write_temp(Bytes(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(cut)));
    auto r = open_capture(path);
    if (!r.ok()) continue;  // cut inside the section header: an open error with a message
    CaptureFrame f;
    int n = 0;
    while ((*r)->next(f)) ++n;
    CHECK(n == 0);
    std::remove(path.c_str());
  }
  // A packet naming an interface that was never declared.
  ByteWriter bad;
  bad.bytes(section_header()).bytes(epb(3, 1, Bytes{1}, 1));
  std::string trunc;
  CHECK(read_all(write_temp(bad.take()), &trunc).empty());
  CHECK(trunc.find("undeclared interface") != std::string::npos);
}

TEST_CASE("files that are no capture are refused with a message") {
  CHECK_FALSE(open_capture("/nonexistent/x.pcap").ok());
  CHECK_FALSE(open_capture(write_temp(Bytes{})).ok());
  CHECK_FALSE(open_capture(write_temp(Bytes{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'})).ok());
}
