#include "src/observe/observe_context.h"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

#include "src/observe/observe_diagnostics.h"

namespace ts::observe {

std::string note_key(const DiagnosticDef& def, std::string_view entity, std::string_view detail) {
  return fmt::format("{}\x1f{}\x1f{}", def.id, entity, detail);
}

Connection& ObserveContext::new_connection(Protocol p, const FrameInfo& f) {
  Connection& c = analysis_.connections.emplace_back();
  c.protocol = p;
  c.index = next_index_[static_cast<int>(p)]++;
  c.id = fmt::format("{}-{}", to_string(p), c.index);
  c.file = file_;
  c.first = f.ts;
  c.last = f.ts;
  if (sink_) sink_->on_connection_started(analysis_, c);
  return c;
}

void ObserveContext::event(Connection& c, const FrameInfo& f, std::string entity, int from, EventKind kind,
                           std::string text) {
  c.events.push_back(Event{f.ts, f.number, std::move(entity), from, kind, std::move(text)});
  if (sink_) sink_->on_event(analysis_, c, c.events.back());
}

void ObserveContext::diag(Connection* c, const FrameInfo& f, std::string entity, const DiagnosticDef& def,
                          std::string detail) {
  // After the capture lost part of a connection, behaviour cannot be judged fairly.
  if (c && c->checks_suspended_at && def.kind == DiagKind::violation) return;
  // Notes (facts, not faults) are kept once per connection, entity and detail: a peer that
  // uses a small MRU says so in every Configure-Request, and one line says it all.
  if (def.kind == DiagKind::note) {
    if (!seen_notes_[c ? c->id : std::string()].insert(note_key(def, entity, detail)).second) return;
  }
  DiagRecord r{Diagnostic{&def, std::move(detail), f.number}, f.ts, std::move(entity), c ? c->id : std::string()};
  if (c) {
    c->diags.push_back(std::move(r));
    if (sink_) sink_->on_diagnostic(analysis_, *c, c->diags.back());
  } else if (sink_) {
    sink_->on_capture_diagnostic(analysis_, r);
  } else {
    analysis_.capture_diags.push_back(std::move(r));
  }
}

void ObserveContext::add_diags(Connection* c, const FrameInfo& f, const std::string& entity, const Diagnostics& ds) {
  for (const auto& d : ds) diag(c, f, entity, *d.def, d.detail);
}

void ObserveContext::truncated(Connection* c, const FrameInfo& f, const std::string& entity, std::string_view layer,
                               std::string_view field) {
  const std::string detail = fmt::format("{}: {}", layer, field.empty() ? "(unnamed field)" : field);
  if (!f.cut) {
    diag(c, f, entity, diag::kFrameTruncated, detail);
    return;
  }
  diag(c, f, entity, diag::kSnaplenCut, detail);
  if (c) suspend_checks(*c, f, "snaplen cut " + detail);
}

void ObserveContext::suspend_checks(Connection& c, const FrameInfo& f, std::string why) {
  if (c.checks_suspended_at) return;
  c.checks_suspended_at = f.number;
  diag(&c, f, "", diag::kChecksSuspended, std::move(why));
}

void ObserveContext::claim(Connection& c, const FrameInfo& f) {
  if (!c.last || f.ts > *c.last) c.last = f.ts;
  if (f.number != last_claimed_frame_) {
    last_claimed_frame_ = f.number;
    ++claimed_frames_;
  }
  if (f.packet && f.packet->connection.empty()) f.packet->connection = c.id;
}

bool ObserveContext::finished(const Connection& c, Instant now) const {
  if (!sink_ || !c.last) return false;
  const auto quiet = now - *c.last;
  if (c.ended && quiet >= kTeardownLinger) return true;
  return options_.idle_timeout.count() > 0 && quiet >= options_.idle_timeout;
}

void ObserveContext::retire_done() {
  if (done_.empty()) return;
  if (!sink_) {
    done_.clear();
    return;
  }
  // Walk the live connections (first appearance order) rather than sorting the marks.
  for (auto it = analysis_.connections.begin(); it != analysis_.connections.end() && !done_.empty();) {
    auto mark = std::find(done_.begin(), done_.end(), &*it);
    if (mark == done_.end()) {
      ++it;
      continue;
    }
    done_.erase(mark);
    sink_->on_connection_finished(analysis_, *it);
    seen_notes_.erase(it->id);
    it = analysis_.connections.erase(it);
  }
  // A mark for a connection not in the analysis is our bug (marked twice, or foreign).
  assert(done_.empty());
  done_.clear();
}

}  // namespace ts::observe
