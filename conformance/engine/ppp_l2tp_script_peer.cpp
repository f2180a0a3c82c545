#include "conformance/engine/ppp_l2tp_script_peer.h"

#include <fmt/format.h>

namespace ts::conformance {

namespace {

namespace l2 = endpoints::l2tp;

l2::L2tpConfig lac_config(const PppL2tpSettings& s) {
  l2::L2tpConfig c;
  c.role = l2::L2tpRole::lac;
  c.host_name = s.host_name;
  c.secret = s.secret;
  c.authenticate_peer = !s.secret.empty();
  c.seed = s.seed;
  // The script decides when the link ends; the tunnel goes with the cleanup's StopCCN.
  c.stop_when_idle = false;
  return c;
}

}  // namespace

// The session's link: frames from the device go to the PPP script peer; the frames the
// script sends wait in pending_ until the tunnel asks (next_deadline() is due at once).
class PppL2tpScriptPeer::Link : public engine::SessionLink {
 public:
  explicit Link(PppL2tpScriptPeer& owner) : o_(owner) {}
  engine::LinkOutput up(Instant) override {
    o_.line_up_ = true;
    return take();
  }
  engine::LinkOutput receive(Instant now, ByteView frame) override {
    // The PPP script peer reads a serial line: give it the frame as async HDLC would carry it.
    o_.to_ppp(now, engine::Received{PppScriptPeer::kStreamChannel, ts::ppp::hdlc_encode(frame)});
    return take();
  }
  engine::LinkOutput close(Instant, std::string_view) override { return take(); }
  engine::LinkOutput down(Instant now) override {
    o_.line_closed_ = true;
    o_.to_ppp(now, engine::Closed{PppScriptPeer::kStreamChannel, "the L2TP session was cleared"});
    o_.pending_.clear();
    return take();
  }
  engine::LinkOutput on_deadline(Instant) override { return take(); }
  std::optional<Instant> next_deadline() const override {
    if (o_.pending_.empty() && o_.notes_.empty()) return std::nullopt;
    return Instant{};  // due now: the tunnel sends them with its next on_deadline()
  }
  bool finished() const override { return false; }
  std::string status() const override { return o_.line_closed_ ? "cleared" : "carrying the script's PPP"; }

 private:
  engine::LinkOutput take() {
    engine::LinkOutput out;
    out.frames = std::move(o_.pending_);
    o_.pending_.clear();
    return out;
  }
  PppL2tpScriptPeer& o_;
};

PppL2tpScriptPeer::PppL2tpScriptPeer(PppL2tpSettings settings, PppScriptCredentials credentials)
    : settings_(std::move(settings)), ppp_("l2tp-session", std::move(credentials)), lac_([this] {
        auto c = lac_config(settings_);
        c.link_factory = [this](const engine::SessionLinkContext&) { return std::make_unique<Link>(*this); };
        return c;
      }()) {}

void PppL2tpScriptPeer::to_ppp(Instant now, const engine::Input& input) {
  for (auto& a : ppp_.handle(now, input)) {
    if (auto* s = std::get_if<engine::Send>(&a)) {
      for (auto& f : deframer_.feed(s->data)) pending_.push_back(std::move(f.data));
    } else if (std::holds_alternative<engine::Violation>(a) || std::holds_alternative<engine::StateChange>(a)) {
      engine::append_action(notes_, std::move(a));
    }
    // OpenChannel (its serial line) is the session here: dropped.
  }
  if (line_closed_) pending_.clear();
}

engine::Actions PppL2tpScriptPeer::with_notes(engine::Actions out) {
  for (auto& n : notes_) engine::append_action(out, std::move(n));
  notes_.clear();
  return out;
}

engine::Actions PppL2tpScriptPeer::handle(Instant now, const engine::Input& input) {
  if (const auto* c = std::get_if<engine::Command>(&input)) {
    if (c->name == "open") {
      to_ppp(now, *c);  // the PPP peer's line is "open" from now on
      return with_notes(lac_.handle(now, engine::Command{"call", {{"peer", settings_.lns}}}));
    }
    if (c->name == "stop") {
      stopping_ = true;
      return with_notes(lac_.handle(now, engine::Command{"stop", {}}));
    }
    // A send: the frame waits for the link's deadline, which is due now.
    to_ppp(now, *c);
    return with_notes(lac_.on_deadline(now));
  }
  return with_notes(lac_.handle(now, input));
}

engine::Actions PppL2tpScriptPeer::on_deadline(Instant now) { return with_notes(lac_.on_deadline(now)); }

std::optional<Instant> PppL2tpScriptPeer::next_deadline() const {
  if (!notes_.empty()) return Instant{};
  return lac_.next_deadline();
}

std::optional<engine::Command> PppL2tpScriptPeer::cleanup_command() const {
  if (stopping_ || lac_.tunnels().empty()) return std::nullopt;
  return engine::Command{"stop", {}};
}

std::string PppL2tpScriptPeer::line_status() const {
  if (line_closed_) return "the L2TP session carrying PPP was cleared";
  if (line_up_) return "the L2TP session is up";
  for (const auto& t : lac_.finished_tunnels())
    return fmt::format("the L2TP control connection ended{} before the session came up",
                       t.stop_result ? fmt::format(" (StopCCN result {})", t.stop_result->result) : "");
  if (lac_.tunnels().empty()) return "no L2TP control connection";
  return "the L2TP control connection or session is not established yet";
}

}  // namespace ts::conformance
