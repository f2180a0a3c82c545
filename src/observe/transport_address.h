#pragma once
// An IP address and a UDP/TCP port: one end of a flow.
#include <compare>
#include <cstdint>

#include "dissectors/net/ip_address.h"

namespace ts::observe {

struct TransportAddress {
  net::IpAddress address;
  std::uint16_t port = 0;
  bool operator==(const TransportAddress&) const = default;
  auto operator<=>(const TransportAddress&) const = default;
};

}  // namespace ts::observe
