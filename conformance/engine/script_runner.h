#pragma once
// Runs one conformance script (script.h) through a ScriptHarness: in simulation against our
// reference endpoint, or live against a device. The rules are the same in both:
//
// Timing: a step's TIME counts from the script start (absolute) or from the previous step
// (relative; for an expectation, from when the matching message arrived). An expectation
// without a window has `default_window` after its time; `slack` widens every window on both
// sides (a device profile's timing tolerance; 0 in simulation). A step whose time lies before
// the previous step's is a script error; a send due while the runner was busy goes at once.
// Messages from the device that match no expectation (acknowledgements, retransmissions) are
// skipped, never failed on; each received message satisfies at most one expectation, in
// order.
// Variables: `preset` is bound before the first step; every runner binds $tunnel and $session
// to the IDs the script side assigns (fresh for each live run, so that a device still holding
// an earlier run's tunnel in its §5.7 state does not take the new one for a duplicate).
// `!< NAME` (StepKind::expect_none): no such message from the device in its window (the
// default window without one; narrowed by `slack` on both sides); passes at the window's end,
// fails at the first matching message.
// Directives: wait SECONDS; drop-next N [KIND], delay-next N MS [KIND], duplicate-next N
// [KIND], reorder-next N [KIND] (packets from the device on their way to the script peer,
// impairment_filter.h; KIND one of the peer's packet_kinds(), "any" by default).
// Others (assert, command) give an error verdict (never a fail: the device is not to blame).
#include "conformance/engine/matcher.h"
#include "conformance/engine/script.h"
#include "conformance/engine/script_harness.h"
#include "conformance/engine/verdict.h"

namespace ts::conformance {

struct RunnerOptions {
  Duration default_window = std::chrono::seconds(5);
  Duration slack{0};
  Duration poll = std::chrono::milliseconds(1);  // how finely expectations are polled
  Bindings preset;
};

Verdict run_script(const Script& script, ScriptHarness& harness, const RunnerOptions& options = {});

}  // namespace ts::conformance
