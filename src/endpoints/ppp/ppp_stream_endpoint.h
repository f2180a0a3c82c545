#pragma once
// PppStreamEndpoint: a reference PPP peer over an asynchronous HDLC byte stream
// (engine::ChannelKind::ppp_stream: a serial line, a pty, stdin/stdout), RFC 1662 §4.
// engine::Endpoint, sans-I/O.
//
// Contract:
//  - Opened{channel}: the stream is usable; the PPP peer is brought up (LCP starts). If the
//    constructor named a channel, other channels are ignored; channel 0 adopts the first.
//  - Received: bytes in arbitrary chunks. Octets below 0x20 flagged in our receiving ACCM
//    (0xFFFFFFFF until LCP is Opened, then the map we negotiated) are removed first, as
//    line equipment may insert them (RFC 1662 §4.2). Complete frames (AsyncHdlcDeframer) with a
//    good FCS-16 go to the peer; bad FCS, aborted or oversize frames are counted and dropped with
//    peer_diag::kHdlcFcsError (RFC 1662 §4.3: silently discarded by the protocol).
//  - Frames out are HDLC-encoded with FCS-16; LCP packets always with the default ACCM
//    0xFFFFFFFF (RFC 1662 §7.1), other frames with the ACCM the peer asked for once LCP
//    is Opened.
//  - Closed{channel}: the peer goes down at once (finished). Command "close" (or "hangup")
//    asks for LCP termination; when the peer has finished, one CloseChannel is returned.
// Notes of the peer (StateChange, Violation) are passed through as actions.
#include <cstdint>
#include <optional>

#include "dissectors/ppp/hdlc.h"
#include "src/endpoints/ppp/ppp_peer.h"
#include "src/engine/endpoint.h"

namespace ts::endpoints::ppp {

struct HdlcCounters {
  std::uint64_t frames_in = 0;  // good frames handed to the peer
  std::uint64_t frames_out = 0;
  std::uint64_t bad_frames = 0;  // FCS errors, aborts, oversize, too short
  std::uint64_t bytes_in = 0, bytes_out = 0;
  std::uint64_t removed_control_characters = 0;  // flagged in our receiving ACCM (§4.2)
};

class PppStreamEndpoint final : public engine::Endpoint {
 public:
  explicit PppStreamEndpoint(PppConfig config, engine::ChannelId channel = 0);

  engine::Actions handle(Instant now, const engine::Input& input) override;
  engine::Actions on_deadline(Instant now) override;
  std::optional<Instant> next_deadline() const override { return peer_.next_deadline(); }

  const PppPeer& peer() const { return peer_; }
  const HdlcCounters& counters() const { return counters_; }

 private:
  void take(engine::LinkOutput&& out, engine::Actions& actions);
  void receive_bytes(Instant now, ByteView bytes, engine::Actions& actions);
  void feed_segment(Instant now, ByteView bytes, engine::Actions& actions);
  std::uint32_t send_accm_for(ByteView frame) const;

  PppPeer peer_;
  std::optional<engine::ChannelId> channel_;
  ts::ppp::AsyncHdlcDeframer deframer_;
  HdlcCounters counters_;
  bool close_sent_ = false;
};

}  // namespace ts::endpoints::ppp
