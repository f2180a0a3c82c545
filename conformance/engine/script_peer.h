#pragma once
// ScriptPeer: the script's side of a conversation with a device, one implementation per
// protocol (L2tpScriptPeer, ...). It is an engine::Endpoint, so the same object runs in the
// simulator and on the live driver. The runner (script_runner.h) talks to it only through
// this interface:
//  - sends arrive as the engine::Command made by make_send_command() (so that every driver
//    delivers them in time order); a send the peer cannot build is recorded in errors() and
//    nothing goes out; so is a channel the driver could not open (environment errors: the
//    runner ends the script with an error verdict, never a fail);
//  - every message the device sends is decoded into received(), in arrival order;
//  - packet_is(KIND) classifies a packet from the device for `drop-next N KIND` and the
//    other impairments (the filter offers it only packets of the channels it may impair);
//  - the ImpairmentFilter (impairment_filter.h) in front of it records an impaired packet
//    at the time it was on the wire (record_impaired) and hands it to the protocol later,
//    twice or never (process_unrecorded), so that received() shows each packet once;
//  - cleanup_command(): on a live device, what leaves it clean after a script (close the
//    control connection the script opened); nullopt when nothing is open.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/engine/matcher.h"
#include "conformance/engine/script_send_command.h"
#include "conformance/engine/wire_message.h"
#include "src/engine/endpoint.h"

namespace ts::conformance {

class ScriptPeer : public engine::Endpoint {
 public:
  virtual const std::vector<ReceivedMessage>& received() const = 0;
  virtual const std::vector<std::string>& errors() const = 0;
  // The drop-next KINDs of this protocol (packet_kinds()), and whether a packet from the
  // device is of one; false for a kind the protocol does not know.
  virtual std::vector<std::string_view> packet_kinds() const = 0;
  virtual bool packet_is(ByteView packet, std::string_view kind) const = 0;
  virtual std::optional<engine::Command> cleanup_command() const { return std::nullopt; }
  // Impairments act only on packets of this channel (PPTP: GRE, never the TCP connection).
  virtual bool droppable(engine::ChannelId) const { return true; }
  // A packet the filter impairs: recorded in received() for expectations (it was on the wire
  // at `now`), with the pseudo-field `mark`=yes (lost, delayed, duplicated, reordered), but
  // not processed (no acknowledgement, no answer). A peer that records nothing of a packet
  // it could not decode records nothing here either.
  virtual void record_impaired(Instant now, ByteView packet, std::string_view mark) = 0;
  // Processes a packet from the device that record_impaired() recorded already: the peer
  // acts on it as on any packet (acknowledges, learns, answers) but does not record it in
  // received() again.
  engine::Actions process_unrecorded(Instant now, const engine::Received& packet) {
    recording_ = false;
    engine::Actions out = handle(now, packet);
    recording_ = true;
    return out;
  }
  // The device closed the connection the script speaks on (PPTP's TCP): a send after that
  // fails because of the device, so the script fails (it is not a script error).
  virtual bool device_closed() const { return false; }

 protected:
  // False while process_unrecorded() runs: handle() then leaves received() alone.
  bool recording() const { return recording_; }

 private:
  bool recording_ = true;
};

}  // namespace ts::conformance
