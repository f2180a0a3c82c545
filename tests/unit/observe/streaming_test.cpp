// Streaming analysis (Analyzer with an AnalysisSink): finished connections are handed over
// and freed, so what the analyzer holds is bounded by the live connections, not by the
// length of the capture. Structural checks (counts of connections held), not RSS or time.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "src/observe/analysis_sink.h"
#include "tests/tools/capture_frames.h"
#include "tests/tools/scenarios/ppp_frames.h"
#include "tests/tools/scenarios/pptp_parts.h"
#include "tests/tools/scenarios/l2tp_builder.h"
#include "tests/tools/scenarios/scenario.h"

using namespace ts;
using namespace ts::testing;
using l2tp::MessageType;

namespace {

// Records what it is handed, in order, and what the connection held at that moment.
struct RecordingSink : observe::AnalysisSink {
  struct Finished {
    std::string id, state;
    std::size_t events = 0;
    std::uint64_t frames_before = 0;  // frames analysed before it was finished
  };
  std::vector<Finished> finished;
  std::size_t live_events = 0;
  std::size_t capture_diags = 0;
  void on_event(const observe::Analysis&, const observe::Connection&, const observe::Event&) override {
    ++live_events;
  }
  void on_capture_diagnostic(const observe::Analysis&, const observe::DiagRecord&) override { ++capture_diags; }
  void on_connection_finished(const observe::Analysis& a, const observe::Connection& c) override {
    finished.push_back({c.id, c.state, c.events.size(), a.inputs.back().frames});
  }
};

L2tpLink tunnel_link(CaptureBuilder& b, std::uint16_t lac_tid, std::uint16_t lns_tid) {
  return L2tpLink(b, L2tpSide{make_host("192.0.2.10", 10), 1701, lac_tid, 0},
                  L2tpSide{make_host("192.0.2.1", 1), 1701, lns_tid, 0});
}

// Feeds the frames of `b` from index `from` on; returns the index after the last one.
std::size_t feed(observe::Analyzer& an, const Frames& fr, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) an.on_frame(i + 1, fr.ts[i], 1, fr.data[i], fr.original[i], nullptr);
  return to;
}

// Streams `fr` through an Analyzer with a RecordingSink, in the pieces that end at `ends`;
// after each piece, `after_piece(i, analyzer, analysis, sink)` may check what is held.
struct StreamRun {
  RecordingSink sink;
  std::size_t most_live = 0, most_index = 0;  // highest held() over the pieces
  observe::Analyzer::Held at_end;
  std::size_t analysis_at_end = 0;
};
StreamRun stream(const Frames& fr, const std::vector<std::size_t>& ends,
                 const std::function<void(std::size_t, const RecordingSink&)>& after_piece = {}) {
  StreamRun r;
  observe::Analysis a;
  const observe::AnalyzerOptions options;  // the Analyzer keeps a reference
  observe::Analyzer an(options, a, &r.sink);
  an.begin_input("memory", 1);
  std::size_t at = 0;
  for (std::size_t i = 0; i < ends.size(); ++i) {
    at = feed(an, fr, at, ends[i]);
    r.most_live = std::max({r.most_live, an.held().connections, a.connections.size()});
    r.most_index = std::max(r.most_index, an.held().index_entries);
    if (after_piece) after_piece(i, r.sink);
  }
  an.end_input("");
  r.at_end = an.held();
  r.analysis_at_end = a.connections.size();
  return r;
}

}  // namespace

TEST_CASE("streaming: connections that tore down are handed over and freed; live ones stay bounded") {
  constexpr int kTunnels = 40;
  CaptureBuilder b(scenario_epoch());
  std::vector<std::size_t> ends;  // frame count after each tunnel's teardown
  for (int i = 0; i < kTunnels; ++i) {
    const auto lac = static_cast<std::uint16_t>(100 + i), lns = static_cast<std::uint16_t>(200 + i);
    L2tpLink link = tunnel_link(b, lac, lns);
    link.open_tunnel(lac, lns);
    link.close_tunnel();
    ends.push_back(frames_of(b).data.size());
    b.advance(std::chrono::seconds(90));  // quiet for longer than kTeardownLinger
  }
  const Frames fr = frames_of(b);
  REQUIRE(fr.data.size() == ends.back());

  const StreamRun r = stream(fr, ends, [](std::size_t i, const RecordingSink& sink) {
    // Tunnel i is live; every earlier one finished (torn down, then quiet for 90 s) and was
    // handed over when the next tunnel's first frame moved capture time past its linger.
    CHECK(sink.finished.size() == i);
  });
  CHECK(r.most_live == 1);
  CHECK(r.most_index <= 2);  // one tunnel's ids (one per side), never the earlier tunnels'
  CHECK(r.at_end.connections == 0);
  CHECK(r.at_end.index_entries == 0);
  CHECK(r.analysis_at_end == 0);
  const RecordingSink& sink = r.sink;
  REQUIRE(sink.finished.size() == kTunnels);
  for (int i = 0; i < kTunnels; ++i) {
    CHECK(sink.finished[i].id == "l2tp-" + std::to_string(i + 1));
    CHECK(sink.finished[i].state == "closed");
    CHECK(sink.finished[i].events > 0);
  }
  CHECK(sink.live_events > 0);
}

TEST_CASE("collecting (no sink): every connection is kept until the end") {
  CaptureBuilder b(scenario_epoch());
  for (int i = 0; i < 5; ++i) {
    const auto lac = static_cast<std::uint16_t>(100 + i), lns = static_cast<std::uint16_t>(200 + i);
    L2tpLink link = tunnel_link(b, lac, lns);
    link.open_tunnel(lac, lns);
    link.close_tunnel();
    b.advance(std::chrono::seconds(90));
  }
  const auto a = analyze(b);
  CHECK(a.connections.size() == 5);
}

TEST_CASE("streaming: a connection idle beyond the timeout is finished without a teardown") {
  CaptureBuilder b(scenario_epoch());
  L2tpLink quiet = tunnel_link(b, 7, 9);
  quiet.open_tunnel(7, 9);  // never torn down
  const std::size_t quiet_frames = frames_of(b).data.size();
  b.advance(std::chrono::seconds(30));
  L2tpLink busy = tunnel_link(b, 8, 10);
  busy.open_tunnel(8, 10);
  for (int i = 0; i < 30; ++i) {  // a Hello every 30 s for 15 minutes
    b.advance(std::chrono::seconds(30));
    busy.control(0, MessageType::hello, {});
    busy.zlb(1);
  }
  const Frames fr = frames_of(b);

  auto run = [&](std::chrono::seconds idle) {
    observe::AnalyzerOptions opt;
    opt.idle_timeout = idle;
    observe::Analysis a;
    RecordingSink sink;
    observe::Analyzer an(opt, a, &sink);
    an.begin_input("memory", 1);
    feed(an, fr, 0, fr.data.size());
    const std::size_t before_end = sink.finished.size();
    an.end_input("");
    return std::make_pair(before_end, sink.finished);
  };

  const auto [before_end, finished] = run(std::chrono::seconds(600));
  CHECK(before_end == 1);  // the quiet tunnel, while the busy one is still live
  REQUIRE(finished.size() == 2);
  CHECK(finished[0].id == "l2tp-1");
  CHECK(finished[0].state == "established");
  // Finished just before the first frame that came 600 s or more after its last one, not
  // at the end of the capture.
  const Instant quiet_last = fr.ts[quiet_frames - 1];
  std::size_t first_late = 0;
  while (fr.ts[first_late] - quiet_last < std::chrono::seconds(600)) ++first_late;
  CHECK(first_late < fr.data.size() - 2);
  CHECK(finished[0].frames_before == first_late);
  CHECK(finished[1].id == "l2tp-2");

  // Idle timeout 0: only teardown or the end of the input finishes a connection; at the end
  // they come in order of first appearance.
  const auto [kept_before_end, at_end] = run(std::chrono::seconds(0));
  CHECK(kept_before_end == 0);
  REQUIRE(at_end.size() == 2);
  CHECK(at_end[0].id == "l2tp-1");
  CHECK(at_end[1].id == "l2tp-2");
}

TEST_CASE("streaming: PPTP calls seen only as GRE are freed with their GRE routes once idle") {
  constexpr int kCalls = 25;
  CaptureBuilder b(scenario_epoch());
  const Host pns = make_host("198.51.100.10", 10), pac = make_host("198.51.100.1", 1);
  std::vector<std::size_t> ends;
  for (int i = 0; i < kCalls; ++i) {
    // New Call IDs each time: a route left behind for an old call would pile up.
    pptp_parts::GreCall g(b, pns, pac, static_cast<std::uint16_t>(4000 + i), static_cast<std::uint16_t>(7000 + i));
    for (int k = 0; k < 3; ++k) {
      g.send(0, ppp_echo(false, static_cast<std::uint8_t>(k), 0x1111));
      g.send(1, ppp_echo(true, static_cast<std::uint8_t>(k), 0x2222));
      b.advance_ms(1000);
    }
    ends.push_back(frames_of(b).data.size());
    b.advance(std::chrono::seconds(700));  // beyond the default idle timeout of 600 s
  }
  const StreamRun r = stream(frames_of(b), ends);
  CHECK(r.most_live == 1);
  CHECK(r.most_index <= 2);  // the live call's two GRE routes (one per receiver)
  CHECK(r.at_end.index_entries == 0);
  REQUIRE(r.sink.finished.size() == kCalls);
  CHECK(r.sink.finished.back().id == "pptp-" + std::to_string(kCalls));
}
