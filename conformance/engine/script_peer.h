#pragma once
// ScriptPeer: the script's side of a conversation with a device, one implementation per
// protocol (L2tpScriptPeer, ...). It is an engine::Endpoint, so the same object runs in the
// simulator and on the live driver. The runner (script_runner.h) talks to it only through
// this interface:
//  - sends arrive as the engine::Command made by script_send_command() (so that every driver
//    delivers them in time order); a send the peer cannot build is recorded in errors() and
//    nothing goes out; so is a channel the driver could not open (environment errors: the
//    runner ends the script with an error verdict, never a fail);
//  - every message the device sends is decoded into received(), in arrival order;
//  - packet_is(KIND) classifies a packet from the device for `drop-next N KIND`;
//  - cleanup_command(): on a live device, what leaves it clean after a script (close the
//    control connection the script opened); nullopt when nothing is open.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/engine/matcher.h"
#include "conformance/engine/wire_message.h"
#include "src/engine/endpoint.h"

namespace ts::conformance {

struct ReceivedMessage {
  Instant time;
  WireMessage message;
};

// The Command "send": args ("name", NAME) then one ("field", "KEY=VALUE") or
// ("!field", "KEY=VALUE") per field.
engine::Command script_send_command(const std::string& name, const std::vector<ResolvedField>& fields);
// The message name and fields of a "send" command (the inverse of script_send_command).
std::pair<std::string, std::vector<ResolvedField>> parse_send_command(const engine::Command& command);

class ScriptPeer : public engine::Endpoint {
 public:
  virtual const std::vector<ReceivedMessage>& received() const = 0;
  virtual const std::vector<std::string>& errors() const = 0;
  // KIND: any, control, data, ack (zlb) as the protocol defines them; false for a kind the
  // protocol does not know.
  virtual bool packet_is(ByteView packet, std::string_view kind) const = 0;
  virtual std::optional<engine::Command> cleanup_command() const { return std::nullopt; }
};

}  // namespace ts::conformance
