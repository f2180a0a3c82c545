#include "src/runtime/sim/scenarios/link_watch.h"

#include "src/endpoints/ppp/ppp_link_factory.h"

namespace ts::sim {

using endpoints::ppp::AuthOutcome;
using endpoints::ppp::Phase;

LinkWatch::LinkWatch(std::unique_ptr<endpoints::ppp::PppPeer> peer, std::shared_ptr<LinkRecord> record)
    : peer_(std::move(peer)), rec_(std::move(record)) {}

LinkWatch::~LinkWatch() {
  rec_->status = peer_->status();
  rec_->finished = peer_->finished();
}

engine::LinkOutput LinkWatch::note(engine::LinkOutput out) {
  const auto& p = *peer_;
  if (p.phase() == Phase::network) rec_->reached_network = true;
  bool ok = true;
  bool any = false;
  if (const auto* a = p.authenticator()) {
    any = true;
    ok = ok && a->result().outcome == AuthOutcome::success;
  }
  if (const auto* a = p.authenticatee()) {
    any = true;
    ok = ok && a->result().outcome == AuthOutcome::success;
  }
  if (any && ok) rec_->authenticated = true;
  if (p.mppe()) rec_->mppe = true;
  const auto& host = p.host().counters();
  rec_->pings_sent = host.echo_requests_sent;
  rec_->pings_answered = host.echo_replies_received;
  rec_->echo_requests_answered = host.echo_requests_answered;
  if (p.end_reason()) rec_->end_reason = *p.end_reason();
  rec_->finished = p.finished();
  return out;
}

engine::LinkOutput LinkWatch::up(Instant now) { return note(peer_->up(now)); }
engine::LinkOutput LinkWatch::receive(Instant now, ByteView frame) { return note(peer_->receive(now, frame)); }
engine::LinkOutput LinkWatch::close(Instant now, std::string_view reason) {
  return note(peer_->close(now, reason));
}
engine::LinkOutput LinkWatch::down(Instant now) { return note(peer_->down(now)); }
engine::LinkOutput LinkWatch::on_deadline(Instant now) { return note(peer_->on_deadline(now)); }

engine::SessionLinkFactory watched_ppp_factory(endpoints::ppp::PppConfig config,
                                               std::shared_ptr<std::vector<std::shared_ptr<LinkRecord>>> records) {
  // The plain factory makes the peer (seed per call, pool shared); we wrap what it makes.
  auto inner = endpoints::ppp::make_ppp_link_factory(std::move(config));
  return [inner, records](const engine::SessionLinkContext& ctx) -> std::unique_ptr<engine::SessionLink> {
    auto link = inner(ctx);
    auto* raw = dynamic_cast<endpoints::ppp::PppPeer*>(link.get());
    if (!raw) return link;
    link.release();
    auto rec = std::make_shared<LinkRecord>();
    rec->label = ctx.label;
    records->push_back(rec);
    return std::make_unique<LinkWatch>(std::unique_ptr<endpoints::ppp::PppPeer>(raw), rec);
  };
}

}  // namespace ts::sim
