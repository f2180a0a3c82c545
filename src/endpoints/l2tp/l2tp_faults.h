#pragma once
// L2tpFaults: FAULT INJECTION FOR CONFORMANCE SELF-TESTS ONLY. Every switch makes the
// reference L2TP reliable transport break RFC 2661 §5.8 on purpose, so that tests can prove
// that a conformance script fails against a device that misbehaves the way the script's
// check describes (tests/unit/conformance/impairment_scripts_test.cpp). No CLI option and no
// profile sets them; all off is the correct endpoint.
namespace ts::endpoints::l2tp {

struct L2tpFaults {
  // A duplicate control message (Ns at or before the last one received) is still
  // acknowledged, but also handed up again: the tunnel acts on it twice (against §5.8,
  // "ignored from processing").
  bool process_duplicates = false;
  // A control message whose Ns is ahead of the expected one (within the window) is handed up
  // at once, out of order (against §5.8, "delivered in order"); Nr does not move past the gap.
  bool deliver_out_of_order = false;
  // The peer's Nr is not processed: our messages stay unacknowledged and are retransmitted
  // until the tunnel is declared dead (against §5.8: a message is held "until a control
  // message arrives from the peer in which the Nr field indicates receipt").
  bool ignore_acknowledgements = false;
};

}  // namespace ts::endpoints::l2tp
