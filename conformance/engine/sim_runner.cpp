#include "conformance/engine/sim_runner.h"

#include <fmt/format.h>

#include "conformance/engine/l2tp_script_peer.h"
#include "conformance/engine/matcher.h"
#include "dissectors/l2tp/message.h"
#include "src/endpoints/l2tp/l2tp_endpoint.h"
#include "src/runtime/sim/simulator.h"

namespace ts::conformance {

namespace {

Duration seconds(double s) { return Duration(static_cast<std::int64_t>(s * 1e9)); }

// The L2TP class of a UDP payload, for drop-next KIND, as the codec sees it.
bool of_kind(ByteView p, const std::string& kind) {
  if (kind.empty() || kind == "any") return true;
  const auto d = l2tp::decode(p);
  if (!d.complete) return false;
  if (kind == "data") return !d.value.is_control();
  if (kind == "control") return d.value.is_control() && !d.value.zlb;
  if (kind == "ack" || kind == "zlb") return d.value.zlb;
  return false;
}

class Run {
 public:
  Run(const Script& s, endpoints::l2tp::L2tpConfig device, const SimRunOptions& o)
      : script_(s), options_(o), sim_(sim::SimOptions{o.seed}) {
    verdict_.script = s.file;
    verdict_.checks = s.checks;
    device.role = s.device == "l2tp.lac" ? endpoints::l2tp::L2tpRole::lac : endpoints::l2tp::L2tpRole::lns;
    auto dut = std::make_unique<endpoints::l2tp::L2tpEndpoint>(std::move(device));
    auto tester = std::make_unique<L2tpScriptPeer>("dut:1701", o.secret);
    peer_ = tester.get();
    dut_ = sim_.add_node("dut", std::move(dut));
    tester_ = sim_.add_node("tester", std::move(tester));
    sim_.connect(dut_, tester_, o.link);
    sim_.listen(dut_, engine::ChannelKind::udp, 1701);
    sim_.listen(tester_, engine::ChannelKind::udp, 1701);
    prev_ = sim_.start();
    // An LAC acts when a call comes in: in selftest the reference LAC gets one at the start,
    // as a real LAC would when its line rings (a live device is triggered by its profile).
    if (s.device == "l2tp.lac")
      sim_.schedule_command(dut_, sim_.start(), engine::Command{"call", {{"peer", "tester"}, {"called", "5551000"}}});
  }

  Verdict run() {
    if (script_.device != "l2tp.lns" && script_.device != "l2tp.lac")
      return finish(Outcome::error, 0, "this runner drives L2TP devices, not " + script_.device);
    for (const Step& st : script_.steps) {
      if (!step(st)) return verdict_;
    }
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
    sim_.schedule_command(tester_, at, L2tpScriptPeer::send_command(st.name, fields.value()));
    sim_.run_until(at);
    if (!peer_->errors().empty()) {
      finish(Outcome::error, st.line, peer_->errors().back());
      return false;
    }
    prev_ = at;
    return true;
  }

  bool expect(const Step& st, Instant lo, Instant hi) {
    std::string last_reason;
    for (;;) {
      const auto& rx = peer_->received();
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
      if (kind != "any" && kind != "ack" && kind != "zlb" && kind != "control" && kind != "data") {
        finish(Outcome::error, st.line, "drop-next KIND must be any, ack, zlb, control or data");
        return false;
      }
      sim::DropRule rule;
      rule.count = static_cast<std::size_t>(std::stoul(st.args[0]));
      rule.kind = engine::ChannelKind::udp;
      rule.match = [kind](ByteView p) { return of_kind(p, kind); };
      sim_.drop_next(dut_, tester_, rule);
      return true;
    }
    finish(Outcome::error, st.line, "directive '" + st.name + "' is not supported in simulation yet");
    return false;
  }

  const Script& script_;
  SimRunOptions options_;
  sim::Simulator sim_;
  L2tpScriptPeer* peer_ = nullptr;
  sim::NodeId dut_ = 0, tester_ = 0;
  Instant prev_;
  Bindings bound_;
  std::size_t next_rx_ = 0;
  Verdict verdict_;
};

}  // namespace

Verdict run_l2tp_script_in_sim(const Script& script, endpoints::l2tp::L2tpConfig device,
                               const SimRunOptions& options) {
  return Run(script, std::move(device), options).run();
}

}  // namespace ts::conformance
