#pragma once
// L2tpScriptPeer: the script's side of an L2TP conversation with a device (the LAC when the
// device is an LNS, and the other way round), a ScriptPeer (script_peer.h). It sends what a script asks ("send" commands) through
// a reliable control channel (RFC 2661 §5.8: Ns, Nr, acknowledgements and retransmissions
// are right unless the script overrides them on purpose), fills every AVP a correct sender
// would add, and records every message the device sends, for the runner's expectations.
//
// Channel: the peer sends to `device` (a new UDP channel) until the device speaks first (an
// LAC device calling us): then it answers on the channel that message came in on, so a
// device sending from a port other than 1701 is answered there (RFC 2661 §8.1).
// send(name, fields): the message name (SCCRQ, SCCCN, HELLO, StopCCN, ICRQ, ICCN, OCRP,
// OCCN, CDN, WEN, SLI) and resolved KEY=VALUE fields (matcher.h): header fields tunnel_id,
// session_id; AVPs by their avp_table key (host, assigned_tunnel, window, assigned_session,
// result, error, ...), and any attribute as avp_VENDOR_TYPE=hex (M=0) or avpm_VENDOR_TYPE=hex
// (M=1). Tunnel authentication (RFC 2661 §5.1.1) with a secret: the SCCRP or SCCCN after a
// device's Challenge gets the right Challenge Response unless the script writes one (`response=HEX`); after a
// script's `challenge=HEX`, the device's SCCRP or SCCCN carries the pseudo-field
// challenge_response_ok = yes, no or absent. A deliberate ns or nr (a `!` field) bypasses
// the channel: the bytes go out once as written and a Violation by_us is recorded.
// `!flags=0xHHHH`, `!version=N`, `!length=N` break the header (l2tp_header_override.h) and
// also go out once, outside the channel.
// `!omit=KEY[,KEY]` leaves out AVPs a correct sender adds (a required AVP missing on purpose,
// RFC 2661 §6, §7.1), also the automatic Challenge Response; a key the message would not
// carry is an error. `hide=KEY[,KEY]` sends those AVPs hidden with the secret and a Random
// Vector (§4.3, l2tp_avp_hiding.h). `DATA` sends a data message (T=0) on the device's session
// (l2tp_data_message.h: ns / sequenced, payload), outside the reliable channel; the device's
// Assigned Session ID (its latest ICRQ, ICRP, OCRQ or OCRP) is the default Session ID.
// Unknown names or keys are errors (returned, never sent).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conformance/engine/l2tp_data_message.h"
#include "conformance/engine/matcher.h"
#include "conformance/engine/script_peer.h"
#include "conformance/engine/wire_message.h"
#include "src/endpoints/l2tp/reliable_channel.h"
#include "src/engine/endpoint.h"
#include "src/core/result.h"

namespace ts::conformance {

class L2tpScriptPeer : public ScriptPeer {
 public:
  // `device` is the device's address ("dut:1701" in simulation); `secret` unhides AVPs.
  L2tpScriptPeer(std::string device, std::string secret, endpoints::l2tp::ReliableChannelConfig channel = {});

  // Queues one message; the actions come out of the next handle()/on_deadline(). Error:
  // the script asked for something this peer cannot build.
  Result<bool> send(Instant now, const std::string& name, const std::vector<ResolvedField>& fields);

  engine::Actions handle(Instant now, const engine::Input& input) override;
  engine::Actions on_deadline(Instant now) override;
  std::optional<Instant> next_deadline() const override;

  const std::vector<ReceivedMessage>& received() const override { return received_; }
  const std::vector<std::string>& errors() const override { return errors_; }
  // any; data; control (not a ZLB); ack or zlb (a ZLB acknowledgement), by the L2TP codec.
  std::vector<std::string_view> packet_kinds() const override { return {"any", "ack", "zlb", "control", "data"}; }
  bool packet_is(ByteView packet, std::string_view kind) const override;
  void record_impaired(Instant now, ByteView packet, std::string_view mark) override;
  // StopCCN (result 1, general request to clear) for a tunnel the device assigned an ID
  // to, unless a StopCCN went either way already (RFC 2661 §5.7).
  std::optional<engine::Command> cleanup_command() const override;
  std::uint16_t device_tunnel_id() const { return device_tunnel_; }

 private:
  void absorb(endpoints::l2tp::ChannelOutput&& out);
  // Adds challenge_response_ok to the device's answer to our Challenge.
  void annotate_tunnel_auth(WireMessage& w) const;
  void flush(engine::Actions& out);

  std::string device_;
  std::string secret_;
  endpoints::l2tp::ReliableChannel channel_;
  std::optional<engine::ChannelId> channel_id_;  // where we send; set on first use
  std::uint16_t device_tunnel_ = 0;
  std::uint16_t device_session_ = 0;  // the device's latest Assigned Session ID (§5.3)
  L2tpDataSender data_;               // the script side's data messages and their Ns
  std::uint64_t hidden_sent_ = 0;     // messages sent with hidden AVPs (seeds their vectors)
  std::string our_tunnel_ = "1";            // the Assigned Tunnel ID we last sent (SCCRQ, SCCRP)
  std::optional<Bytes> device_challenge_;  // the device's Challenge AVP (§5.1.1)
  std::optional<Bytes> our_challenge_;     // the Challenge we sent
  bool stopped_ = false;  // a StopCCN was sent or received
  std::vector<ReceivedMessage> received_;
  std::vector<Bytes> outgoing_;
  std::vector<engine::Violation> ours_;
  std::vector<std::string> errors_;
};

}  // namespace ts::conformance
