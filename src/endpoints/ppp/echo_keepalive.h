#pragma once
// EchoKeepalive: the LCP Echo-Request liveness check (RFC 1661 §5.8), as timing only: the
// owner sends the Echo-Request when told and reports matching Echo-Replies.
// Contract: start() when LCP reaches Opened (the first request goes `interval` later), stop()
// when it leaves. At each deadline: if `max_failures` requests are outstanding the peer is
// dead (Due::dead, the keepalive stops), otherwise Due::send and one more is outstanding.
// reply_received() clears the outstanding count. interval == 0 disables it entirely.
#include <optional>

#include "src/core/time.h"

namespace ts::endpoints::ppp {

class EchoKeepalive {
 public:
  enum class Due { nothing, send, dead };

  EchoKeepalive(Duration interval, unsigned max_failures)
      : interval_(interval), max_failures_(max_failures == 0 ? 1 : max_failures) {}

  void start(Instant now) {
    outstanding_ = 0;
    if (interval_ > Duration::zero()) deadline_ = now + interval_;
  }
  void stop() { deadline_.reset(); }
  Due on_deadline(Instant now) {
    if (!deadline_ || now < *deadline_) return Due::nothing;
    if (outstanding_ >= max_failures_) {
      deadline_.reset();
      return Due::dead;
    }
    ++outstanding_;
    deadline_ = *deadline_ + interval_;
    return Due::send;
  }
  void reply_received() { outstanding_ = 0; }
  std::optional<Instant> next_deadline() const { return deadline_; }
  unsigned outstanding() const { return outstanding_; }

 private:
  Duration interval_;
  unsigned max_failures_;
  unsigned outstanding_ = 0;
  std::optional<Instant> deadline_;
};

}  // namespace ts::endpoints::ppp
