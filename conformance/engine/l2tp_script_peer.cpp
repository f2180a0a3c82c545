#include "conformance/engine/l2tp_script_peer.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "conformance/engine/l2tp_avp_hiding.h"
#include "conformance/engine/l2tp_data_message.h"
#include "conformance/engine/l2tp_header_override.h"
#include "conformance/engine/l2tp_wire_message.h"
#include "conformance/engine/script_diagnostics.h"
#include "conformance/engine/script_send_command.h"
#include "conformance/engine/text_number.h"
#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"
#include "dissectors/l2tp/message_types.h"
#include "dissectors/l2tp/tunnel_auth.h"
#include "src/core/diagnostic.h"

namespace ts::conformance {

namespace {

using l2tp::AvpType;
using l2tp::to_u16;

constexpr engine::ChannelId kChannel = 1;

// Script hex ("0102"); nullopt when not hex (from_hex gives nothing for bad input).
std::optional<Bytes> hex_bytes(const std::string& s) {
  Bytes b = from_hex(s);
  if (b.empty() && !s.empty()) return std::nullopt;
  return b;
}

// The AVPs a correct sender adds to each message the peer can send (RFC 2661 §6), keyed by
// avp_table key, as text the same way scripts write fields.
const std::map<std::string, std::vector<std::pair<std::string, std::string>>>& defaults() {
  static const std::map<std::string, std::vector<std::pair<std::string, std::string>>> d{
      {"SCCRQ", {{"protocol_version", "1.0"}, {"framing_caps", "3"}, {"bearer_caps", "3"}, {"host", "ts-script"},
                 {"assigned_tunnel", "1"}, {"window", "4"}}},
      {"SCCRP", {{"protocol_version", "1.0"}, {"framing_caps", "3"}, {"host", "ts-script"}, {"assigned_tunnel", "1"},
                 {"window", "4"}}},
      {"SCCCN", {}},
      {"StopCCN", {{"assigned_tunnel", "1"}, {"result", "1"}}},
      {"HELLO", {}},
      {"ICRQ", {{"assigned_session", "1"}, {"serial", "1"}}},
      {"ICRP", {{"assigned_session", "1"}}},
      {"ICCN", {{"tx_speed", "64000"}, {"framing", "1"}}},
      {"OCRQ", {{"assigned_session", "1"}, {"serial", "1"}, {"min_bps", "9600"}, {"max_bps", "64000"},
                {"bearer", "2"}, {"framing", "1"}, {"called", "5551000"}}},
      {"OCRP", {{"assigned_session", "1"}}},
      {"OCCN", {{"tx_speed", "64000"}, {"framing", "1"}}},
      {"CDN", {{"result", "3"}, {"assigned_session", "1"}}},
      {"WEN", {{"call_errors", "0000000000000000000000000000000000000000000000000000"}}},
      {"SLI", {{"accm", "0000ffffffffffffffff"}}},
  };
  return d;
}

// "host,window" -> {"host", "window"}: the keys of `!omit=` and `hide=`.
std::vector<std::string> split_keys(const std::string& list) {
  std::vector<std::string> keys;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = std::min(list.find(',', start), list.size());
    if (comma > start) keys.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return keys;
}

std::optional<std::uint16_t> message_type(const std::string& name) {
  for (const auto& n : l2tp::message_type_names())
    if (n.abbrev == name) return static_cast<std::uint16_t>(n.code);
  return std::nullopt;
}

// One AVP from KEY=VALUE text; error text when the key or value does not fit.
Result<l2tp::Avp> make_avp(const std::string& key, const std::string& value) {
  // avp_V_T=hex (M=0) and avpm_V_T=hex (M=1): any vendor's attribute, known or not.
  if (key.rfind("avp_", 0) == 0 || key.rfind("avpm_", 0) == 0) {
    const bool m = key[3] == 'm';
    const std::string rest = key.substr(m ? 5 : 4);
    const auto us = rest.find('_');
    if (us == std::string::npos) return Error{"bad field '" + key + "' (avp_VENDOR_TYPE)"};
    const std::uint64_t vendor = parse_number(rest.substr(0, us)).value_or(0x10000);
    const std::uint64_t type = parse_number(rest.substr(us + 1)).value_or(0x10000);
    const auto b = hex_bytes(value);
    if (!b || vendor > 0xffff || type > 0xffff) return Error{"bad field '" + key + "=" + value + "'"};
    return l2tp::make_avp_vendor(static_cast<std::uint16_t>(vendor), static_cast<std::uint16_t>(type), *b, m);
  }
  const l2tp::AvpInfo* info = l2tp::find_avp_info_by_key(key);
  if (!info) return Error{"unknown field '" + key + "'"};
  const std::uint16_t t = info->type;
  using F = l2tp::AvpFormat;
  auto num = parse_number(value);
  switch (info->format) {
    case F::u16:
      if (num) return l2tp::make_avp_u16(t, static_cast<std::uint16_t>(*num), info->mandatory);
      break;
    case F::u32:
      if (num) return l2tp::make_avp_u32(t, static_cast<std::uint32_t>(*num), info->mandatory);
      break;
    case F::u64:
      if (num) return l2tp::make_avp_u64(t, *num, info->mandatory);
      break;
    case F::string: return l2tp::make_avp_string(t, value, info->mandatory);
    case F::none: return l2tp::make_avp(t, {}, info->mandatory);
    case F::bytes:
      if (auto b = hex_bytes(value)) return l2tp::make_avp_bytes(t, *b, info->mandatory);
      break;
    case F::structured:
      if (t == to_u16(AvpType::protocol_version)) {
        const auto dot = value.find('.');
        const auto ver = parse_number(value.substr(0, dot));
        const auto rev = dot == std::string::npos ? std::optional<std::uint64_t>(0) : parse_number(value.substr(dot + 1));
        if (ver && rev)
          return l2tp::make_avp_protocol_version({static_cast<std::uint8_t>(*ver), static_cast<std::uint8_t>(*rev)});
      } else if (num && (info->min_len == 4)) {
        return l2tp::make_avp_u32(t, static_cast<std::uint32_t>(*num), info->mandatory);
      } else if (num && info->min_len == 2 && info->max_len == 2) {
        return l2tp::make_avp_u16(t, static_cast<std::uint16_t>(*num), info->mandatory);
      } else if (auto b = hex_bytes(value)) {
        return l2tp::make_avp_bytes(t, *b, info->mandatory);
      }
      break;
  }
  return Error{"bad value '" + value + "' for " + key};
}

}  // namespace

L2tpScriptPeer::L2tpScriptPeer(std::string device, std::string secret,
                               endpoints::l2tp::ReliableChannelConfig channel)
    : device_(std::move(device)), secret_(std::move(secret)), channel_(channel) {}

Result<bool> L2tpScriptPeer::send(Instant now, const std::string& name, const std::vector<ResolvedField>& fields) {
  if (name == "DATA") {
    // §5.4: data messages are not reliable; they go out once, beside the control channel.
    auto bytes = data_.build(fields, device_tunnel_, device_session_);
    if (!bytes.ok()) return Error{bytes.error()};
    outgoing_.push_back(std::move(bytes.value()));
    return true;
  }
  const auto type = message_type(name);
  const auto dflt = defaults().find(name);
  if (!type || dflt == defaults().end()) return Error{"this peer cannot send '" + name + "'"};
  // Defaults first, in order; a field of the script replaces the default of the same key.
  std::vector<std::pair<std::string, std::string>> avps = dflt->second;
  std::optional<std::uint16_t> tunnel, session, ns, nr;
  std::string result_error, result_message;
  std::vector<std::string> omitted;  // `!omit=KEY,KEY`: AVPs a correct sender adds, left out
  L2tpHeaderOverride broken_header;   // `!flags=`, `!version=`, `!length=` (§3.1)
  L2tpAvpHiding hiding;               // `hide=KEY,KEY` (§4.3)
  bool deliberate = false;
  for (const auto& f : fields) {
    auto header = [&](std::optional<std::uint16_t>& slot) -> Result<bool> {
      const auto v = field_number(f, 0xffff);
      if (!v.ok()) return Error{v.error()};
      slot = static_cast<std::uint16_t>(v.value());
      return true;
    };
    Result<bool> r = true;
    if (f.key == "tunnel_id") r = header(tunnel);
    else if (f.key == "session_id") r = header(session);
    else if (f.key == "ns" || f.key == "nr") {
      if (!f.deliberate) return Error{f.key + " is the channel's: write !" + f.key + "= to break it on purpose"};
      r = header(f.key == "ns" ? ns : nr);
    } else if (L2tpHeaderOverride::handles(f.key)) {
      if (!f.deliberate) return Error{f.key + " is the framing's: write !" + f.key + "= to break it on purpose"};
      r = broken_header.take(f.key, f.value);
    } else if (f.key == "omit") {
      if (!f.deliberate) return Error{"omit breaks the message: write !omit= to do it on purpose"};
      omitted = split_keys(f.value);
    } else if (f.key == "hide") {
      r = hiding.take(split_keys(f.value), f.deliberate);
    } else if (f.key == "error") result_error = f.value;
    else if (f.key == "error_message") result_message = f.value;
    else {
      bool replaced = false;
      for (auto& [k, v] : avps)
        if (k == f.key) v = f.value, replaced = true;
      if (!replaced) avps.emplace_back(f.key, f.value);
    }
    if (!r.ok()) return Error{r.error()};
    deliberate = deliberate || f.deliberate;
  }
  for (const auto& [k, v] : avps) {
    if (k == "assigned_tunnel" && (name == "SCCRQ" || name == "SCCRP")) our_tunnel_ = v;
    if (k == "challenge" && (name == "SCCRQ" || name == "SCCRP")) our_challenge_ = hex_bytes(v);
  }
  // §5.1.1: with a secret, the SCCRP or SCCCN after the device's Challenge carries the
  // Challenge Response, unless the script gives one itself (a wrong one on purpose).
  const bool answers = name == "SCCRP" || name == "SCCCN";
  if (answers && !secret_.empty() && device_challenge_ &&
      std::none_of(avps.begin(), avps.end(), [](const auto& kv) { return kv.first == "response"; }))
    avps.emplace_back("response",
                      to_hex(l2tp::challenge_response(static_cast<std::uint8_t>(*type), secret_, *device_challenge_)));
  // Last, so that an automatic AVP (the Challenge Response) can be left out as well.
  for (const auto& key : omitted) {
    const auto before = avps.size();
    std::erase_if(avps, [&](const auto& kv) { return kv.first == key; });
    if (avps.size() == before) return Error{"omit: " + name + " has no field '" + key + "' to leave out"};
  }
  l2tp::Message m;
  m.header.tunnel_id = tunnel.value_or(device_tunnel_);
  m.header.session_id = session.value_or(0);
  m.message_type = *type;
  m.avps.push_back(l2tp::make_avp_message_type(*type));
  for (const auto& [k, v] : avps) {
    if (k == "result") {
      const auto r = parse_number(v);
      const auto e = result_error.empty() ? std::nullopt : parse_number(result_error);
      if (!r) return Error{"bad value '" + v + "' for result"};
      l2tp::ResultCode rc{static_cast<std::uint16_t>(*r), e ? std::optional<std::uint16_t>(static_cast<std::uint16_t>(*e)) : std::nullopt,
                          e ? result_message : std::string{}};
      m.avps.push_back(l2tp::make_avp_result_code(rc));
      continue;
    }
    auto a = make_avp(k, v);
    if (!a.ok()) return Error{a.error()};
    m.avps.push_back(std::move(a.value()));
  }
  l2tp::EncodeOptions options;
  Bytes vector;  // the Random Vector options points to (§4.3)
  if (hiding.any())
    if (auto h = hiding.apply(m, secret_, hidden_sent_++, options, vector); !h.ok()) return Error{h.error()};
  if (ns || nr || broken_header.any()) {
    // A deliberate sequence or header fault: out once, outside the channel, recorded as ours.
    m.header.type_control = m.header.length_present = m.header.sequence_present = true;
    m.header.ns = ns.value_or(channel_.next_ns());
    m.header.nr = nr.value_or(channel_.expected_ns());
    Bytes bytes = l2tp::encode(m, options);
    broken_header.apply(bytes);
    outgoing_.push_back(std::move(bytes));
    ours_.push_back(engine::Violation{
        &kScriptOverride, fmt::format("{} with Ns={} Nr={}{}", name, m.header.ns, m.header.nr, broken_header.describe()),
        true});
    return true;
  }
  if (deliberate)
    ours_.push_back(engine::Violation{&kScriptOverride, name + " with a field broken on purpose", true});
  absorb(channel_.send(now, m, options));
  return true;
}

void L2tpScriptPeer::absorb(endpoints::l2tp::ChannelOutput&& out) {
  for (auto& d : out.datagrams) outgoing_.push_back(std::move(d));
  // Peer faults the channel saw are the device's; the runner judges them through checks.
}

void L2tpScriptPeer::flush(engine::Actions& out) {
  if (!channel_id_ && !outgoing_.empty()) {
    engine::append_action(out, engine::OpenChannel{kChannel, engine::ChannelKind::udp, device_});
    channel_id_ = kChannel;
  }
  for (auto& d : outgoing_) engine::append_action(out, engine::Send{*channel_id_, std::move(d)});
  outgoing_.clear();
  for (auto& v : ours_) engine::append_action(out, std::move(v));
  ours_.clear();
}

void L2tpScriptPeer::annotate_tunnel_auth(WireMessage& w) const {
  // The device's answer to our Challenge (SCCRP from an LNS, SCCCN from an LAC): checked
  // here with the secret, for scripts to expect as challenge_response_ok=yes|no|absent.
  if (!our_challenge_ || (w.name != "SCCRP" && w.name != "SCCCN")) return;
  const auto got = w.get("response");
  std::string verdict = "absent";
  if (got) {
    const auto type = static_cast<std::uint8_t>(w.name == "SCCRP" ? 2 : 3);
    verdict = *got == to_hex(l2tp::challenge_response(type, secret_, *our_challenge_)) ? "yes" : "no";
  }
  w.fields.emplace_back("challenge_response_ok", verdict);
}

bool L2tpScriptPeer::packet_is(ByteView packet, std::string_view kind) const {
  if (kind.empty() || kind == "any") return true;
  const auto d = l2tp::decode(packet);
  if (!d.complete) return false;
  if (kind == "data") return !d.value.is_control();
  if (kind == "control") return d.value.is_control() && !d.value.zlb;
  if (kind == "ack" || kind == "zlb") return d.value.zlb;
  return false;
}

void L2tpScriptPeer::record_impaired(Instant now, ByteView packet, std::string_view mark) {
  if (auto w = l2tp_wire_message(packet, secret_)) {
    annotate_tunnel_auth(*w);
    w->fields.emplace_back(std::string(mark), "yes");
    received_.push_back(ReceivedMessage{now, std::move(*w)});
  }
}

std::optional<engine::Command> L2tpScriptPeer::cleanup_command() const {
  if (device_tunnel_ == 0 || stopped_) return std::nullopt;
  return make_send_command("StopCCN", {ResolvedField{"assigned_tunnel", our_tunnel_, false},
                                       ResolvedField{"result", "1", false}});
}

engine::Actions L2tpScriptPeer::handle(Instant now, const engine::Input& input) {
  engine::Actions out;
  if (const auto* c = std::get_if<engine::Command>(&input); c && c->name == "send") {
    const auto rq = parse_send_command(*c);
    if (auto r = send(now, rq.name, rq.fields); !r.ok()) errors_.push_back(r.error());
    else if (rq.name == "StopCCN") stopped_ = true;
  }
  if (const auto* closed = std::get_if<engine::Closed>(&input); closed && channel_id_ == closed->channel)
    // UDP channels close only when they cannot be opened: our environment, not the device.
    errors_.push_back("cannot send to the device " + device_ + ": " + closed->reason);
  if (const auto* r = std::get_if<engine::Received>(&input)) {
    if (!channel_id_) channel_id_ = r->channel;  // the device spoke first: answer there
    if (auto w = l2tp_wire_message(r->data, secret_)) {
      if (w->name == "StopCCN") stopped_ = true;
      // The device's Challenge (§5.1.1), answered in our next SCCRP or SCCCN.
      if (w->name == "SCCRQ" || w->name == "SCCRP" || w->name == "SCCCN")
        if (const auto c = w->get("challenge")) device_challenge_ = hex_bytes(std::string(*c));
      annotate_tunnel_auth(*w);
      // The device's Assigned Tunnel ID names its tunnel in everything we send (§5.3); a
      // StopCCN refusing our SCCRQ carries it too (§6.4), for its acknowledgement.
      if ((w->name == "SCCRP" || w->name == "SCCRQ" || w->name == "StopCCN") && device_tunnel_ == 0)
        if (auto t = w->get("assigned_tunnel"); t && parse_number(std::string(*t))) {
          device_tunnel_ = static_cast<std::uint16_t>(*parse_number(std::string(*t)));
          channel_.set_peer_tunnel_id(device_tunnel_);
        }
      // The device's Assigned Session ID names its session in our DATA by default.
      if (w->name == "ICRQ" || w->name == "ICRP" || w->name == "OCRQ" || w->name == "OCRP")
        if (auto sid = w->get("assigned_session"))
          if (auto n = parse_number(*sid)) device_session_ = static_cast<std::uint16_t>(*n);
      if (recording()) received_.push_back(ReceivedMessage{now, std::move(*w)});
    }
    if (!r->data.empty() && (r->data[0] & 0x80)) absorb(channel_.on_receive(now, r->data));
  }
  flush(out);
  return out;
}

engine::Actions L2tpScriptPeer::on_deadline(Instant now) {
  engine::Actions out;
  absorb(channel_.on_deadline(now));
  flush(out);
  return out;
}

std::optional<Instant> L2tpScriptPeer::next_deadline() const { return channel_.next_deadline(); }

}  // namespace ts::conformance
