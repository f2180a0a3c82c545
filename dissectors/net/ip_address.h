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
#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
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

  // By hand rather than defaulted: 8-byte words instead of memcmp calls (flow tables compare
  // addresses for every packet). The same results as the member-wise defaults: equality of
  // family and bytes, and order by family, then the bytes lexicographically (the words are
  // compared as big-endian numbers). tests/unit/net/ip_address_test.cpp checks both.
  friend bool operator==(const IpAddress& a, const IpAddress& b) {
    return a.family == b.family && a.word(0) == b.word(0) && a.word(1) == b.word(1);
  }
  friend std::strong_ordering operator<=>(const IpAddress& a, const IpAddress& b) {
    if (a.family != b.family) return a.family <=> b.family;
    if (a.word(0) != b.word(0)) return a.word_be(0) <=> b.word_be(0);
    return a.word_be(1) <=> b.word_be(1);
  }

  // Octets 8i..8i+7 as loaded from memory, and as a big-endian number.
  std::uint64_t word(int i) const {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + 8 * i, 8);
    return w;
  }
  std::uint64_t word_be(int i) const {
    const std::uint64_t w = word(i);
    if constexpr (std::endian::native == std::endian::little) return __builtin_bswap64(w);
    return w;
  }
};

// Inline: flow tables hash an address for every packet. The two words and the family,
// multiplied and folded: cheap, and it spreads the low bits.
struct IpAddressHash {
  std::size_t operator()(const IpAddress& a) const noexcept {
    const std::uint64_t h = (a.word(0) ^ (a.word(1) * 0xff51afd7ed558ccdULL) ^ a.family) * 0x9e3779b97f4a7c15ULL;
    return static_cast<std::size_t>(h ^ h >> 29);
  }
};

}  // namespace ts::net

template <>
struct std::hash<ts::net::IpAddress> {
  std::size_t operator()(const ts::net::IpAddress& a) const noexcept { return ts::net::IpAddressHash{}(a); }
};
