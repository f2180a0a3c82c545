#pragma once
// Sharded analysis of one capture file (`analyze -j N FILE`): one reading thread, N worker
// threads with an Analyzer each, and the calling thread writing the report, byte-identical
// to one thread's.
//
// - The reader reads the file and takes the decisions that depend on the order of all
//   frames, from their timestamps alone (FrameGate::tick and time_jump, see
//   src/observe/frame_gate.h: the once-a-second retiring of finished connections and timing
//   out of IP fragments, clock jumps) and counts frames and bytes. Every frame goes to the
//   worker that owns its address-pair bucket (ShardMap, shard_map.h); the periodic work goes
//   to every worker as a tick before the frame it is due at. Frames travel in batches
//   through bounded queues (memory does not grow with the file when workers fall behind).
// - Each worker's Analyzer gets its frames and every tick (Analyzer::on_tick,
//   on_sharded_frame: the duplicate check, local to a bucket, and the analysis; at the end,
//   end_shard with the input's last frame kept, agreed between the workers, and
//   finish_shard) and records what it hands to its sink, each record stamped with its
//   position in the single-thread order: the frame number and a phase (tick retire < tick
//   expiry < the reader's notes for the frame < the frame itself; then the input's end).
// - The calling thread merges the reader's and the workers' records by position and writes
//   them. Records of one position from several workers come in the single-thread order:
//   finished connections by first appearance (the frame that created them), IP-fragment
//   timeouts by their text (as IpReassembler orders them). Connection ids are renumbered
//   across workers in order of first appearance, as one Analyzer numbers them.
//
// What one thread does differently: nothing in the report. (The IP reassembler's memory
// limits apply per worker, so under fragment floods the point where the oldest datagram is
// evicted can differ; see docs/performance.md.)
#include "src/observe/analyzer_options.h"
#include "src/observe/model.h"
#include "src/report/report_writer.h"
#include "src/runtime/capture/capture_file_reader.h"

namespace ts::cli {

// Analyses `reader` with `workers` (>= 1) worker threads into `writer` (then the caller
// calls writer.finish(analysis)); `analysis` ends up with the origin and the input summary
// one thread would have given it. Rethrows the first exception a thread threw.
void analyse_file_sharded(capture::CaptureSource& reader, const observe::AnalyzerOptions& options, unsigned workers,
                          observe::Analysis& analysis, report::ReportWriter& writer);

}  // namespace ts::cli
