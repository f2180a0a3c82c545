#pragma once
// SessionLink: what a tunnel call or session carries, seen from the tunnel endpoint. The
// PPTP PAC/PNS and the L2TP LAC/LNS know nothing about PPP: when a call is established they
// create a link through a SessionLinkFactory (normally a PPP peer, src/endpoints/ppp), feed
// it the frames that arrive in data messages, and send the frames it returns in theirs.
// Keeping the tunnel roles independent of the link keeps each testable on its own and lets
// a scenario choose the PPP peer's role and settings per side.
//
// Contract (sans-I/O like engine::Endpoint):
//  - up() once, when the call/session is established (ICCN/OCCN, Call-Connected).
//  - receive() for each frame from the peer: a PPP frame as carried by the tunnel, without
//    HDLC flags, escapes or FCS (Address/Control may be present or compressed).
//  - close() asks for a graceful end (LCP Terminate); the link reports finished() once it
//    is done, and the tunnel then clears the call (CDN, Call-Clear-Request ...).
//  - down() when the tunnel cleared the call: the link stops at once; its output carries
//    notes only (no frame can be sent any more).
//  - finished() true: the link ended by itself or after close() (terminated, authentication
//    failed, peer dead, Max-Configure ...): the tunnel should clear the call.
//  - on_deadline() at next_deadline().
// Frames returned are sent in order. Notes are StateChange and Violation actions with
// entities relative to the link ("LCP", "auth"); the tunnel prefixes its call's name.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/bytes.h"
#include "src/core/time.h"
#include "src/engine/endpoint.h"

namespace ts::engine {

struct LinkOutput {
  std::vector<Bytes> frames;
  Actions notes;  // StateChange / Violation only
  void append(LinkOutput&& other) {
    for (auto& f : other.frames) frames.push_back(std::move(f));
    for (auto& n : other.notes) notes.push_back(std::move(n));
  }
};

// The async-control-character maps a link negotiated (RFC 1662 §7.1), for the tunnels'
// Set-Link-Info messages (RFC 2637 §2.15, RFC 2661 §6.14).
struct LinkAccm {
  std::uint32_t send = 0xFFFFFFFF;
  std::uint32_t receive = 0xFFFFFFFF;
};

class SessionLink {
 public:
  virtual ~SessionLink() = default;
  virtual LinkOutput up(Instant now) = 0;
  virtual LinkOutput receive(Instant now, ByteView frame) = 0;
  virtual LinkOutput close(Instant now, std::string_view reason) = 0;
  virtual LinkOutput down(Instant now) = 0;
  virtual LinkOutput on_deadline(Instant now) = 0;
  virtual std::optional<Instant> next_deadline() const = 0;
  virtual bool finished() const = 0;
  // The ACCMs once LCP is Opened (for Set-Link-Info); nullopt before, or for non-PPP links.
  virtual std::optional<LinkAccm> accm() const { return std::nullopt; }
  // One line for timelines and test assertions: "LCP Opened, auth ok, IPCP Opened 10.0.0.2".
  virtual std::string status() const = 0;
};

// What the tunnel tells the factory about the call it is creating a link for.
struct SessionLinkContext {
  std::string label;      // "call 3", "session 17/5": for the link's own notes
  std::uint64_t seed = 0; // the link's random stream (derived by the tunnel from its own)
};

using SessionLinkFactory =
    std::function<std::unique_ptr<SessionLink>(const SessionLinkContext& context)>;

}  // namespace ts::engine
