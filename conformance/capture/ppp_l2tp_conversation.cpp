// read_ppp_l2tp_conversation (recorded_conversation.h): the device's PPP frames in the
// script side's L2TP session.
#include <optional>

#include "conformance/capture/recorded_conversation.h"
#include "dissectors/l2tp/message.h"
#include "dissectors/l2tp/message_types.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/udp.h"
#include "dissectors/ppp/hdlc.h"

namespace ts::conformance {

namespace {

using ts::l2tp::MessageType;
using ts::l2tp::to_u16;

bool is(const ts::l2tp::Message& m, MessageType t) { return m.is_control() && m.message_type == to_u16(t); }

}  // namespace

Result<RecordedConversation> read_ppp_l2tp_conversation(const RecordedPackets& rec, const RecordedDevice& device) {
  RecordedConversation c;
  auto ppp = std::make_unique<PppScriptPeer>("l2tp-session", device.ppp);
  PppScriptPeer& peer = *ppp;
  c.peer = std::move(ppp);
  ts::l2tp::DecodeOptions opt;
  opt.secret = device.secret;
  opt.has_secret = !device.secret.empty();
  std::optional<std::uint16_t> tunnel, session;  // the script side's, as the device's ICRP named them
  std::optional<Instant> up;
  std::optional<std::uint16_t> last_ns;
  bool cleared = false;
  for (const auto& p : rec.packets) {
    if (p.protocol != net::ip_proto::kUdp) continue;
    const auto udp = net::decode_udp(p.payload);
    if (!udp.complete || (udp.value.src_port != 1701 && udp.value.dst_port != 1701)) continue;
    const auto d = ts::l2tp::decode(udp.value.payload, opt);
    if (!d.complete) continue;
    const auto& m = d.value;
    if (p.src.to_string() != device.target) {
      // The script side's ICCN: its session is established (RFC 2661 §5.4), the line is up.
      if (!up && tunnel && is(m, MessageType::iccn) && m.header.session_id != 0) up = p.time;
      continue;
    }
    if (!tunnel && is(m, MessageType::icrp)) tunnel = m.header.tunnel_id, session = m.header.session_id;
    if (!up || cleared || m.header.tunnel_id != *tunnel) continue;
    if (is(m, MessageType::stopccn) || (is(m, MessageType::cdn) && m.header.session_id == *session)) {
      c.events.push_back(RecordedEvent{p.time, engine::Closed{PppScriptPeer::kStreamChannel,
                                                              "the L2TP session was cleared"}});
      cleared = true;
    } else if (!m.is_control() && m.header.session_id == *session) {
      // §5.4: a sequenced data message not after the last one is stale; the session drops it.
      if (m.header.sequence_present) {
        if (last_ns && static_cast<std::int16_t>(m.header.ns - *last_ns) <= 0) continue;
        last_ns = m.header.ns;
      }
      // The PPP script peer reads a serial line: the frame as async HDLC would carry it.
      c.events.push_back(RecordedEvent{p.time, engine::Received{PppScriptPeer::kStreamChannel,
                                                                ts::ppp::hdlc_encode(m.payload)}});
    }
  }
  if (!tunnel) return Error{"no incoming call answered by the device (ICRP) in the capture"};
  if (!up) return Error{"the L2TP session carrying PPP did not come up (no ICCN) in the capture"};
  c.start = *up;
  peer.handle(c.start, engine::Command{"open", {}});  // the line is open from time 0
  return c;
}

}  // namespace ts::conformance
