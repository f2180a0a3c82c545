#pragma once
// Typical PPP peer settings for the tests: an access server (address 10.0.0.1, a pool from
// 10.0.0.2, DNS 192.0.2.53/54) and a dial-in client asking for an address and DNS.
#include <memory>
#include <string>
#include <vector>

#include "src/endpoints/ppp/ppp_config.h"

namespace ts::endpoints::ppp::test {

inline constexpr std::uint32_t ip(int a, int b, int c, int d) {
  return (std::uint32_t(a) << 24) | (std::uint32_t(b) << 16) | (std::uint32_t(c) << 8) |
         std::uint32_t(d);
}

inline PppConfig server_config(std::shared_ptr<AddressPool> pool = nullptr) {
  PppConfig c;
  c.seed = 1001;
  c.ipcp_settings.local_address = ip(10, 0, 0, 1);
  c.ipcp_settings.pool = pool ? pool : std::make_shared<AddressPool>(ip(10, 0, 0, 2), 8);
  c.ipcp_settings.dns_primary = ip(192, 0, 2, 53);
  c.ipcp_settings.dns_secondary = ip(192, 0, 2, 54);
  return c;
}

inline PppConfig client_config() {
  PppConfig c;
  c.seed = 2002;
  c.ipcp_settings.request_dns = true;
  return c;
}

// The authenticator requires `methods` of user alice ("correct horse"); the client accepts
// `methods` with `password`.
inline void require_method(PppConfig& server, std::vector<AuthMethod> methods) {
  server.auth.require = std::move(methods);
  server.auth.authenticator.users = {{"alice", "correct horse"}};
}
inline void accept_method(PppConfig& client, std::vector<AuthMethod> methods, std::string password) {
  client.auth.accept = std::move(methods);
  client.auth.authenticatee.name = "alice";
  client.auth.authenticatee.password = std::move(password);
}

}  // namespace ts::endpoints::ppp::test
