#include "src/endpoints/ppp/ppp_stream_endpoint.h"

#include <fmt/format.h>

#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/lcp_policy.h"
#include "src/endpoints/ppp/ppp_endpoint_diagnostics.h"

namespace ts::endpoints::ppp {

PppStreamEndpoint::PppStreamEndpoint(PppConfig config, engine::ChannelId channel)
    : peer_(std::move(config)) {
  if (channel != 0) channel_ = channel;
}

std::uint32_t PppStreamEndpoint::send_accm_for(ByteView frame) const {
  const auto d = ts::ppp::decode_ppp_frame(frame);
  // RFC 1662 §7.1: LCP packets are always sent with the default map, so a link whose
  // characters are eaten still negotiates.
  if (!d.complete || d.value.protocol == ts::ppp::kLcp) return kDefaultAccm;
  const auto accm = peer_.accm();
  return accm ? accm->send : kDefaultAccm;
}

void PppStreamEndpoint::take(engine::LinkOutput&& out, engine::Actions& actions) {
  for (auto& n : out.notes) engine::append_action(actions, std::move(n));
  if (channel_) {
    for (const auto& f : out.frames) {
      Bytes wire = ts::ppp::hdlc_encode(f, send_accm_for(f));
      ++counters_.frames_out;
      counters_.bytes_out += wire.size();
      engine::append_action(actions, engine::Send{*channel_, std::move(wire)});
    }
  }
  if (peer_.finished() && channel_ && !close_sent_) {
    close_sent_ = true;
    engine::append_action(actions, engine::CloseChannel{*channel_});
  }
}

void PppStreamEndpoint::receive_bytes(Instant now, ByteView bytes, engine::Actions& actions) {
  counters_.bytes_in += bytes.size();
  // The bytes are fed up to and including each flag, so that the receive map applied to a
  // frame is the one in force when that frame arrives: one read may carry the Configure-Ack
  // that opens LCP and, after it, a frame already sent with the negotiated map.
  std::size_t start = 0;
  while (start < bytes.size()) {
    std::size_t end = start;
    while (end < bytes.size() && bytes[end] != ts::ppp::kHdlcFlag) ++end;
    if (end < bytes.size()) ++end;  // include the flag
    feed_segment(now, bytes.subspan(start, end - start), actions);
    start = end;
  }
}

void PppStreamEndpoint::feed_segment(Instant now, ByteView bytes, engine::Actions& actions) {
  // RFC 1662 §4.2: each octet below 0x20 flagged in the receiving ACCM "is simply removed
  // (it may have been inserted by intervening data communications equipment)".
  const auto accm = peer_.accm();
  const std::uint32_t receive_map = accm ? accm->receive : kDefaultAccm;
  Bytes kept;
  kept.reserve(bytes.size());
  for (const std::uint8_t b : bytes) {
    if (b < 0x20 && (receive_map >> b) & 1u) {
      ++counters_.removed_control_characters;
      continue;
    }
    kept.push_back(b);
  }
  for (auto& frame : deframer_.feed(kept)) {
    if (!frame.fcs_ok || frame.aborted || frame.oversize) {
      // RFC 1662 §4.3: frames with a bad FCS (or aborted) are silently discarded.
      ++counters_.bad_frames;
      engine::append_action(actions, engine::Violation{&peer_diag::kHdlcFcsError,
                                      fmt::format("{} octets{}{}", frame.data.size(),
                                                  frame.aborted ? " aborted" : "",
                                                  frame.oversize ? " oversize" : ""),
                                      false});
      continue;
    }
    ++counters_.frames_in;
    take(peer_.receive(now, frame.data), actions);
  }
}

engine::Actions PppStreamEndpoint::handle(Instant now, const engine::Input& input) {
  engine::Actions actions;
  if (const auto* opened = std::get_if<engine::Opened>(&input)) {
    if (!channel_) channel_ = opened->channel;
    if (*channel_ == opened->channel) take(peer_.up(now), actions);
  } else if (const auto* rx = std::get_if<engine::Received>(&input)) {
    if (channel_ && rx->channel == *channel_) receive_bytes(now, rx->data, actions);
  } else if (const auto* closed = std::get_if<engine::Closed>(&input)) {
    if (channel_ && closed->channel == *channel_) {
      close_sent_ = true;  // the driver closed it already
      take(peer_.down(now), actions);
    }
  } else if (const auto* cmd = std::get_if<engine::Command>(&input)) {
    if (cmd->name == "close" || cmd->name == "hangup")
      take(peer_.close(now, "operator " + cmd->name), actions);
  }
  return actions;
}

engine::Actions PppStreamEndpoint::on_deadline(Instant now) {
  engine::Actions actions;
  take(peer_.on_deadline(now), actions);
  return actions;
}

}  // namespace ts::endpoints::ppp
