#include "conformance/engine/pptp_script_peer.h"

#include <fmt/format.h>

#include "conformance/engine/pptp_message_builder.h"
#include "conformance/engine/pptp_wire_message.h"
#include "conformance/engine/script_diagnostics.h"
#include "conformance/engine/script_send_command.h"
#include "conformance/engine/text_number.h"
#include "dissectors/gre/header.h"
#include "dissectors/pptp/message.h"

namespace ts::conformance {

namespace {

namespace wire = ts::pptp;

// The script side's own Call ID unless a script names another (§2.7, §2.9).
constexpr std::uint16_t kOwnCallId = 1;
// A PPP frame for GRE payloads: LCP Echo-Request, id 1, magic 0 (RFC 1661 §5.8).
constexpr const char* kDefaultPayload = "ff03c02109010008" "00000000";

std::uint16_t number_or(const WireMessage& w, const char* key, std::uint16_t fallback) {
  const auto v = w.get(key);
  const auto n = v ? parse_number(*v) : std::nullopt;
  return n && *n <= 0xffff ? static_cast<std::uint16_t>(*n) : fallback;
}

}  // namespace

PptpScriptPeer::PptpScriptPeer(std::string device, bool connects) : device_(std::move(device)), connects_(connects) {}

Result<bool> PptpScriptPeer::send(Instant, const std::string& name, const std::vector<ResolvedField>& fields) {
  if (name == "GRE") return send_gre(fields);
  auto body = pptp_body(name);
  if (!body.ok()) return Error{body.error()};
  if (closed_) return Error{"the device closed the control connection: nothing more can be sent"};
  if (!connects_ && !ctl_) return Error{"the device has not opened the control connection yet"};
  // What a correct sender puts in each message at this point of the conversation.
  std::visit(
      [&](auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, wire::StartControlConnectionRequest> ||
                      std::is_same_v<T, wire::StartControlConnectionReply>) {
          m.framing_capabilities = 3;
          m.bearer_capabilities = 3;
          m.maximum_channels = 64;
          m.firmware_revision = 1;
          m.host_name = "ts-script";
          m.vendor_string = "tunnelscope-conformance";
          if constexpr (std::is_same_v<T, wire::StartControlConnectionReply>) m.result_code = 1;
        } else if constexpr (std::is_same_v<T, wire::StopControlConnectionRequest>) {
          m.reason = 1;
        } else if constexpr (std::is_same_v<T, wire::StopControlConnectionReply>) {
          m.result_code = 1;
        } else if constexpr (std::is_same_v<T, wire::EchoRequest>) {
          m.identifier = next_echo_id_;
        } else if constexpr (std::is_same_v<T, wire::EchoReply>) {
          m.identifier = device_echo_id_;
          m.result_code = 1;
        } else if constexpr (std::is_same_v<T, wire::OutgoingCallRequest>) {
          m = wire::OutgoingCallRequest{kOwnCallId, 1, 300, 100000000, 3, 3, 16, 0, 7, 0, "5551000", ""};
        } else if constexpr (std::is_same_v<T, wire::OutgoingCallReply>) {
          m = wire::OutgoingCallReply{kOwnCallId, device_call_id_, 1, 0, 0, 64000, 16, 0, kOwnCallId};
        } else if constexpr (std::is_same_v<T, wire::IncomingCallRequest>) {
          m = wire::IncomingCallRequest{kOwnCallId, 1, 1, kOwnCallId, 7, 7, "5551000", "5552000", ""};
        } else if constexpr (std::is_same_v<T, wire::IncomingCallReply>) {
          m = wire::IncomingCallReply{kOwnCallId, device_call_id_, 1, 0, 16, 0, 0};
        } else if constexpr (std::is_same_v<T, wire::IncomingCallConnected>) {
          m = wire::IncomingCallConnected{device_call_id_, 0, 64000, 16, 0, 1};
        } else if constexpr (std::is_same_v<T, wire::CallClearRequest>) {
          m.call_id = kOwnCallId;
        } else if constexpr (std::is_same_v<T, wire::CallDisconnectNotify>) {
          m.call_id = kOwnCallId;
          m.result_code = 3;  // Admin Shutdown
        } else if constexpr (std::is_same_v<T, wire::WanErrorNotify>) {
          m.peer_call_id = device_call_id_;
        } else if constexpr (std::is_same_v<T, wire::SetLinkInfo>) {
          m.peer_call_id = device_call_id_;
        }
      },
      body.value());
  auto bytes = build_pptp_message(std::move(body.value()), fields);
  if (!bytes.ok()) return Error{bytes.error()};
  if (name == "ECHORQ") ++next_echo_id_;
  for (const auto& f : fields)
    if (f.deliberate)
      ours_.push_back(engine::Violation{&kScriptOverride, fmt::format("{} with {}={}", name, f.key, f.value), true});
  control_out_.push_back(std::move(bytes.value()));
  return true;
}

Result<bool> PptpScriptPeer::send_gre(const std::vector<ResolvedField>& fields) {
  gre::Header h;
  h.version = 1;
  h.key_present = true;
  h.protocol_type = gre::kProtocolPpp;
  h.call_id = device_call_id_;
  h.sequence_present = true;
  std::optional<std::uint64_t> seq;
  Bytes payload = from_hex(kDefaultPayload);
  for (const auto& f : fields) {
    const auto n = parse_number(f.value);
    if (f.key == "payload") {
      payload = from_hex(f.value);
      if (payload.empty() && !f.value.empty()) return Error{"bad value '" + f.value + "' for payload"};
    } else if (f.key == "seq" && f.value == "none") {
      h.sequence_present = false;
    } else if ((f.key == "seq" || f.key == "ack") && n && *n <= 0xffffffff) {
      if (f.key == "seq") seq = *n;
      else h.ack_present = true, h.acknowledgment_number = static_cast<std::uint32_t>(*n);
    } else if (f.key == "call_id" && n && *n <= 0xffff) {
      h.call_id = static_cast<std::uint16_t>(*n);
    } else if (f.key == "protocol_type" && f.deliberate && n && *n <= 0xffff) {
      // RFC 2637 §4.1 "Set to hex 880B": another value only on purpose, recorded as ours.
      h.protocol_type = static_cast<std::uint16_t>(*n);
      ours_.push_back(engine::Violation{&kScriptOverride, "GRE with protocol_type=" + f.value, true});
    } else if (f.key == "protocol_type") {
      return Error{f.deliberate ? "bad value '" + f.value + "' for protocol_type"
                                : "protocol_type is the framing's: write !protocol_type= to break it on purpose"};
    } else if (f.key == "seq" || f.key == "ack" || f.key == "call_id") {
      return Error{"bad value '" + f.value + "' for " + f.key};
    } else {
      return Error{"unknown field '" + f.key + "' (GRE has call_id, seq, ack, payload, !protocol_type)"};
    }
  }
  if (!h.sequence_present) payload.clear();  // RFC 2637 §4.1: an ack-only packet has no payload
  if (h.sequence_present) {
    h.sequence_number = static_cast<std::uint32_t>(seq.value_or(next_gre_seq_));
    next_gre_seq_ = h.sequence_number + 1;
  }
  gre_out_.push_back(gre::encode(h, payload));
  return true;
}

// The device's Call ID of the latest call it named, and its Echo identifier: what a
// correct script side puts into its answers.
void PptpScriptPeer::learn(const WireMessage& w) {
  if (w.name == "OCRQ" || w.name == "OCRP" || w.name == "ICRQ" || w.name == "ICRP")
    device_call_id_ = number_or(w, "call_id", device_call_id_);
  if (w.name == "ECHORQ")
    if (const auto v = w.get("identifier"))
      device_echo_id_ = static_cast<std::uint32_t>(parse_number(*v).value_or(0));
}

void PptpScriptPeer::on_stream(Instant now, ByteView data) {
  stream_.insert(stream_.end(), data.begin(), data.end());
  for (;;) {
    const auto length = wire::stream_message_length(stream_);
    if (!length || stream_.size() < *length) return;
    if (*length < wire::kHeaderSize) {
      // RFC 2637 §1.4: the stream cannot be framed any more; the device's fault, shown as such.
      received_.push_back(ReceivedMessage{now, WireMessage{"DESYNC", {{"length", std::to_string(*length)}}}});
      stream_.clear();
      return;
    }
    const Bytes one(stream_.begin(), stream_.begin() + static_cast<std::ptrdiff_t>(*length));
    stream_.erase(stream_.begin(), stream_.begin() + static_cast<std::ptrdiff_t>(*length));
    if (auto w = pptp_wire_message(one)) {
      learn(*w);
      if (w->name == "StopCCRQ" || w->name == "StopCCRP") stopping_ = true;
      received_.push_back(ReceivedMessage{now, std::move(*w)});
    }
  }
}

void PptpScriptPeer::flush(engine::Actions& out) {
  if (!gre_opened_) {
    engine::append_action(out, engine::OpenChannel{kGreChannel, engine::ChannelKind::gre, device_});
    gre_opened_ = true;
  }
  if (connects_ && !opened_ && !control_out_.empty()) {
    engine::append_action(out, engine::OpenChannel{kControlChannel, engine::ChannelKind::tcp, device_ + ":1723"});
    ctl_ = kControlChannel;
    opened_ = true;
  }
  for (auto& b : control_out_) engine::append_action(out, engine::Send{*ctl_, std::move(b)});
  control_out_.clear();
  for (auto& b : gre_out_) engine::append_action(out, engine::Send{kGreChannel, std::move(b)});
  gre_out_.clear();
  for (auto& v : ours_) engine::append_action(out, std::move(v));
  ours_.clear();
}

engine::Actions PptpScriptPeer::handle(Instant now, const engine::Input& input) {
  engine::Actions out;
  if (const auto* c = std::get_if<engine::Command>(&input); c && c->name == "send") {
    const auto rq = parse_send_command(*c);
    if (auto r = send(now, rq.name, rq.fields); !r.ok()) errors_.push_back(r.error());
    else if (rq.name == "StopCCRQ" || rq.name == "StopCCRP") stopping_ = true;
  } else if (const auto* o = std::get_if<engine::Opened>(&input)) {
    // The device's connection (it is a PNS): the first one is the control connection.
    if (!connects_ && !ctl_ && o->channel != kGreChannel) ctl_ = o->channel, opened_ = true;
  } else if (const auto* cl = std::get_if<engine::Closed>(&input)) {
    // The raw GRE socket could not be opened (no permission): our environment's fault.
    if (cl->channel == kGreChannel) errors_.push_back("cannot open GRE to the device " + device_ + ": " + cl->reason);
    if (ctl_ && cl->channel == *ctl_) {
      closed_ = true;
      received_.push_back(ReceivedMessage{now, WireMessage{kClosedMessage, {{"reason", cl->reason}}}});
    }
  } else if (const auto* r = std::get_if<engine::Received>(&input)) {
    if (ctl_ && r->channel == *ctl_) {
      on_stream(now, r->data);
    } else if (auto w = gre_wire_message(r->data); w && recording()) {
      received_.push_back(ReceivedMessage{now, std::move(*w)});
    }
  }
  flush(out);
  return out;
}

void PptpScriptPeer::record_impaired(Instant now, ByteView packet, std::string_view mark) {
  if (auto w = gre_wire_message(packet)) {
    w->fields.emplace_back(std::string(mark), "yes");
    received_.push_back(ReceivedMessage{now, std::move(*w)});
  }
}

std::optional<engine::Command> PptpScriptPeer::cleanup_command() const {
  if (!ctl_ || closed_ || stopping_) return std::nullopt;
  return make_send_command("StopCCRQ", {});
}

}  // namespace ts::conformance
