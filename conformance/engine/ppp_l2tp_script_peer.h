#pragma once
// PppL2tpScriptPeer: the script's side of a PPP link carried in an L2TP session (RFC 2661),
// for a device that is a PPP authenticator behind an L2TP LNS (a VPN server's own PPP). It
// wraps the PppScriptPeer (ppp_script_peer.h) that plays the PPP side, and our reference
// L2TP LAC (src/endpoints/l2tp) that carries it:
//  - "open" (the harness's trigger): the LAC opens a control connection to `lns`
//    ("host:port") and places one incoming call (SCCRQ..SCCCN, ICRQ..ICCN); line_up() turns
//    true when the session is established (the line comes up: RFC 1661 §3.2).
//  - "send": the PPP script peer builds the frame as on a serial line; it goes out as the
//    payload of one L2TP data message of that session: the PPP frame with Address and
//    Control (FF 03) and without HDLC flags, escapes or FCS (RFC 2661 §3.1, §4.4.5: the
//    LNS sees the frame as PPP over a packet link; RFC 1662 §3 fields, no async framing).
//  - every data message of the session from the device is handed to the PPP script peer as
//    one frame (Address/Control as the device sent them) and judged there: received() is the
//    PPP script peer's.
//  - the device clearing the session (CDN) or the control connection (StopCCN) closes the
//    line: the pseudo-message CLOSED (ppp_wire_message.h), as a serial line's hang-up.
//  - cleanup_command(): "stop", a StopCCN for the control connection (then the LAC owes
//    nothing once it is acknowledged: next_deadline() is nullopt).
// The L2TP messages themselves are not recorded in received(): the scripts judge PPP only.
// Nothing can be impaired (packet_kinds() is empty), as on the simulated serial line.
// Environment errors (the LAC could not set up the call) are reported by the harness, which
// waits for line_up() with a bound.
#include <memory>
#include <string>
#include <vector>

#include "conformance/engine/ppp_script_peer.h"
#include "conformance/engine/script_peer.h"
#include "dissectors/ppp/hdlc.h"
#include "src/endpoints/l2tp/l2tp_endpoint.h"

namespace ts::conformance {

struct PppL2tpSettings {
  std::string lns;           // "host:port" of the LNS
  std::string secret;        // L2TP tunnel secret; empty: no tunnel authentication
  std::string host_name = "ts-lac";
  std::uint64_t seed = 1;    // the LAC's ids and challenges: give each live run a fresh one
};

class PppL2tpScriptPeer : public ScriptPeer {
 public:
  PppL2tpScriptPeer(PppL2tpSettings settings, PppScriptCredentials credentials);

  engine::Actions handle(Instant now, const engine::Input& input) override;
  engine::Actions on_deadline(Instant now) override;
  std::optional<Instant> next_deadline() const override;

  const std::vector<ReceivedMessage>& received() const override { return ppp_.received(); }
  const std::vector<std::string>& errors() const override { return ppp_.errors(); }
  std::vector<std::string_view> packet_kinds() const override { return {}; }
  bool packet_is(ByteView, std::string_view) const override { return false; }
  void record_impaired(Instant, ByteView, std::string_view) override {}
  std::optional<engine::Command> cleanup_command() const override;
  bool device_closed() const override { return line_closed_; }

  // The L2TP session is established and carries PPP.
  bool line_up() const { return line_up_; }
  // Why the line went down (the session or tunnel was cleared), or is not up; for reports.
  std::string line_status() const;

 private:
  class Link;
  // Hands one input to the PPP script peer; its frames (async HDLC on its side) are
  // deframed into pending_, its notes (our deliberate violations) into notes_.
  void to_ppp(Instant now, const engine::Input& input);
  engine::Actions with_notes(engine::Actions out);

  PppL2tpSettings settings_;
  PppScriptPeer ppp_;
  endpoints::l2tp::L2tpEndpoint lac_;
  ts::ppp::AsyncHdlcDeframer deframer_;
  std::vector<Bytes> pending_;  // frames for the session, sent at the next link deadline
  engine::Actions notes_;
  bool line_up_ = false, line_closed_ = false, stopping_ = false;
};

}  // namespace ts::conformance
