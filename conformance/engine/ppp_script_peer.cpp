#include "conformance/engine/ppp_script_peer.h"

#include <fmt/format.h>

#include "conformance/engine/ppp_message_builder.h"
#include "conformance/engine/ppp_wire_message.h"
#include "conformance/engine/script_diagnostics.h"
#include "conformance/engine/script_send_command.h"
#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/lcp_options.h"
#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"

namespace ts::conformance {

namespace {

namespace pp = ts::ppp;

// Codes that start an exchange: the sender picks the Identifier (RFC 1661 §5).
bool is_request(std::uint8_t code) {
  return code == pp::code::kConfigureRequest || code == pp::code::kTerminateRequest ||
         code == pp::code::kCodeReject || code == pp::code::kProtocolReject ||
         code == pp::code::kEchoRequest || code == pp::code::kDiscardRequest;
}

// The CHAP algorithm an LCP Authentication-Protocol option names, if CHAP.
std::optional<pp::ChapAlgorithm> chap_of(const pp::ControlPacket& p) {
  const auto a = pp::lcp_auth(p);
  if (!a || a->protocol != pp::kChap) return std::nullopt;
  return pp::chap_algorithm_from_lcp(a->chap_algorithm);
}

}  // namespace

PppScriptPeer::PppScriptPeer(std::string device, PppScriptCredentials credentials)
    : device_(std::move(device)), cred_(std::move(credentials)) {}

Result<bool> PppScriptPeer::send(const std::string& name, const std::vector<ResolvedField>& fields) {
  if (closed_) return Error{"the device closed the line: nothing more can be sent"};
  auto frame = build(name, fields);
  if (!frame.ok()) return Error{frame.error()};
  learn_control(frame.value(), /*ours=*/true);
  for (const auto& f : fields)
    if (f.deliberate)
      ours_.push_back(engine::Violation{&kScriptOverride, fmt::format("{} with {}={}", name, f.key, f.value), true});
  // RFC 1662 §7.1: until LCP agrees otherwise every control character is escaped.
  out_.push_back(pp::hdlc_encode(frame.value(), 0xFFFFFFFF));
  return true;
}

Result<Bytes> PppScriptPeer::build(const std::string& name, const std::vector<ResolvedField>& fields) {
  if (name == "FRAME") return build_ppp_frame(fields);
  const auto code = ppp_message_code(name);
  if (!code.ok()) return Error{code.error()};
  const auto [protocol, c] = code.value();
  if (protocol == pp::kPap) return build_pap(c, fields);
  if (protocol == pp::kChap) return build_chap(c, fields);
  return build_control(protocol, c, fields);
}

Result<Bytes> PppScriptPeer::build_control(std::uint16_t protocol, std::uint8_t code,
                                           const std::vector<ResolvedField>& fields) {
  PppControlDefaults d;
  d.magic = our_magic_;
  const auto& req = device_request_[protocol];
  switch (code) {
    case pp::code::kConfigureAck:
      d.options = req.options;
      d.identifier = req.id;
      break;
    case pp::code::kConfigureNak:
    case pp::code::kConfigureReject:
      d.identifier = req.id;
      break;
    case pp::code::kTerminateAck:
      d.identifier = device_terminate_id_[protocol];
      break;
    case pp::code::kEchoReply:
      d.identifier = device_echo_id_;
      break;
    default:
      d.identifier = next_id_.count(protocol) ? next_id_[protocol] : 1;
  }
  auto frame = build_ppp_control(protocol, code, std::move(d), fields);
  if (frame.ok() && is_request(code)) {
    // The Identifier sent (the frame is FF 03, Protocol(2), Code, Identifier ...).
    next_id_[protocol] = static_cast<std::uint8_t>(frame.value()[5] + 1);
  }
  return frame;
}

// The device's Configure-Requests (for Ack/Nak/Reject defaults), Terminate-Requests and
// Echo-Requests (for the answers' Identifiers); the magic number and CHAP algorithm of
// either side's LCP Configure-Request.
void PppScriptPeer::learn_control(ByteView frame, bool ours) {
  const auto f = pp::decode_ppp_frame(frame);
  if (!f.complete || (f.value.protocol != pp::kLcp && f.value.protocol != pp::kIpcp)) return;
  const auto protocol = f.value.protocol;
  const auto d = pp::decode_control(protocol, f.value.info);
  if (!d.complete) return;
  const auto& p = d.value;
  if (p.code == pp::code::kConfigureRequest && protocol == pp::kLcp) {
    if (const auto a = chap_of(p)) chap_ = *a;
    if (ours) our_magic_ = pp::lcp_magic(p).value_or(0);
  }
  if (ours) return;
  if (p.code == pp::code::kConfigureRequest) {
    Request r{p.identifier, {}};
    for (const auto& o : p.options) r.options.emplace_back(o.type, Bytes(o.data.begin(), o.data.end()));
    device_request_[protocol] = std::move(r);
  } else if (p.code == pp::code::kTerminateRequest) {
    device_terminate_id_[protocol] = p.identifier;
  } else if (p.code == pp::code::kEchoRequest) {
    device_echo_id_ = p.identifier;
  }
}

void PppScriptPeer::on_bytes(Instant now, ByteView data) {
  for (auto& frame : deframer_.feed(data)) {
    if (!frame.fcs_ok || frame.aborted || frame.oversize) continue;  // RFC 1662 §4.3
    auto w = ppp_wire_message(frame.data, chap_);
    if (!w) continue;
    learn_control(frame.data, /*ours=*/false);
    judge_auth(*w);
    // How many messages of this name the device has sent so far, this one included: lets
    // a script state that an earlier packet got no answer of this kind (`nth=1`).
    w->fields.emplace_back("nth", std::to_string(++seen_[w->name]));
    received_.push_back(ReceivedMessage{now, std::move(*w)});
  }
}

engine::Actions PppScriptPeer::handle(Instant now, const engine::Input& input) {
  engine::Actions out;
  if (const auto* c = std::get_if<engine::Command>(&input)) {
    if (c->name == "open" && !opened_) {
      engine::append_action(out, engine::OpenChannel{kStreamChannel, engine::ChannelKind::tcp, device_});
      opened_ = true;
    } else if (c->name == "send") {
      const auto rq = parse_send_command(*c);
      if (auto r = send(rq.name, rq.fields); !r.ok()) errors_.push_back(r.error());
    }
  } else if (const auto* cl = std::get_if<engine::Closed>(&input)) {
    if (cl->channel == kStreamChannel && !closed_) {
      closed_ = true;
      received_.push_back(ReceivedMessage{now, WireMessage{kPppClosedMessage, {{"reason", cl->reason}}}});
    }
  } else if (const auto* r = std::get_if<engine::Received>(&input)) {
    if (r->channel == kStreamChannel) on_bytes(now, r->data);
  }
  if (!opened_ && !out_.empty()) {
    errors_.push_back("the line is not up yet (the runner opens it at the start)");
    out_.clear();
  }
  for (auto& b : out_) engine::append_action(out, engine::Send{kStreamChannel, std::move(b)});
  out_.clear();
  for (auto& v : ours_) engine::append_action(out, std::move(v));
  ours_.clear();
  return out;
}

}  // namespace ts::conformance
