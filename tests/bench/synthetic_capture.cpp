// Synthetic benchmark captures: see synthetic_capture.h.
#include "tests/bench/synthetic_capture.h"

#include <fmt/format.h>

#include <chrono>
#include <memory>

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
  while (info.packets < packets) {
    const auto options = run_options(spec, info.runs);
    auto scenario = sim::make_scenario(spec.scenario);
    sim::SimOptions so;
    so.seed = options.seed;
    sim::Simulator simulator(so);
    sim::run_scenario(*scenario, simulator, options);
    const auto& frames = simulator.tap().frames();
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
    ++info.runs;
  }
  if (!writer->close()) return Error{"close failed: " + path};
  info.file_bytes += 24;
  info.seconds = to_seconds(last - first);
  return info;
}

}  // namespace ts::bench
