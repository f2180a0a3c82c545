#pragma once
// L2tpSide: one end of a simulated L2TP control connection for scenarios. Keeps Ns/Nr the
// way RFC 2661 §5.8 says (Ns counts this side's control messages, Nr the peer's received
// ones) so scenario code only states what is sent.
#include <vector>

#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"
#include "dissectors/l2tp/message_types.h"
#include "tests/tools/capture_builder.h"

namespace ts::testing {

struct L2tpSide {
  Host host;
  std::uint16_t port = 1701;
  std::uint16_t tunnel_id = 0;       // assigned by this side
  std::uint16_t peer_tunnel_id = 0;  // the peer's, written in headers this side sends
  std::uint16_t ns = 0;              // next Ns to send
  std::uint16_t nr = 0;              // next Ns expected from the peer
};

class L2tpLink {
 public:
  L2tpLink(CaptureBuilder& b, L2tpSide a, L2tpSide z, std::string secret = {})
      : b_(b), side_{a, z}, secret_(std::move(secret)) {}
  L2tpSide& side(int i) { return side_[i]; }

  // A control message from side `from` (0/1) to the other. `session` is the peer's session
  // id for session messages. Hidden AVPs are hidden with the link's secret.
  void control(int from, l2tp::MessageType type, std::vector<l2tp::Avp> avps, std::uint16_t session = 0);
  // The same control message bytes sent again (a retransmission: Ns unchanged).
  void retransmit_last(int from);
  void zlb(int from);
  // A data message with the PPP frame; with_sequence sets S and uses data_ns.
  void data(int from, std::uint16_t session, ByteView ppp, bool with_sequence = false);
  // Raw bytes on the tunnel's UDP flow (malformed cases).
  void raw(int from, ByteView payload);
  // Marks a control message from `from` as received by the peer without sending it
  // (a message lost before the capture point).
  void lost(int from);

  // A plain tunnel between side 0 (LAC, host name "lac") and side 1 (LNS, "lns") with the
  // given Assigned Tunnel IDs: SCCRQ / SCCRP / SCCCN and the ZLB ack; and its teardown,
  // 100 ms later: StopCCN from side 0 (result 1) and the ZLB ack.
  void open_tunnel(std::uint16_t lac_tid, std::uint16_t lns_tid);
  void close_tunnel();

 private:
  CaptureBuilder& b_;
  L2tpSide side_[2];
  std::string secret_;
  Bytes last_[2];
  std::uint16_t data_ns_[2] = {0, 0};
};

}  // namespace ts::testing
