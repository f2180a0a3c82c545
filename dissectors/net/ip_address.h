#pragma once
// IpAddress: an IPv4 or IPv6 address as a value (16 bytes + family), usable as a map key.
//
// Contract: family is 4 or 6 (0 only for a default-constructed, unset address). IPv4
// addresses live in bytes[0..4) with bytes[4..16) zero, so == / <=> / hash are plain
// byte comparisons. to_string() gives a dotted quad or the RFC 5952 §4 canonical IPv6
// text (lower case, longest run of two or more zero groups compressed, first on ties;
// IPv4-mapped ::ffff:a.b.c.d keeps its dotted quad, §5).
// parse() accepts those forms (and any valid RFC 4291 §2.2 text, including a trailing
// dotted quad) and returns nullopt otherwise.
#include <array>
#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "src/core/bytes.h"

namespace ts::net {

struct IpAddress {
  std::uint8_t family = 0;  // 4 or 6
  std::array<std::uint8_t, 16> bytes{};

  // From 4 / 16 network-order bytes; a view of another size gives an unset address.
  static IpAddress v4(ByteView four);
  static IpAddress v6(ByteView sixteen);
  // From a host-order value, e.g. v4(0xC0000201) is 192.0.2.1.
  static IpAddress v4(std::uint32_t host_order);
  static std::optional<IpAddress> parse(std::string_view text);

  bool is_v4() const { return family == 4; }
  bool is_v6() const { return family == 6; }
  // The 4 or 16 address bytes (empty when unset).
  ByteView view() const { return ByteView(bytes.data(), family == 4 ? 4 : family == 6 ? 16 : 0); }
  // IPv4 address as a host-order integer (0 for IPv6).
  std::uint32_t v4_value() const;
  std::string to_string() const;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;
  friend auto operator<=>(const IpAddress&, const IpAddress&) = default;
};

struct IpAddressHash {
  std::size_t operator()(const IpAddress& a) const noexcept;
};

}  // namespace ts::net

template <>
struct std::hash<ts::net::IpAddress> {
  std::size_t operator()(const ts::net::IpAddress& a) const noexcept { return ts::net::IpAddressHash{}(a); }
};
