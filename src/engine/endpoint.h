#pragma once
// The endpoint contract (docs/architecture.md): a reference endpoint (PAC, PNS, LAC, LNS,
// PPP peer, ...) is a sans-I/O state machine. Its driver (live runtime, simulator) gives it
// inputs with the current time and carries out the actions it returns; the endpoint never
// reads a clock, opens a socket or sleeps. It tells the driver when it next wants to be
// called through next_deadline().
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "src/core/bytes.h"
#include "src/core/diagnostic.h"
#include "src/core/time.h"

namespace ts::engine {

// A transport the endpoint uses: a UDP flow, a TCP connection, raw GRE, a PPP byte stream.
// Ids are chosen by the endpoint (OpenChannel) or by the driver for accepted connections.
using ChannelId = std::uint32_t;

enum class ChannelKind : std::uint8_t { udp, tcp, gre, ppp_stream };

// --- inputs --------------------------------------------------------------------------
struct Received {  // one datagram (UDP, GRE) or the next bytes of a stream (TCP, PPP)
  ChannelId channel = 0;
  Bytes data;
};
struct Opened {  // a channel is usable (TCP connected or accepted, UDP bound)
  ChannelId channel = 0;
};
struct Closed {  // the peer or the driver closed it
  ChannelId channel = 0;
  std::string reason;
};
struct Command {  // an operator or script request: "open-tunnel", "place-call", "hangup" ...
  std::string name;
  std::vector<std::pair<std::string, std::string>> args;
};
using Input = std::variant<Received, Opened, Closed, Command>;

// --- actions -------------------------------------------------------------------------
struct Send {
  ChannelId channel = 0;
  Bytes data;
};
struct OpenChannel {
  ChannelId channel = 0;
  ChannelKind kind = ChannelKind::udp;
  std::string peer;  // "address:port" or "address" for GRE; the driver resolves it
};
struct CloseChannel {
  ChannelId channel = 0;
};
struct StateChange {  // for the timeline: "tunnel 3", "idle" -> "wait-ctl-reply"
  std::string entity;
  std::string from;
  std::string to;
};
// Something the peer did wrong (by_us = false), or a rule the endpoint broke on purpose
// because a conformance script asked it to (by_us = true): never mixed up in verdicts.
struct Violation {
  const DiagnosticDef* def = nullptr;
  std::string detail;
  bool by_us = false;
};
using Action = std::variant<Send, OpenChannel, CloseChannel, StateChange, Violation>;
using Actions = std::vector<Action>;

// Appends one action. Out of line (endpoint.cpp) on purpose: GCC 12 reports a false
// maybe-uninitialized when a vector of these variants grows inside an inlined function.
// Every endpoint and driver uses this one instead of a local copy of the workaround.
void append_action(Actions& out, Action action);

class Endpoint {
 public:
  virtual ~Endpoint() = default;
  // One input at time `now`; returns what to do, in order.
  virtual Actions handle(Instant now, const Input& input) = 0;
  // Called by the driver at (or after) next_deadline().
  virtual Actions on_deadline(Instant now) = 0;
  // The earliest time the endpoint needs on_deadline(); nullopt when it waits for input only.
  virtual std::optional<Instant> next_deadline() const = 0;
};

}  // namespace ts::engine
