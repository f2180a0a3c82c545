#pragma once
// ParallelFiles: `analyze -j N` over several capture files, with the output of one thread.
//
// Files are independent (src/observe/analyzer.h: connections never span files and every
// per-file state is reset at begin_input), so each file is analysed by a worker thread with
// an Analyzer of its own. A worker does not write: its FileLog records, in order, what its
// Analyzer hands to the sink (finished connections, capture-level diagnostics) and the
// --packets records. The calling thread replays the logs into the one ReportWriter in
// command-line order, file after file, exactly as one Analyzer reading the files one after
// another would have called it:
// - connection ids continue the earlier files' numbering ("pptp-2" of the second file is
//   "pptp-7" when the first had 5 PPTP connections), also where diagnostics and packet
//   records name a connection;
// - the Analysis the writer sees has the origin (first timestamp) and inputs one thread
//   would have had at that point.
// The optional per-line sink calls (on_event, on_diagnostic) are not replayed: the report
// writers do not use them (a connection's lines arrive with it when it is finished).
// So the report is byte-identical to -j 1 (tests/unit/cli/parallel_files_test.cpp and the
// CLI test compare them).
//
// Memory: the file being written streams as with one thread; a later file whose turn has
// not come keeps its finished connections until then (bounded by that file, not by the
// whole capture). Workers take files in command-line order.
#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/observe/analyzer.h"
#include "src/observe/analyzer_options.h"
#include "src/observe/model.h"
#include "src/report/report_writer.h"
#include "src/runtime/capture/capture_file_reader.h"

namespace ts::cli {

// One input through `analyzer`, begin_input to end_input; with options.packets, `on_packet`
// gets each frame's record right after the frame was analysed. The loop of every path.
void analyse_input(observe::Analyzer& analyzer, capture::CaptureSource& reader,
                   const observe::AnalyzerOptions& options,
                   const std::function<void(const observe::PacketRecord&)>& on_packet);

// Analyses every reader with up to `jobs` threads and replays the results into `writer`
// (then the caller calls writer.finish(analysis)). `analysis` ends up as one thread's would:
// the inputs and the origin. Rethrows the first exception a worker threw.
void analyse_files_parallel(std::vector<std::unique_ptr<capture::CaptureSource>>& readers,
                            const observe::AnalyzerOptions& options, unsigned jobs, observe::Analysis& analysis,
                            report::ReportWriter& writer);

// A connection id ("l2tp-3", ObserveContext::new_connection) taken apart and put together.
struct ConnectionId {
  observe::Protocol protocol;
  std::uint32_t index;
};
std::optional<ConnectionId> parse_connection_id(std::string_view id);
std::string format_connection_id(observe::Protocol p, std::uint32_t index);

// "pptp-3" with 5 earlier PPTP connections -> "pptp-8"; ids not of that form unchanged.
// `offset` is indexed by observe::Protocol.
std::string renumber_connection_id(const std::string& id, const std::array<std::uint32_t, 3>& offset);

}  // namespace ts::cli
