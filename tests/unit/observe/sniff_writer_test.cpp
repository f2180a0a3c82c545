// SniffWriter (`tunnelscope sniff` output): each timeline line is handed out the moment the
// analyzer adds it, and the lines are those of the offline analysis of the same frames.
// The live half (libpcap on a veth, tcpreplay) is tests/live/run_sniff_tests.sh.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "src/observe/analyzer.h"
#include "src/report/json_report.h"
#include "src/report/sniff_writer.h"
#include "src/runtime/capture/capture_file_reader.h"

using namespace ts;

namespace {

// Every line written, each call to the output separately.
struct Lines {
  std::vector<std::string> pieces;
  report::Output output() {
    return [this](std::string_view s) { pieces.emplace_back(s); };
  }
};

std::string field(const std::string& line, const std::string& key) {
  const auto at = line.find("\"" + key + "\":\"");
  if (at == std::string::npos) return "";
  const auto from = at + key.size() + 4;
  return line.substr(from, line.find('"', from) - from);
}

// Runs `path` through an Analyzer feeding `sink`; `after_frame` sees the sink after each frame.
void run(const std::string& path, observe::AnalysisSink& sink, const std::function<void()>& after_frame = {}) {
  auto r = capture::open_capture(path);
  REQUIRE(r.ok());
  observe::Analysis a;
  const observe::AnalyzerOptions options;
  observe::Analyzer an(options, a, &sink);
  an.begin_input(path, (*r)->linktype());
  capture::CaptureFrame f;
  while ((*r)->next(f)) {
    an.on_frame(f.number, f.timestamp, f.linktype, f.data, f.original_length, nullptr);
    if (after_frame) after_frame();
  }
  an.end_input("");
  if (auto* s = dynamic_cast<report::SniffWriter*>(&sink)) s->finish(a);
  if (auto* s = dynamic_cast<report::ReportWriter*>(&sink)) s->finish(a);
}

// Event records and diagnostic records by connection, each in the order written (analyze
// writes a connection's events, then its diagnostics; sniff interleaves them as they happen).
std::map<std::string, std::vector<std::string>> timeline(const std::string& jsonl) {
  std::map<std::string, std::vector<std::string>> out;
  std::size_t at = 0;
  while (at < jsonl.size()) {
    const auto end = jsonl.find('\n', at);
    const std::string line = jsonl.substr(at, end - at);
    at = end + 1;
    const std::string rec = field(line, "record");
    if (rec == "event" || (rec == "diagnostic" && !field(line, "connection").empty()))
      out[field(line, "connection") + " " + rec].push_back(line);
  }
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& p : v) s += p;
  return s;
}

const std::string kCapture = std::string(TS_SOURCE_DIR) + "/captures/l2tp_incoming_call_chap.pcap";

}  // namespace

TEST_CASE("SniffWriter json: the same event and diagnostic records as analyze, per connection") {
  for (const char* name : {"l2tp_incoming_call_chap.pcap", "pptp_outgoing_call_mschapv2.pcap", "l2tp_faults.pcap",
                           "pptp_faults.pcap", "pppoe_pap.pcap"}) {
    INFO(name);
    const std::string path = std::string(TS_SOURCE_DIR) + "/captures/" + name;
    Lines live, offline;
    report::SniffWriter sniff(live.output(), true, {}, report::memory_spools());
    report::JsonReportWriter analyze(offline.output(), {}, report::memory_spools());
    run(path, sniff);
    run(path, analyze);
    const auto got = timeline(joined(live.pieces));
    CHECK_FALSE(got.empty());
    CHECK(got == timeline(joined(offline.pieces)));
  }
}

TEST_CASE("SniffWriter: lines are handed out whole, at the frame that caused them") {
  Lines live;
  report::SniffWriter sniff(live.output(), true, {}, report::memory_spools());
  std::vector<std::size_t> lines_after_frame;
  run(kCapture, sniff, [&] { lines_after_frame.push_back(live.pieces.size()); });
  for (const auto& p : live.pieces) {
    REQUIRE_FALSE(p.empty());
    CHECK(p.back() == '\n');  // whole lines only (a finished connection's records come together)
  }
  // The first frame (SCCRQ) already produced its lines, long before the tunnel finished.
  REQUIRE(lines_after_frame.size() > 2);
  CHECK(lines_after_frame[0] >= 2);  // analysis header + the SCCRQ event
  CHECK(field(live.pieces[1], "record") == "event");
  CHECK(field(live.pieces[1], "text").rfind("SCCRQ", 0) == 0);
  CHECK(field(live.pieces.back(), "record") == "summary");
}

TEST_CASE("SniffWriter text: timeline lines with the connection id, finished line, statistics, tables") {
  Lines live;
  report::SniffWriter sniff(live.output(), false, {"test", false}, report::memory_spools());
  run(kCapture, sniff);
  observe::Analysis a;
  sniff.stats(a, Instant{}, {10, 3, 1, 6, true});
  const std::string all = joined(live.pieces);
  CHECK(all.rfind("tunnelscope test sniff: times are seconds since ", 0) == 0);
  CHECK(all.find(" l2tp-1   A    tunnel           SCCRQ ") != std::string::npos);
  CHECK(all.find("l2tp-1   -    connection       finished: L2TP l2tp-1") != std::string::npos);
  CHECK(all.find("Connections") != std::string::npos);
  CHECK(all.find("capture  final: received 10, analysed 6, dropped by the kernel 3, by the interface 1 "
                 "(the timeline misses packets)") != std::string::npos);
}
