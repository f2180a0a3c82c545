// read_l2tp_conversation (recorded_conversation.h): the device's L2TP datagrams.
#include "conformance/capture/recorded_conversation.h"
#include "conformance/engine/l2tp_script_peer.h"
#include "conformance/engine/l2tp_wire_message.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/udp.h"

namespace ts::conformance {

Result<RecordedConversation> read_l2tp_conversation(const RecordedPackets& rec, const RecordedDevice& device) {
  RecordedConversation c;
  c.peer = std::make_unique<L2tpScriptPeer>(device.target + ":1701", device.secret);
  bool first = true;
  for (const auto& p : rec.packets) {
    if (p.protocol != net::ip_proto::kUdp) continue;
    const auto udp = net::decode_udp(p.payload);
    if (!udp.complete || (udp.value.src_port != 1701 && udp.value.dst_port != 1701)) continue;
    if (first) c.start = p.time, first = false;
    if (p.src.to_string() != device.target) {
      // The script side's own IDs, as it assigned them in that run.
      if (const auto w = l2tp_wire_message(udp.value.payload, device.secret)) {
        const bool tunnel = w->name == "SCCRQ" || w->name == "SCCRP";
        const bool session = w->name == "ICRQ" || w->name == "ICRP";
        const char* key = tunnel ? "assigned_tunnel" : "assigned_session";
        if ((tunnel || session) && !c.ids.count(tunnel ? "tunnel" : "session"))
          if (const auto id = w->get(key)) c.ids[tunnel ? "tunnel" : "session"] = std::string(*id);
      }
      continue;
    }
    c.events.push_back(
        RecordedEvent{p.time, engine::Received{1, Bytes(udp.value.payload.begin(), udp.value.payload.end())}});
  }
  if (first) return Error{"no L2TP packet (UDP port 1701) in the capture"};
  return c;
}

}  // namespace ts::conformance
