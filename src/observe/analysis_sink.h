#pragma once
// AnalysisSink: where a streaming analysis hands over what it learned, as it learns it.
// The seam between the observers and whatever consumes their output incrementally: the
// analyze report writers (finished connections), and later a live capture (`sniff`), which
// wants each timeline line the moment it is added.
//
// Contract:
// - on_event / on_diagnostic: a line was just appended to the open connection `c`
//   (c.events.back() / c.diags.back()); `c` is still being filled. Optional.
// - on_capture_diagnostic: a diagnostic not tied to any connection. It is not kept in
//   Analysis::capture_diags when a sink is given.
// - on_connection_finished: `c` is complete (teardown done and quiet, idle too long, or
//   the end of its input): nothing will be added to it any more. Called exactly once per
//   connection, in the order they finish; connections that finish at the same moment come
//   in order of first appearance. `c` is destroyed right after the call returns.
// - on_connection_started: `c` was just created (protocol, index and id are set, nothing
//   else yet). Optional; the sharded analysis numbers connections across workers with it.
// `a` gives the capture-wide context (origin of relative times, inputs so far).
// Sinks must not call back into the Analyzer.
#include "src/observe/model.h"

namespace ts::observe {

class AnalysisSink {
 public:
  virtual ~AnalysisSink() = default;
  virtual void on_connection_started(const Analysis& a, const Connection& c) { (void)a, (void)c; }
  virtual void on_event(const Analysis& a, const Connection& c, const Event& e) {
    (void)a, (void)c, (void)e;
  }
  virtual void on_diagnostic(const Analysis& a, const Connection& c, const DiagRecord& d) {
    (void)a, (void)c, (void)d;
  }
  virtual void on_capture_diagnostic(const Analysis& a, const DiagRecord& d) = 0;
  virtual void on_connection_finished(const Analysis& a, const Connection& c) = 0;
};

}  // namespace ts::observe
