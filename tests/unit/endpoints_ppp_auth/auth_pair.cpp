#include "auth_pair.h"

#include <fmt/format.h>

#include <utility>

#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/eap.h"
#include "dissectors/ppp/pap.h"
#include "dissectors/ppp/ppp_protocols.h"

namespace ts::endpoints::ppp::test {

AuthPair::AuthPair(AuthMethod tor_method, AuthenticatorConfig tor_cfg, AuthMethod tee_method,
                   AuthenticateeConfig tee_cfg, std::uint64_t seed)
    : tor(tor_method, std::move(tor_cfg), engine::RandomSource(seed)),
      tee(tee_method, std::move(tee_cfg), engine::RandomSource(seed + 1000)) {}

void AuthPair::take(bool from_authenticator, AuthOutput out) {
  auto& notes = from_authenticator ? tor_notes : tee_notes;
  for (auto& n : out.notes) notes.push_back(std::move(n));
  for (auto& p : out.packets) {
    WirePacket w{now, from_authenticator, std::move(p), false};
    if (mutate) mutate(w);
    if (drop && drop(w)) w.dropped = true;
    wire.push_back(w);
    if (!w.dropped) queue_.push_back(std::move(w));
  }
}

void AuthPair::start() {
  now = t0();
  take(true, tor.start(now));
  take(false, tee.start(now));
  run_until(now);
}

void AuthPair::run_until(Instant end) {
  for (;;) {
    while (!queue_.empty()) {
      WirePacket w = std::move(queue_.front());
      queue_.erase(queue_.begin());
      if (w.from_authenticator) {
        take(false, tee.receive(now, w.packet.protocol, w.packet.info));
      } else {
        take(true, tor.receive(now, w.packet.protocol, w.packet.info));
      }
    }
    std::optional<Instant> next;
    for (auto d : {tor.next_deadline(), tee.next_deadline()})
      if (d && (!next || *d < *next)) next = d;
    if (!next || *next > end) break;
    now = std::max(now, *next);
    if (tor.next_deadline() && *tor.next_deadline() <= now) take(true, tor.on_deadline(now));
    if (tee.next_deadline() && *tee.next_deadline() <= now) take(false, tee.on_deadline(now));
  }
  now = std::max(now, end);
}

std::vector<WirePacket> AuthPair::sent_by(bool authenticator) const {
  std::vector<WirePacket> out;
  for (const auto& w : wire)
    if (w.from_authenticator == authenticator) out.push_back(w);
  return out;
}

std::vector<std::string> AuthPair::violations(bool authenticator) const {
  std::vector<std::string> out;
  for (const auto& n : authenticator ? tor_notes : tee_notes)
    if (const auto* v = std::get_if<engine::Violation>(&n)) out.emplace_back(v->def->id);
  return out;
}

std::string AuthPair::transcript() const {
  std::string out;
  for (const auto& w : wire) {
    std::string line;
    if (w.packet.protocol == ts::ppp::kPap) {
      line = ts::ppp::summarize(ts::ppp::decode_pap(w.packet.info).value);
    } else if (w.packet.protocol == ts::ppp::kChap) {
      line = ts::ppp::chap_summary(ts::ppp::decode_chap(w.packet.info).value);
    } else {
      line = ts::ppp::summarize(ts::ppp::decode_eap(w.packet.info).value);
    }
    out += fmt::format("+{:.3f} {} {}{}\n", to_seconds(w.at - t0()),
                       w.from_authenticator ? "tor>" : "tee>", line, w.dropped ? " [lost]" : "");
  }
  return out;
}

AuthenticatorConfig tor_config() {
  AuthenticatorConfig c;
  c.users = {{"alice", "secret"}, {"bob", "hunter2"}};
  return c;
}

AuthenticateeConfig tee_config(std::string name, std::string password) {
  AuthenticateeConfig c;
  c.name = std::move(name);
  c.password = std::move(password);
  return c;
}

}  // namespace ts::endpoints::ppp::test
