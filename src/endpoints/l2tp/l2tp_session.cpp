#include "src/endpoints/l2tp/l2tp_session.h"

#include <fmt/format.h>

namespace ts::endpoints::l2tp {

namespace {
// Sequence numbers of the data channel compare modulo 65536 (RFC 2661 §5.4 uses the same
// free-running counters as §5.8): `a` is after `b` when (a - b) mod 2^16 is in 1..32767.
bool after(std::uint16_t a, std::uint16_t b) {
  const auto d = static_cast<std::uint16_t>(a - b);
  return d != 0 && d < 0x8000;
}
}  // namespace

L2tpSession::L2tpSession(L2tpRole role, CallKind kind, std::uint16_t tunnel_local_id,
                         std::uint16_t local_id, const L2tpConfig& config)
    : role_(role),
      kind_(kind),
      tunnel_local_id_(tunnel_local_id),
      local_id_(local_id),
      length_bit_(config.data_length_bit),
      faults_(config.channel.faults) {
  // §5.4: without Sequencing Required, "sequencing presence is under control of the LNS".
  send_sequenced_ = role == L2tpRole::lns && config.sequencing != DataSequencing::off;
}

machines::Step<machines::l2tp::SessionState> L2tpSession::apply(machines::Direction d,
                                                                std::uint16_t message_type) {
  const auto s = machines::l2tp::session_step(state_, d, message_type);
  if (s.legal) state_ = s.next;
  return s;
}

std::string L2tpSession::entity() const {
  return fmt::format("session {}/{}", tunnel_local_id_, local_id_);
}

Bytes L2tpSession::build_data(ByteView frame) {
  ts::l2tp::Message m;
  m.header.type_control = false;
  m.header.length_present = length_bit_;
  m.header.tunnel_id = peer_tunnel_id_;
  m.header.session_id = peer_id_;
  if (send_sequenced_) {
    m.header.sequence_present = true;
    m.header.ns = next_ns_++;
    m.header.nr = 0;  // §3.1: reserved in data messages
  }
  m.payload = frame;
  ++counters_.frames_sent;
  counters_.bytes_sent += frame.size();
  return ts::l2tp::encode(m);
}

std::optional<ByteView> L2tpSession::accept_data(const ts::l2tp::Message& msg) {
  const bool sequenced = msg.header.sequence_present;
  if (role_ == L2tpRole::lac && !sequencing_required_ && !faults_.lac_sequencing_fixed) {
    // §5.4: the LAC MUST start or stop sending sequence numbers as the LNS does.
    send_sequenced_ = sequenced || (faults_.lac_sequencing_sticky && send_sequenced_);
  }
  if (!sequenced) {
    if (sequencing_required_) ++counters_.unsequenced;
  } else {
    const std::uint16_t ns = msg.header.ns;
    if (last_received_ns_ && !after(ns, *last_received_ns_)) {
      ++counters_.stale;  // duplicate or reordered behind a newer one: never delivered twice
      return std::nullopt;
    }
    if (last_received_ns_) {
      counters_.lost += static_cast<std::uint16_t>(ns - *last_received_ns_ - 1);
    } else {
      counters_.lost += ns;  // the first Ns of a session is 0
    }
    last_received_ns_ = ns;
  }
  ++counters_.frames_received;
  counters_.bytes_received += msg.payload.size();
  return msg.payload;
}

}  // namespace ts::endpoints::l2tp
