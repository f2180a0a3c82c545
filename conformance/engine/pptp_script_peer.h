#pragma once
// PptpScriptPeer: the script's side of a PPTP conversation with a device (RFC 2637): the
// PNS when the device is a PAC, the PAC when the device is a PNS. An engine::Endpoint, so
// the same object runs in simulation and live. It sends what a script asks ("send"
// commands, script_send_command.h) on the TCP control connection, or as enhanced GRE, and
// records every message the device sends, for the runner's expectations.
//
// Control connection: with `connects` the peer opens TCP to "<device>:1723" at its first
// send (the device is a PAC); otherwise it takes the connection the device opens (the
// device is a PNS; the driver listens on TCP 1723). When the device closes it, a
// pseudo-message CLOSED (pptp_wire_message.h) is recorded; sends after that are errors.
// GRE: a channel to "<device>" is opened with the first activity.
//
// send(name, fields): a control message by abbreviation (SCCRQ ... SLI) built by
// build_pptp_message() (pptp_message_builder.h) on top of what a correct sender would
// send here: SCCRQ/SCCRP version 1.0, async+sync framing, analog+digital bearer; ECHORQ
// identifiers counting from 1; ECHORP with the identifier of the device's last ECHORQ;
// OCRP/ICRP/ICCN/WEN/SLI naming the device's Call ID of the latest call it named (its OCRQ,
// OCRP, ICRQ or ICRP); the script side's own Call ID 1; result codes "OK"/"Connected";
// CDN Result 3 (Admin Shutdown); StopCCRQ Reason 1. `!` fields (the header: !length,
// !magic_cookie, !pptp_message_type, !control_message_type, !reserved0) are recorded as a
// Violation by_us. Or name GRE: fields call_id (default: the device's Call ID), seq
// (default: counting from 0; "none" for an ack-only packet), ack (A bit only when given),
// payload (hex; default an LCP Echo-Request frame), !protocol_type (another Protocol Type
// on purpose, recorded as a Violation by_us). Unknown names or fields are errors
// (returned, never sent).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conformance/engine/matcher.h"
#include "conformance/engine/script_peer.h"
#include "conformance/engine/wire_message.h"
#include "src/core/result.h"
#include "src/engine/endpoint.h"

namespace ts::conformance {

class PptpScriptPeer : public ScriptPeer {
 public:
  static constexpr engine::ChannelId kControlChannel = 1;
  static constexpr engine::ChannelId kGreChannel = 2;

  PptpScriptPeer(std::string device, bool connects);

  // Queues one message; the actions come out of the next handle()/on_deadline().
  Result<bool> send(Instant now, const std::string& name, const std::vector<ResolvedField>& fields);

  engine::Actions handle(Instant now, const engine::Input& input) override;
  engine::Actions on_deadline(Instant) override { return {}; }
  std::optional<Instant> next_deadline() const override { return std::nullopt; }

  const std::vector<ReceivedMessage>& received() const override { return received_; }
  const std::vector<std::string>& errors() const override { return errors_; }
  // drop-next acts on GRE packets only (the harness never offers TCP): gre, data, any.
  std::vector<std::string_view> packet_kinds() const override { return {"any", "gre", "data"}; }
  bool packet_is(ByteView, std::string_view kind) const override {
    return kind == "any" || kind == "gre" || kind == "data";
  }
  // StopCCRQ (Reason 1) while the control connection is up and no Stop went either way.
  std::optional<engine::Command> cleanup_command() const override;
  bool device_closed() const override { return closed_; }
  bool droppable(engine::ChannelId channel) const override { return channel == kGreChannel; }
  // An impaired GRE packet, as gre_wire_message() shows it, with `mark`=yes.
  void record_impaired(Instant now, ByteView packet, std::string_view mark) override;

 private:
  Result<bool> send_gre(const std::vector<ResolvedField>& fields);
  void learn(const WireMessage& w);
  void on_stream(Instant now, ByteView data);
  void flush(engine::Actions& out);

  std::string device_;
  bool connects_;
  std::optional<engine::ChannelId> ctl_;
  bool opened_ = false;      // the TCP connection was asked for / accepted
  bool closed_ = false;      // the device closed it
  bool stopping_ = false;    // a StopCCRQ or StopCCRP went either way
  bool gre_opened_ = false;
  Bytes stream_;
  std::uint32_t next_echo_id_ = 1;
  std::uint32_t device_echo_id_ = 0;
  std::uint16_t device_call_id_ = 0;
  std::uint32_t next_gre_seq_ = 0;
  std::vector<ReceivedMessage> received_;
  std::vector<Bytes> control_out_;
  std::vector<Bytes> gre_out_;
  std::vector<engine::Violation> ours_;
  std::vector<std::string> errors_;
};

}  // namespace ts::conformance
