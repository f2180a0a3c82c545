#pragma once
// AuthPair: an Authenticator and an Authenticatee wired back to back with a virtual clock.
// Packets cross instantly unless `drop` says to lose them; `mutate` may rewrite them in
// flight (forgeries). Every packet is logged with its time and direction.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "src/endpoints/ppp/authenticatee.h"
#include "src/endpoints/ppp/authenticator.h"

namespace ts::endpoints::ppp::test {

struct WirePacket {
  Instant at;
  bool from_authenticator = false;
  AuthPacket packet;
  bool dropped = false;
  std::uint8_t code() const { return packet.info.empty() ? 0 : packet.info[0]; }
  std::uint8_t identifier() const { return packet.info.size() < 2 ? 0 : packet.info[1]; }
};

inline Instant t0() { return Instant{std::chrono::seconds(1000)}; }

struct AuthPair {
  AuthPair(AuthMethod tor_method, AuthenticatorConfig tor_config, AuthMethod tee_method,
           AuthenticateeConfig tee_config, std::uint64_t seed = 1);

  void start();                 // both start at t0()
  void run_until(Instant end);  // deliver, then fire deadlines in order, until `end`
  void run_for(Duration d) { run_until(now + d); }

  std::vector<WirePacket> sent_by(bool authenticator) const;  // including dropped ones
  // One line per packet: "+0.000 tor> CHAP Challenge id=..." (dropped ones marked), for
  // CAPTURE in failing tests.
  std::string transcript() const;
  // Violations reported by one side, by id.
  std::vector<std::string> violations(bool authenticator) const;

  Authenticator tor;
  Authenticatee tee;
  Instant now = t0();
  std::vector<WirePacket> wire;
  engine::Actions tor_notes, tee_notes;
  std::function<bool(const WirePacket&)> drop;
  std::function<void(WirePacket&)> mutate;

 private:
  void take(bool from_authenticator, AuthOutput out);
  std::vector<WirePacket> queue_;
};

// A typical authenticator with users alice/secret and bob/hunter2.
AuthenticatorConfig tor_config();
AuthenticateeConfig tee_config(std::string name = "alice", std::string password = "secret");

}  // namespace ts::endpoints::ppp::test
