#pragma once
// Splits a pcap file image made by CaptureBuilder back into frames, and runs them through
// the Analyzer: the glue observer tests need to analyse scenario captures in memory.
#include <vector>

#include "src/observe/analyzer.h"
#include "src/runtime/sim/pcap_tap.h"
#include "tests/tools/capture_builder.h"

namespace ts::testing {

struct Frames {
  std::vector<Bytes> data;
  std::vector<Instant> ts;
  std::vector<std::uint32_t> original;  // wire length (larger than data when snaplen cut it)
};

Frames frames_of(const CaptureBuilder& capture, std::uint32_t snaplen = 262144);

// Analyses `capture` (Ethernet) with `options` and returns the model.
observe::Analysis analyze(const CaptureBuilder& capture, const observe::AnalyzerOptions& options = {});
// Analyses what a simulator's tap recorded (Ethernet frames with their times).
observe::Analysis analyze(const sim::PcapTap& tap, const observe::AnalyzerOptions& options = {});
// "id: detail [connection]" of every diagnostic in `a` (connection and capture level) of at
// least `min` severity (informational notes such as verified responses are left out by
// default), for assertions.
std::vector<std::string> diagnostic_lines(const observe::Analysis& a, Severity min = Severity::warning);

}  // namespace ts::testing
