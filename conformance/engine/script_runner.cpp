#include "conformance/engine/script_runner.h"

#include <algorithm>

#include <fmt/format.h>

#include "conformance/engine/matcher.h"
#include "conformance/engine/text_number.h"

namespace ts::conformance {

namespace {

Duration seconds(double s) { return Duration(static_cast<std::int64_t>(s * 1e9)); }

class Runner {
 public:
  Runner(const Script& s, ScriptHarness& h, const RunnerOptions& o)
      : script_(s), h_(h), options_(o), prev_(h.start()), bound_(o.preset) {
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
    verdict_.seconds = to_seconds(h_.now() - h_.start());
    return verdict_;
  }

  // The harness stopped (live time limit or signal): an error, not the device's fault.
  bool advance(Instant until, const Step& st) {
    if (h_.run_until(until)) return true;
    finish(Outcome::error, st.line, h_.stop_reason() + " (before this step completed)");
    return false;
  }

  std::pair<Instant, Instant> window(const Step& st) const {
    const bool expect = st.kind == StepKind::expect || st.kind == StepKind::expect_none;
    if (!st.time) return {prev_, prev_ + (expect ? options_.default_window : Duration{0})};
    const Instant base = st.time->relative ? prev_ : h_.start();
    const Instant lo = base + seconds(st.time->lo);
    if (st.time->window) return {lo, base + seconds(st.time->hi)};
    return {lo, expect ? lo + options_.default_window : lo};
  }

  bool step(const Step& st) {
    const auto [lo, hi] = window(st);
    if (lo < prev_) {
      finish(Outcome::error, st.line, "the step's time lies before the previous step's");
      return false;
    }
    switch (st.kind) {
      case StepKind::send: return send(st, lo);
      case StepKind::expect: return expect(st, std::max(h_.start(), lo - options_.slack), hi + options_.slack);
      // The slack narrows a window nothing may arrive in: a message at its edges may be the
      // device's timing tolerance, not a violation.
      case StepKind::expect_none: return expect_none(st, lo + options_.slack, std::max(lo, hi - options_.slack));
      case StepKind::directive: return directive(st, lo);
    }
    return false;
  }

  bool send(const Step& st, Instant due) {
    auto fields = resolve_send(st, bound_);
    if (!fields.ok()) {
      finish(Outcome::error, st.line, fields.error());
      return false;
    }
    if (due > h_.now() && !advance(due, st)) return false;
    const Instant at = std::max(due, h_.now());
    h_.command(at, make_send_command(st.name, fields.value()));
    if (!advance(at, st)) return false;
    if (!h_.peer().errors().empty()) {
      if (h_.peer().device_closed())
        finish(Outcome::fail, st.line, "cannot send " + st.name + ": " + h_.peer().errors().back());
      else
        finish(Outcome::error, st.line, h_.peer().errors().back());
      return false;
    }
    prev_ = due;
    return true;
  }

  bool expect(const Step& st, Instant lo, Instant hi) {
    std::string last_reason;
    for (;;) {
      const auto& rx = h_.peer().received();
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
      if (!h_.peer().errors().empty()) {
        finish(Outcome::error, st.line, h_.peer().errors().back());
        return false;
      }
      if (h_.now() >= hi) break;
      if (!advance(std::min(hi, h_.now() + options_.poll), st)) return false;
    }
    std::string why = fmt::format("expected {} from the device between {:.3f} s and {:.3f} s", st.name,
                                  to_seconds(lo - h_.start()), to_seconds(hi - h_.start()));
    why += last_reason.empty() ? ", none came" : ("; " + last_reason);
    finish(Outcome::fail, st.line, why);
    return false;
  }

  // `!< NAME FIELD...`: no matching message from the device between lo and hi. Passes at
  // hi (the next step counts from there); fails at the first one, saying what came when.
  // Unmatched messages are left for later expectations; a bound $v must agree, an unbound
  // one matches any value and binds nothing.
  bool expect_none(const Step& st, Instant lo, Instant hi) {
    for (std::size_t seen = next_rx_;;) {
      const auto& rx = h_.peer().received();
      for (; seen < rx.size(); ++seen) {
        const auto& m = rx[seen];
        if (m.time < lo || m.time > hi || !match(st, m.message, bound_).ok) continue;
        finish(Outcome::fail, st.line,
               fmt::format("expected no {} from the device between {:.3f} s and {:.3f} s; {} came at {:.3f} s", st.name,
                           to_seconds(lo - h_.start()), to_seconds(hi - h_.start()), describe(m.message),
                           to_seconds(m.time - h_.start())));
        return false;
      }
      if (!h_.peer().errors().empty()) {
        finish(Outcome::error, st.line, h_.peer().errors().back());
        return false;
      }
      if (h_.now() >= hi) break;
      if (!advance(std::min(hi, h_.now() + options_.poll), st)) return false;
    }
    prev_ = hi;
    return true;
  }

  // A message in one line for a verdict: the name and its first fields.
  static std::string describe(const WireMessage& m) {
    std::string out = m.name;
    std::size_t shown = 0;
    for (const auto& [k, v] : m.fields) {
      if (++shown > 8) return out + " ...";
      out += " " + k + "=" + v;
    }
    return out;
  }

  bool directive(const Step& st, Instant at) {
    // A directive at T applies to everything from T on, events due at T included.
    if (at > h_.now() && !advance(at, st)) return false;
    prev_ = at;
    if (st.name == "wait") {
      const double s = st.args.empty() ? -1.0 : parse_seconds(st.args[0]).value_or(-1.0);
      if (s < 0) {
        finish(Outcome::error, st.line, "wait SECONDS");
        return false;
      }
      prev_ = at + seconds(s);
      return advance(prev_, st);
    }
    if (st.name == "drop-next") return impair(st, ImpairmentKind::drop);
    if (st.name == "delay-next") return impair(st, ImpairmentKind::delay);
    if (st.name == "duplicate-next") return impair(st, ImpairmentKind::duplicate);
    if (st.name == "reorder-next") return impair(st, ImpairmentKind::reorder);
    finish(Outcome::error, st.line, "directive '" + st.name + "' is not supported by this runner yet");
    return false;
  }

  // drop-next N [KIND], delay-next N MS [KIND], duplicate-next N [KIND], reorder-next N [KIND].
  bool impair(const Step& st, ImpairmentKind what) {
    Impairment rule;
    rule.what = what;
    const std::size_t kind_at = what == ImpairmentKind::delay ? 2 : 1;
    rule.kind = st.args.size() > kind_at ? st.args[kind_at] : "any";
    const std::uint64_t n = st.args.empty() ? 0 : parse_number(st.args[0]).value_or(0);
    const auto kinds = h_.peer().packet_kinds();
    if (std::find(kinds.begin(), kinds.end(), rule.kind) == kinds.end()) {
      std::string list;
      for (const auto k : kinds) list += (list.empty() ? "" : ", ") + std::string(k);
      finish(Outcome::error, st.line,
             kinds.empty() ? st.name + ": this protocol's packets cannot be impaired (a byte stream)"
                           : st.name + " KIND must be one of " + list);
      return false;
    }
    if (n == 0 || n > 1000) {
      finish(Outcome::error, st.line, st.name + " N needs a count from 1 to 1000");
      return false;
    }
    rule.count = static_cast<std::size_t>(n);
    if (what == ImpairmentKind::delay) {
      const std::uint64_t ms = st.args.size() > 1 ? parse_number(st.args[1]).value_or(0) : 0;
      if (ms == 0 || ms > 600000) {
        finish(Outcome::error, st.line, "delay-next MS needs milliseconds from 1 to 600000");
        return false;
      }
      rule.delay = std::chrono::milliseconds(ms);
    }
    h_.impair_next(rule);
    return true;
  }

  const Script& script_;
  ScriptHarness& h_;
  RunnerOptions options_;
  Instant prev_;
  Bindings bound_;
  std::size_t next_rx_ = 0;
  Verdict verdict_;
};

}  // namespace

Verdict run_script(const Script& script, ScriptHarness& harness, const RunnerOptions& options) {
  return Runner(script, harness, options).run();
}

}  // namespace ts::conformance
