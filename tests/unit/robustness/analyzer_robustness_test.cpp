// Bad input never crashes or hangs the analyzer: every prefix of every frame of every
// scenario capture, and seeded random corruptions of them, go through the full pipeline
// (run under ASan/UBSan in CI). The analyzer must also say something about a cut frame:
// a capture diagnostic when the capture cut it, never a peer fault.
#include <catch2/catch.hpp>

#include <random>

#include "src/observe/analyzer.h"
#include "tests/tools/capture_frames.h"
#include "tests/tools/scenarios/scenario.h"

using namespace ts;
using namespace ts::observe;

namespace {

using testing::Frames;

Frames frames_of(const testing::Scenario& s) { return testing::frames_of(s.capture, s.snaplen); }

std::vector<testing::Scenario> all_scenarios() {
  std::vector<testing::Scenario> v;
  for (auto* g : {&testing::l2tp_scenarios, &testing::pptp_scenarios, &testing::misc_scenarios})
    for (auto& s : (*g)()) v.push_back(std::move(s));
  return v;
}

AnalyzerOptions options_with_everything() {
  AnalyzerOptions o;
  o.packets = true;
  o.l2tp_secrets = {"s3cret"};
  o.ppp_credentials = {{"alice", "wonderland"}};
  return o;
}

}  // namespace

TEST_CASE("every prefix of every scenario frame analyses without crashing") {
  const auto opt = options_with_everything();
  for (const auto& s : all_scenarios()) {
    INFO(s.file);
    const Frames fr = frames_of(s);
    REQUIRE(!fr.data.empty());
    Analysis a;
    Analyzer an(opt, a);
    an.begin_input(s.file, 1);
    PacketRecord pkt;
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < fr.data.size(); ++i) {
      const Bytes& d = fr.data[i];
      // Prefixes as if cut by a snapshot length (original length kept): capture artefacts.
      for (std::size_t len = 0; len < d.size(); ++len)
        an.on_frame(++n, fr.ts[i], 1, ByteView(d).first(len), fr.original[i], &pkt);
      an.on_frame(++n, fr.ts[i], 1, d, fr.original[i], &pkt);
    }
    an.end_input("");
    // Cut frames were blamed on the capture, never called malformed by a peer.
    for (const auto& d : a.capture_diags) CHECK(d.diag.def->id != "frame.truncated");
  }
}

TEST_CASE("seeded random corruption of scenario frames analyses without crashing") {
  const auto opt = options_with_everything();
  std::mt19937 rng(20261124);
  for (const auto& s : all_scenarios()) {
    INFO(s.file);
    const Frames fr = frames_of(s);
    Analysis a;
    Analyzer an(opt, a);
    an.begin_input(s.file, 1);
    PacketRecord pkt;
    std::uint64_t n = 0;
    for (int round = 0; round < 1000; ++round) {
      const std::size_t i = rng() % fr.data.size();
      Bytes d = fr.data[i];
      const int flips = 1 + static_cast<int>(rng() % 4);
      for (int k = 0; k < flips && !d.empty(); ++k) d[rng() % d.size()] = static_cast<std::uint8_t>(rng());
      an.on_frame(++n, fr.ts[i], 1, d, fr.original[i], round % 2 ? &pkt : nullptr);
    }
    an.end_input("");
    SUCCEED();
  }
}
