#pragma once
// LinkWatch: the SessionLink a scenario hands to a tunnel role: a reference PPP peer, with
// a record of what it achieved kept after the tunnel destroys it (the highest phase
// reached, authentication, MPPE, pings, why it ended). Scenarios judge their outcome from
// these records, not from the internals of live objects.
#include <memory>
#include <string>
#include <vector>

#include "src/endpoints/ppp/ppp_config.h"
#include "src/endpoints/ppp/ppp_peer.h"
#include "src/engine/session_link.h"

namespace ts::sim {

struct LinkRecord {
  std::string label;            // "session 17/5", "call 3"
  bool reached_network = false; // the Network phase (RFC 1661 §3.5) was entered
  bool authenticated = false;   // every authentication that ran succeeded
  bool mppe = false;            // MPPE was in force at some point
  std::uint64_t pings_sent = 0, pings_answered = 0, echo_requests_answered = 0;
  std::string status;           // the peer's last status line
  std::string end_reason;       // empty while running
  bool finished = false;
};

class LinkWatch final : public engine::SessionLink {
 public:
  LinkWatch(std::unique_ptr<endpoints::ppp::PppPeer> peer, std::shared_ptr<LinkRecord> record);
  ~LinkWatch() override;
  engine::LinkOutput up(Instant now) override;
  engine::LinkOutput receive(Instant now, ByteView frame) override;
  engine::LinkOutput close(Instant now, std::string_view reason) override;
  engine::LinkOutput down(Instant now) override;
  engine::LinkOutput on_deadline(Instant now) override;
  std::optional<Instant> next_deadline() const override { return peer_->next_deadline(); }
  bool finished() const override { return peer_->finished(); }
  std::optional<engine::LinkAccm> accm() const override { return peer_->accm(); }
  std::string status() const override { return peer_->status(); }

 private:
  engine::LinkOutput note(engine::LinkOutput out);
  std::unique_ptr<endpoints::ppp::PppPeer> peer_;
  std::shared_ptr<LinkRecord> rec_;
};

// A factory of watched PPP peers (each with `config` and the call's seed); every record is
// appended to `records`.
engine::SessionLinkFactory watched_ppp_factory(endpoints::ppp::PppConfig config,
                                               std::shared_ptr<std::vector<std::shared_ptr<LinkRecord>>> records);

}  // namespace ts::sim
