#include "conformance/engine/impairment_filter.h"

#include <algorithm>

namespace ts::conformance {

namespace {

void append_all(engine::Actions& out, engine::Actions&& more) {
  for (auto& a : more) engine::append_action(out, std::move(a));
}

}  // namespace

void ImpairmentFilter::impair_next(const Impairment& rule) {
  if (rule.count > 0) rules_.push_back(rule);
}

engine::Actions ImpairmentFilter::handle(Instant now, const engine::Input& input) {
  const auto* rx = std::get_if<engine::Received>(&input);
  if (!rx || !inner_.droppable(rx->channel)) return inner_.handle(now, input);
  engine::Actions out;
  // Rules apply in the order given, like the simulator's: the first one still counting.
  if (!rules_.empty() && inner_.packet_is(rx->data, rules_.front().kind)) {
    const Impairment rule = rules_.front();
    if (--rules_.front().count == 0) rules_.pop_front();
    switch (rule.what) {
      case ImpairmentKind::drop:
        ++counts_.dropped;
        inner_.record_impaired(now, rx->data, "lost");
        return out;
      case ImpairmentKind::delay:
        ++counts_.delayed;
        inner_.record_impaired(now, rx->data, "delayed");
        held_.push_back(Held{now + rule.delay, *rx, false});
        return out;
      case ImpairmentKind::reorder:
        ++counts_.reordered;
        inner_.record_impaired(now, rx->data, "reordered");
        held_.push_back(Held{now + kReorderHoldLimit, *rx, true});
        return out;
      case ImpairmentKind::duplicate:
        ++counts_.duplicated;
        inner_.record_impaired(now, rx->data, "duplicated");
        append_all(out, inner_.process_unrecorded(now, *rx));
        append_all(out, inner_.process_unrecorded(now, *rx));
        release_overtaken(now, out);
        return out;
    }
  }
  append_all(out, inner_.handle(now, input));
  release_overtaken(now, out);
  return out;
}

void ImpairmentFilter::deliver_held(Instant now, std::size_t index, engine::Actions& out) {
  const engine::Received packet = std::move(held_[index].packet);
  held_.erase(held_.begin() + static_cast<std::ptrdiff_t>(index));
  append_all(out, inner_.process_unrecorded(now, packet));
}

void ImpairmentFilter::release_overtaken(Instant now, engine::Actions& out) {
  for (std::size_t i = 0; i < held_.size();) {
    if (held_[i].awaits_overtaker) deliver_held(now, i, out);
    else ++i;
  }
}

std::optional<Instant> ImpairmentFilter::next_release() const {
  std::optional<Instant> next;
  for (const auto& h : held_)
    if (!next || h.due < *next) next = h.due;
  return next;
}

engine::Actions ImpairmentFilter::release_due(Instant now) {
  engine::Actions out;
  for (;;) {
    // The earliest due first; the earliest arrival among equal due times (stable).
    std::optional<std::size_t> pick;
    for (std::size_t i = 0; i < held_.size(); ++i)
      if (held_[i].due <= now && (!pick || held_[i].due < held_[*pick].due)) pick = i;
    if (!pick) return out;
    deliver_held(now, *pick, out);
  }
}

engine::Actions ImpairmentFilter::on_deadline(Instant now) {
  engine::Actions out = release_due(now);
  // The peer's timers run only when due: the filter's own deadline may be the earlier one.
  if (const auto d = inner_.next_deadline(); d && *d <= now) append_all(out, inner_.on_deadline(now));
  return out;
}

std::optional<Instant> ImpairmentFilter::next_deadline() const {
  const auto mine = next_release();
  const auto theirs = inner_.next_deadline();
  if (mine && theirs) return std::min(*mine, *theirs);
  return mine ? mine : theirs;
}

}  // namespace ts::conformance
