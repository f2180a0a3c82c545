#include <catch2/catch.hpp>

#include "src/endpoints/l2tp/congestion_window.h"

using ts::endpoints::l2tp::CongestionWindow;

TEST_CASE("CongestionWindow: slow start doubles to the advertised window (RFC 2661 App. A)") {
  CongestionWindow w(8, true);
  CHECK(w.cwnd() == 1);
  CHECK(w.ssthresh() == 8);
  CHECK(w.limit() == 1);
  CHECK(w.in_slow_start());
  for (int i = 0; i < 7; ++i) w.on_ack();
  CHECK(w.cwnd() == 8);
  w.on_ack();  // never beyond the advertised window
  CHECK(w.cwnd() == 8);
  CHECK(w.limit() == 8);
}

TEST_CASE("CongestionWindow: retransmission halves into SSTHRESH, then linear growth") {
  CongestionWindow w(8, true);
  for (int i = 0; i < 7; ++i) w.on_ack();
  REQUIRE(w.cwnd() == 8);
  w.on_retransmit();
  CHECK(w.ssthresh() == 4);
  CHECK(w.cwnd() == 1);
  w.on_ack();
  w.on_ack();
  w.on_ack();
  CHECK(w.cwnd() == 4);  // slow start up to SSTHRESH
  CHECK_FALSE(w.in_slow_start());
  for (int i = 0; i < 3; ++i) w.on_ack();
  CHECK(w.cwnd() == 4);  // congestion avoidance: +1 only after CWND acks
  w.on_ack();
  CHECK(w.cwnd() == 5);
  for (int i = 0; i < 4; ++i) w.on_ack();
  CHECK(w.cwnd() == 5);
  w.on_ack();
  CHECK(w.cwnd() == 6);
  // A second congestion: SSTHRESH = 3, and halving 1 keeps SSTHRESH at 1.
  w.on_retransmit();
  CHECK(w.ssthresh() == 3);
  w.on_retransmit();
  CHECK(w.ssthresh() == 1);
  CHECK(w.cwnd() == 1);
}

TEST_CASE("CongestionWindow: the advertised window learned later sets SSTHRESH; disabled = window") {
  CongestionWindow w(4, true);
  w.set_advertised(10);
  CHECK(w.ssthresh() == 10);
  w.on_retransmit();
  w.set_advertised(12);
  CHECK(w.ssthresh() == 1);  // congestion already lowered it: kept
  CongestionWindow off(4, false);
  CHECK(off.limit() == 4);
  off.on_retransmit();
  CHECK(off.limit() == 4);
}
