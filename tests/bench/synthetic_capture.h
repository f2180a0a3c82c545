#pragma once
// Synthetic benchmark captures: many runs of one simulator scenario (src/runtime/sim/scenarios)
// laid end to end in one classic pcap, each run with its own seed (so TCP initial sequence
// numbers, tunnel and call ids differ) and shifted in time to start one second after the
// previous run ended. The result is a valid capture whose timestamps never go backwards and
// in which, at any moment, only the connections of one run are live: its length grows with
// the number of runs, the live state an analyzer needs does not.
//
// Contract: the same (spec, target) always gives the same bytes, and a smaller target gives a
// prefix of a larger one's frames (the first N packets of a big capture can be produced on
// their own). Frames are streamed to the file run by run, so memory holds one run at a time.
#include <cstdint>
#include <string>

#include "src/core/result.h"

namespace ts::bench {

struct MixSpec {
  std::string scenario;     // "pptp", "l2tp" or "l2tp-dialout"
  unsigned sessions = 100;  // calls up at once in each run
  unsigned pings = 300;     // ICMP echo requests per call (one a second)
  std::uint64_t first_seed = 1;
  // Runs at once (1-200): each group of `concurrent` runs is simulated together, run j's
  // addresses moved from 10.0.0.x to 10.(j+1).0.x (IP and UDP/TCP checksums kept right), and
  // their frames interleaved by time: a capture of many host pairs, as a span port sees,
  // for the sharded analysis (analyze -j N on one file shards by address pair).
  unsigned concurrent = 1;
};

struct CaptureInfo {
  std::uint64_t packets = 0;
  std::uint64_t file_bytes = 0;  // size of the pcap file, headers included
  unsigned runs = 0;             // simulator runs concatenated
  double seconds = 0.0;          // capture time span (first to last timestamp)
};

// Writes exactly `packets` frames to `path` (the last run is cut where the count is reached,
// leaving its connections open at the end of the capture). Errors: the scenario is unknown,
// the file cannot be written, or a run produced no frames.
Result<CaptureInfo> write_synthetic_capture(const std::string& path, const MixSpec& spec,
                                            std::uint64_t packets);

}  // namespace ts::bench
