#include "conformance/capture/capture_harness.h"

#include <algorithm>

namespace ts::conformance {

namespace {

Result<RecordedConversation> read_conversation(const std::string& role, const RecordedPackets& rec,
                                               const RecordedDevice& device) {
  if (role == "l2tp.lns" || role == "l2tp.lac") return read_l2tp_conversation(rec, device);
  if (role == "pptp.pac" || role == "pptp.pns") return read_pptp_conversation(rec, device, role == "pptp.pac");
  return read_ppp_l2tp_conversation(rec, device);
}

}  // namespace

Result<std::unique_ptr<CaptureHarness>> CaptureHarness::open(const std::string& device_role, const std::string& path,
                                                             const RecordedDevice& device) {
  if (device_role == "ppp.peer")
    return Error{"ppp.peer scripts are judged in simulation only: no live run records them (docs/interop.md)"};
  if (device_role.rfind("l2tp.", 0) != 0 && device_role.rfind("pptp.", 0) != 0 && device_role != "ppp.authenticator")
    return Error{"scripts are judged against captures for L2TP, PPTP and PPP-over-L2TP devices (l2tp.lns, l2tp.lac, "
                 "pptp.pac, pptp.pns, ppp.authenticator), not " + device_role};
  auto rec = read_recorded_packets(path);
  if (!rec.ok()) return Error{rec.error()};
  auto conv = read_conversation(device_role, rec.value(), device);
  if (!conv.ok())
    return Error{path + ": " + (rec.value().truncated.empty() ? conv.error() : rec.value().truncated)};
  std::unique_ptr<CaptureHarness> h(new CaptureHarness());
  h->peer_ = std::move(conv.value().peer);
  h->filter_ = std::make_unique<ImpairmentFilter>(*h->peer_);
  h->events_ = std::move(conv.value().events);
  h->start_ = h->now_ = conv.value().start;
  h->ids_ = std::move(conv.value().ids);
  return h;
}

bool CaptureHarness::run_until(Instant until) {
  // Commands, held packets the filter releases and the device's inputs, in time order;
  // at equal times in that order (a send at T happens before what the device answers at T).
  constexpr Instant kNever = Instant::max();
  for (;;) {
    auto cmd = std::min_element(commands_.begin(), commands_.end(),
                                [](const auto& a, const auto& b) { return a.first < b.first; });
    const Instant next_cmd = cmd != commands_.end() && cmd->first <= until ? cmd->first : kNever;
    const Instant next_in = next_ < events_.size() && events_[next_].time <= until ? events_[next_].time : kNever;
    const Instant due = filter_->next_release().value_or(kNever);
    const Instant release = due <= until ? due : kNever;
    if (next_cmd == kNever && next_in == kNever && release == kNever) break;
    if (next_cmd <= release && next_cmd <= next_in) {
      const auto [at, c] = *cmd;
      commands_.erase(cmd);
      now_ = std::max(now_, at);
      peer_->handle(now_, c);  // built (errors found), never sent
    } else if (release <= next_in) {
      now_ = std::max(now_, release);
      filter_->release_due(now_);  // what the peer answers goes nowhere
    } else {
      now_ = std::max(now_, next_in);
      filter_->handle(now_, events_[next_].input);
      ++next_;
    }
  }
  now_ = std::max(now_, until);
  return true;
}

void CaptureHarness::command(Instant at, engine::Command command) { commands_.emplace_back(at, std::move(command)); }

}  // namespace ts::conformance
