// Synthetic benchmark captures: see synthetic_capture.h.
#include "tests/bench/synthetic_capture.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

#include "src/runtime/capture/pcap_file_writer.h"
#include "src/runtime/sim/pcap_tap.h"
#include "src/runtime/sim/scenarios/scenario.h"
#include "src/runtime/sim/simulator.h"

namespace ts::bench {

namespace {

constexpr Duration kGapBetweenRuns = std::chrono::seconds(1);

// The options of run `index`: its own seed, calls held a little past the last ping.
sim::ScenarioOptions run_options(const MixSpec& spec, unsigned index) {
  sim::ScenarioOptions o;
  o.sessions = spec.sessions;
  o.pings = spec.pings;
  o.seed = spec.first_seed + index;
  o.hold = std::chrono::seconds(spec.pings + 10);
  o.time_limit = o.hold + std::chrono::minutes(10);
  return o;
}

// RFC 1624 eqn. 3: a 16-bit one's complement checksum after one 16-bit word changed.
std::uint16_t checksum_update(std::uint16_t sum, std::uint16_t old_word, std::uint16_t new_word) {
  std::uint32_t s = static_cast<std::uint16_t>(~sum) + static_cast<std::uint16_t>(~old_word) + new_word;
  s = (s & 0xffff) + (s >> 16);
  s = (s & 0xffff) + (s >> 16);
  return static_cast<std::uint16_t>(~s);
}

std::uint16_t be16_at(const Bytes& b, std::size_t i) { return static_cast<std::uint16_t>(b[i] << 8 | b[i + 1]); }
void put_be16(Bytes& b, std::size_t i, std::uint16_t v) {
  b[i] = static_cast<std::uint8_t>(v >> 8);
  b[i + 1] = static_cast<std::uint8_t>(v);
}

// Moves an Ethernet/IPv4 frame of the simulator (10.0.0.x addresses) to 10.(pair+1).0.x: the
// first 16-bit word of each simulator address changes from 10.0 to 10.(pair+1), and the IP
// header checksum and a UDP (when used) or TCP checksum follow, since both cover it.
void move_to_pair(Bytes& f, unsigned pair) {
  constexpr std::size_t kIp = 14;
  if (f.size() < kIp + 20 || be16_at(f, 12) != 0x0800 || (f[kIp] >> 4) != 4) return;
  const std::size_t l4 = kIp + std::size_t{f[kIp] & 0x0fu} * 4;
  const std::uint8_t proto = f[kIp + 9];
  const bool first_fragment = (be16_at(f, kIp + 6) & 0x1fff) == 0;
  const std::size_t l4_sum = proto == 17 ? l4 + 6 : proto == 6 ? l4 + 16 : 0;
  const auto new_word = static_cast<std::uint16_t>(0x0a00 | (pair + 1));
  for (const std::size_t at : {kIp + 12, kIp + 16}) {
    const std::uint16_t old_word = be16_at(f, at);
    if (old_word != 0x0a00) continue;
    put_be16(f, at, new_word);
    put_be16(f, kIp + 10, checksum_update(be16_at(f, kIp + 10), old_word, new_word));
    if (l4_sum && first_fragment && l4_sum + 2 <= f.size() && !(proto == 17 && be16_at(f, l4_sum) == 0))
      put_be16(f, l4_sum, checksum_update(be16_at(f, l4_sum), old_word, new_word));
  }
}

struct TimedFrame {
  Instant time;
  Bytes data;
};

// One group: `spec.concurrent` runs (seeds from `first_index`), interleaved by time.
std::vector<TimedFrame> simulate_group(const MixSpec& spec, unsigned first_index) {
  std::vector<TimedFrame> out;
  for (unsigned j = 0; j < spec.concurrent; ++j) {
    const auto options = run_options(spec, first_index + j);
    auto scenario = sim::make_scenario(spec.scenario);
    sim::SimOptions so;
    so.seed = options.seed;
    sim::Simulator simulator(so);
    sim::run_scenario(*scenario, simulator, options);
    for (const auto& f : simulator.tap().frames()) {
      TimedFrame t{f.time, Bytes(f.data.begin(), f.data.end())};
      if (spec.concurrent > 1) move_to_pair(t.data, j);
      out.push_back(std::move(t));
    }
  }
  if (spec.concurrent > 1)
    std::stable_sort(out.begin(), out.end(), [](const TimedFrame& a, const TimedFrame& b) { return a.time < b.time; });
  return out;
}

}  // namespace

Result<CaptureInfo> write_synthetic_capture(const std::string& path, const MixSpec& spec,
                                            std::uint64_t packets) {
  if (!sim::make_scenario(spec.scenario)) return Error{"unknown scenario '" + spec.scenario + "'"};
  auto opened = capture::PcapFileWriter::open(path, sim::PcapTap::kLinktypeEthernet);
  if (!opened.ok()) return Error{opened.error()};
  auto writer = std::move(opened.value());
  CaptureInfo info;
  bool have_first = false;
  Instant first{};
  Instant next_start{};  // where the next run's first frame goes
  Instant last{};
  if (spec.concurrent < 1 || spec.concurrent > 200) return Error{"concurrent runs must be 1-200"};
  while (info.packets < packets) {
    const auto frames = simulate_group(spec, info.runs);
    if (frames.empty())
      return Error{fmt::format("run {} of '{}' produced no frames", info.runs, spec.scenario)};
    const Duration shift = have_first ? next_start - frames.front().time : Duration::zero();
    if (!have_first) first = frames.front().time;
    have_first = true;
    for (const auto& f : frames) {
      if (info.packets == packets) break;
      last = f.time + shift;
      if (!writer->write(last, f.data)) return Error{"write failed: " + path};
      ++info.packets;
      info.file_bytes += 16 + f.data.size();
    }
    next_start = last + kGapBetweenRuns;
    info.runs += spec.concurrent;
  }
  if (!writer->close()) return Error{"close failed: " + path};
  info.file_bytes += 24;
  info.seconds = to_seconds(last - first);
  return info;
}

}  // namespace ts::bench
