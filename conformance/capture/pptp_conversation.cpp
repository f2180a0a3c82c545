// read_pptp_conversation (recorded_conversation.h): the device's PPTP control stream, its
// connection events and its GRE packets.
#include <optional>
#include <utility>

#include "conformance/capture/recorded_conversation.h"
#include "conformance/capture/tcp_stream_reassembler.h"
#include "conformance/engine/pptp_script_peer.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/tcp.h"

namespace ts::conformance {

namespace {

// RFC 2637 §1.3: the control connection is TCP to port 1723 of the PAC.
constexpr std::uint16_t kPptpPort = 1723;
// The channel id of the connection the device (a PNS) opened: any id but the peer's own
// control and GRE channels, as the live driver numbers accepted connections.
constexpr engine::ChannelId kAcceptedChannel = 3;

}  // namespace

Result<RecordedConversation> read_pptp_conversation(const RecordedPackets& rec, const RecordedDevice& device,
                                                    bool device_is_pac) {
  RecordedConversation c;
  c.peer = std::make_unique<PptpScriptPeer>(device.target, /*connects=*/device_is_pac);
  const engine::ChannelId ctl = device_is_pac ? PptpScriptPeer::kControlChannel : kAcceptedChannel;
  std::optional<std::pair<std::uint16_t, std::uint16_t>> conn;  // (device's port, ours)
  TcpStreamReassembler stream;
  bool first = true, opened = false, ended = false;
  for (const auto& p : rec.packets) {
    const bool from_device = p.src.to_string() == device.target;
    if (!from_device && p.dst.to_string() != device.target) continue;
    if (p.protocol == net::ip_proto::kGre) {
      if (first) c.start = p.time, first = false;
      if (from_device) c.events.push_back(RecordedEvent{p.time, engine::Received{PptpScriptPeer::kGreChannel, p.payload}});
      continue;
    }
    if (p.protocol != net::ip_proto::kTcp) continue;
    const auto tcp = net::decode_tcp(p.payload);
    if (!tcp.complete) continue;
    const auto& h = tcp.value;
    const std::pair<std::uint16_t, std::uint16_t> ports =
        from_device ? std::pair{h.src_port, h.dst_port} : std::pair{h.dst_port, h.src_port};
    // The first control connection only, as the live peer speaks on one.
    if ((device_is_pac ? ports.first : ports.second) != kPptpPort || (conn && *conn != ports)) continue;
    if (first) c.start = p.time, first = false;
    conn = ports;
    if (ended) continue;
    if (!from_device) {
      // The script side closed first (its cleanup, after the script): the live driver then
      // tells the peer nothing of the device's FIN.
      ended = h.fin() || h.rst();
      continue;
    }
    if (!device_is_pac && !opened) {  // its SYN, or its first segment in the recording
      c.events.push_back(RecordedEvent{p.time, engine::Opened{ctl}});
      opened = true;
    }
    if (auto bytes = stream.segment(h); !bytes.empty())
      c.events.push_back(RecordedEvent{p.time, engine::Received{ctl, std::move(bytes)}});
    if (stream.fin() || stream.reset()) {
      c.events.push_back(RecordedEvent{p.time, engine::Closed{ctl, stream.fin() ? "peer closed" : "connection reset"}});
      ended = true;
    }
  }
  if (first) return Error{"no PPTP packet (TCP port 1723 or GRE) of the device in the capture"};
  return c;
}

}  // namespace ts::conformance
