#pragma once
// Test stand-ins for the PPTP endpoint tests only: a SessionLink that sends N numbered
// frames after up() and records what it receives (it stands in for PPP), a wrapper that
// can silence an endpoint, and a raw control-connection peer that answers with chosen bytes.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/engine/endpoint.h"
#include "src/engine/session_link.h"

namespace ts::endpoints::pptp::test {

using namespace std::chrono_literals;

// What one link did; shared so it outlives the link the role destroys.
struct LinkRecord {
  std::string label;
  int sent = 0;
  std::vector<int> received;  // frame numbers, in arrival order
  bool up = false;
  bool down = false;
};

struct LinkSpec {
  int frames = 0;             // frames to send after up()
  Duration interval = 10ms;   // between frames, the first one interval after up()
  bool finish_after = false;  // finished() once every frame is sent and `linger` passed
  Duration linger = 1s;
  bool report_accm = false;  // accm() known once up
};

using LinkRecords = std::vector<std::shared_ptr<LinkRecord>>;

// Frame n: PPP protocol 0x0021 (IPv4) then n as 4 octets and 20 octets of padding.
Bytes numbered_frame(int n);

class TestLink : public engine::SessionLink {
 public:
  TestLink(LinkSpec spec, std::shared_ptr<LinkRecord> record);
  engine::LinkOutput up(Instant now) override;
  engine::LinkOutput receive(Instant now, ByteView frame) override;
  engine::LinkOutput close(Instant now, std::string_view reason) override;
  engine::LinkOutput down(Instant now) override;
  engine::LinkOutput on_deadline(Instant now) override;
  std::optional<Instant> next_deadline() const override { return next_; }
  bool finished() const override { return finished_; }
  std::optional<engine::LinkAccm> accm() const override;
  std::string status() const override { return "test link " + record_->label; }

 private:
  LinkSpec spec_;
  std::shared_ptr<LinkRecord> record_;
  std::optional<Instant> next_;
  bool finished_ = false;
};

// A factory whose links follow `spec` and are recorded in `records`.
engine::SessionLinkFactory link_factory(LinkSpec spec, std::shared_ptr<LinkRecords> records);

// Forwards to `inner` until the "mute" command; from then on swallows every input and
// returns no action (a peer that stopped answering).
class Muteable : public engine::Endpoint {
 public:
  explicit Muteable(std::unique_ptr<engine::Endpoint> inner) : inner_(std::move(inner)) {}
  engine::Actions handle(Instant now, const engine::Input& in) override;
  engine::Actions on_deadline(Instant now) override;
  std::optional<Instant> next_deadline() const override;
  engine::Endpoint& inner() { return *inner_; }

 private:
  std::unique_ptr<engine::Endpoint> inner_;
  bool muted_ = false;
};

// A TCP server side that frames PPTP control messages and, for each one received, sends
// what `respond` returns (raw bytes, so malformed ones too). Records the types received.
class RawPeer : public engine::Endpoint {
 public:
  using Responder = std::function<std::vector<Bytes>(std::uint16_t type, ByteView message)>;
  explicit RawPeer(Responder respond) : respond_(std::move(respond)) {}
  engine::Actions handle(Instant now, const engine::Input& in) override;
  engine::Actions on_deadline(Instant) override { return {}; }
  std::optional<Instant> next_deadline() const override { return std::nullopt; }
  std::vector<std::uint16_t> received;
  std::vector<std::string> closed;

 private:
  Responder respond_;
  Bytes buffer_;
};

}  // namespace ts::endpoints::pptp::test
