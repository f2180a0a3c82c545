#pragma once
// Scenarios: the captures the project commits under captures/, each built frame by frame
// with the project's own encoders (no third-party bytes). `make_captures` writes them and
// prints their MANIFEST lines; the golden tests check that captures/ still equals what the
// encoders produce and that `analyze` output matches the committed expectations.
#include <string>
#include <vector>

#include "tests/tools/capture_builder.h"

namespace ts::testing {

struct Scenario {
  std::string file;          // "l2tp_incoming_call_chap.pcap"
  std::string description;   // one line for captures/MANIFEST.tsv
  std::string analyze_args;  // extra `analyze` options for its golden output ("--l2tp-secret s3cret")
  CaptureBuilder capture;
  std::uint32_t snaplen = 262144;
};

std::vector<Scenario> l2tp_scenarios();
std::vector<Scenario> pptp_scenarios();
std::vector<Scenario> misc_scenarios();  // link-layer and capture-artefact cases

// Capture start time shared by all scenarios, so golden outputs are stable.
inline Instant scenario_epoch() { return instant_from_ns(1764000000LL * 1000000000LL); }

}  // namespace ts::testing
