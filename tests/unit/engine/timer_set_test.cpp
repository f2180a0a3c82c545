#include <catch2/catch.hpp>

#include "src/engine/timer_set.h"

using namespace ts;

TEST_CASE("TimerSet returns due timers earliest first, ties by id, and forgets them") {
  engine::TimerSet<int> t;
  const Instant t0 = instant_from_ns(0);
  t.set(3, t0 + std::chrono::seconds(2));
  t.set(1, t0 + std::chrono::seconds(1));
  t.set(2, t0 + std::chrono::seconds(1));
  t.set(4, t0 + std::chrono::seconds(9));
  CHECK(t.next() == t0 + std::chrono::seconds(1));
  CHECK(t.expired(t0).empty());
  CHECK(t.expired(t0 + std::chrono::seconds(2)) == std::vector<int>{1, 2, 3});
  CHECK(t.armed(4));
  t.set(4, t0 + std::chrono::seconds(3));  // re-arming replaces
  CHECK(t.deadline(4) == t0 + std::chrono::seconds(3));
  t.cancel(4);
  CHECK(t.empty());
  CHECK_FALSE(t.next().has_value());
}
