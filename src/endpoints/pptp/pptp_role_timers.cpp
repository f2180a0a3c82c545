// PptpRole's timers (RFC 2637 §3.1.4 control connection, §3.2 calls, §4.4 GRE): what
// happens when a deadline passes, and the next one.
#include "src/endpoints/pptp/pptp_endpoint_diagnostics.h"
#include "src/endpoints/pptp/pptp_role.h"

namespace ts::endpoints::pptp {

using machines::pptp::ControlState;
namespace wire = ts::pptp;

namespace {

void violation(engine::Actions& out, const DiagnosticDef& def, std::string detail) {
  append_action(out, engine::Violation{&def, std::move(detail), false});
}

}  // namespace

// A timer ran out on the control connection: it is closed and everything on it cleared.
void PptpRole::give_up(Instant now, const std::string& why, engine::Actions& out) {
  if (ctl_) append_action(out, engine::CloseChannel{*ctl_});
  ctl_.reset();
  initiated_.reset();
  teardown(now, why, out);
}

engine::Actions PptpRole::on_deadline(Instant now) {
  engine::Actions out;
  for (Timer t : timers_.expired(now)) {
    switch (t) {
      case Timer::control_reply:
        if (control_ == ControlState::established) break;
        violation(out, diag::kNoControlReply,
                  "waited " + format_seconds(config_.control_reply_timeout) + " s");
        give_up(now, "no reply", out);
        break;
      case Timer::echo_idle:
        if (control_ != ControlState::established) break;
        send(now, wire::EchoRequest{++echo_id_}, out);
        ++echo_sent_;
        timers_.set(Timer::echo_reply, now + config_.echo_reply_timeout);
        break;
      case Timer::echo_reply:
        // RFC 2637 §3.1.4 (2): no Echo-Reply: the control connection SHOULD be closed.
        violation(out, diag::kEchoUnanswered, "Echo-Request " + std::to_string(echo_id_));
        give_up(now, "echo unanswered", out);
        break;
      case Timer::stop_reply:
        if (stopping_) {
          send_stop_request(now, kStopLocalShutdown, out);
          break;
        }
        give_up(now, "no stop reply", out);
        break;
    }
  }
  call_deadlines(now, out);
  return out;
}

std::optional<Instant> PptpRole::next_deadline() const {
  std::optional<Instant> best = timers_.next();
  auto consider = [&best](std::optional<Instant> t) {
    if (t && (!best || *t < *best)) best = t;
  };
  for (const auto& [id, c] : calls_) {
    consider(c.reply_deadline);
    consider(c.close_deadline);
    if (c.gre) consider(c.gre->next_deadline());
    if (c.link) consider(c.link->next_deadline());
  }
  return best;
}

void PptpRole::call_deadlines(Instant now, engine::Actions& out) {
  std::vector<std::uint16_t> ids;
  for (const auto& [id, c] : calls_) ids.push_back(id);
  for (auto id : ids) {
    PptpCall* c = find_by_id(id);
    if (!c) continue;
    if (c->gre && c->gre->next_deadline() && *c->gre->next_deadline() <= now) {
      gre_output(now, *c, c->gre->on_deadline(now), out);
      after_link(now, *c, out);
      c = find_by_id(id);
      if (!c) continue;
    }
    if (c->link && c->link->next_deadline() && *c->link->next_deadline() <= now) {
      link_output(now, *c, c->link->on_deadline(now), out);
      after_link(now, *c, out);
      c = find_by_id(id);
      if (!c) continue;
    }
    if (c->close_deadline && *c->close_deadline <= now) {
      c->close_deadline.reset();
      clear_call(now, *c, kCdnAdminShutdown, out);
      continue;
    }
    if (c->reply_deadline && *c->reply_deadline <= now) {
      c->reply_deadline.reset();
      // RFC 2637 §3.2.1 leaves call timers to the implementation: an unanswered request
      // clears the call.
      violation(out, diag::kNoCallReply, c->name() + " in " + std::string(to_string(c->state)));
      if (role_ == Role::pac)
        clear_call(now, *c, kCdnGeneralError, out);
      else
        remove_call(now, id, out);
    }
  }
}

}  // namespace ts::endpoints::pptp
