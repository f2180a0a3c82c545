#include "conformance/engine/sim_script_run.h"

#include <fmt/format.h>

#include "conformance/engine/script_send_command.h"

namespace ts::conformance {

namespace {

Duration seconds(double s) { return Duration(static_cast<std::int64_t>(s * 1e9)); }

class Stepper {
 public:
  Stepper(const Script& s, sim::Simulator& sim, const SimScriptSide& side, const SimRunOptions& o)
      : script_(s), options_(o), sim_(sim), side_(side), prev_(sim.now()) {
    verdict_.script = s.file;
    verdict_.checks = s.checks;
  }

  Verdict run() {
    for (const Step& st : script_.steps)
      if (!step(st)) return verdict_;
    return finish(Outcome::pass, 0, fmt::format("all {} steps as expected", script_.steps.size()));
  }

 private:
  Verdict finish(Outcome o, int line, std::string why) {
    verdict_.outcome = o;
    verdict_.line = line;
    verdict_.reason = std::move(why);
    verdict_.seconds = to_seconds(sim_.now() - sim_.start());
    return verdict_;
  }

  std::pair<Instant, Instant> window(const Step& st) const {
    if (!st.time) return {prev_, prev_ + (st.kind == StepKind::expect ? options_.default_window : Duration{0})};
    const Instant base = st.time->relative ? prev_ : sim_.start();
    const Instant lo = base + seconds(st.time->lo);
    if (st.time->window) return {lo, base + seconds(st.time->hi)};
    return {lo, st.kind == StepKind::expect ? lo + options_.default_window : lo};
  }

  bool step(const Step& st) {
    const auto [lo, hi] = window(st);
    if (lo < sim_.now()) {
      finish(Outcome::error, st.line, "the step's time is already past (relative to an earlier step)");
      return false;
    }
    switch (st.kind) {
      case StepKind::send: return send(st, lo);
      case StepKind::expect: return expect(st, lo, hi);
      case StepKind::directive: return directive(st, lo);
    }
    return false;
  }

  bool send(const Step& st, Instant at) {
    auto fields = resolve_send(st, bound_);
    if (!fields.ok()) {
      finish(Outcome::error, st.line, fields.error());
      return false;
    }
    sim_.run_until(at);
    sim_.schedule_command(side_.tester, at, make_send_command(st.name, fields.value()));
    sim_.run_until(at);
    if (side_.errors->size() > errors_seen_) {
      finish(Outcome::error, st.line, side_.errors->back());
      return false;
    }
    prev_ = at;
    return true;
  }

  bool expect(const Step& st, Instant lo, Instant hi) {
    std::string last_reason;
    for (;;) {
      const auto& rx = *side_.received;
      for (; next_rx_ < rx.size(); ++next_rx_) {
        const auto& m = rx[next_rx_];
        if (m.time < lo) continue;  // before the window: not this step's
        if (m.time > hi) break;
        const auto r = match(st, m.message, bound_);
        if (r.ok) {
          bound_.insert(r.captured.begin(), r.captured.end());
          prev_ = m.time;
          ++next_rx_;
          return true;
        }
        if (m.message.name == st.name) last_reason = r.why;
      }
      if (sim_.now() >= hi) break;
      sim_.run_until(std::min(hi, sim_.now() + options_.step));
    }
    std::string why = fmt::format("expected {} from the device between {:.3f} s and {:.3f} s", st.name,
                                  to_seconds(lo - sim_.start()), to_seconds(hi - sim_.start()));
    why += last_reason.empty() ? ", none came" : ("; " + last_reason);
    finish(Outcome::fail, st.line, why);
    return false;
  }

  bool directive(const Step& st, Instant at) {
    // A directive at T applies to everything from T on, events due at T included.
    if (at > sim_.now()) sim_.run_until(at);
    prev_ = at;
    if (st.name == "wait") {
      prev_ = at + seconds(std::stod(st.args[0]));
      sim_.run_until(prev_);
      return true;
    }
    if (st.name == "drop-next") {
      const std::string kind = st.args.size() > 1 ? st.args[1] : "any";
      auto rule = side_.drop_rule(kind);
      if (!rule) {
        finish(Outcome::error, st.line, "drop-next KIND must be " + side_.drop_kinds);
        return false;
      }
      rule->count = static_cast<std::size_t>(std::stoul(st.args[0]));
      sim_.drop_next(side_.dut, side_.tester, std::move(*rule));
      return true;
    }
    finish(Outcome::error, st.line, "directive '" + st.name + "' is not supported in simulation yet");
    return false;
  }

  const Script& script_;
  const SimRunOptions& options_;
  sim::Simulator& sim_;
  const SimScriptSide& side_;
  Instant prev_;
  Bindings bound_;
  std::size_t next_rx_ = 0;
  std::size_t errors_seen_ = 0;
  Verdict verdict_;
};

}  // namespace

Verdict run_script_steps(const Script& script, sim::Simulator& sim, const SimScriptSide& side,
                         const SimRunOptions& options) {
  return Stepper(script, sim, side, options).run();
}

}  // namespace ts::conformance
