#pragma once
// Control-channel sequence numbers (RFC 2661 §5.8): Ns and Nr are free-running counters
// modulo 65536. A received number is "less than or equal to" the last received one when
// it lies in that number and the 32767 values before it; such a message is a duplicate.
//
// Contract: pure functions of their arguments, constexpr, no state.
#include <cstdint>

namespace ts::endpoints::l2tp {

// a + n modulo 65536.
constexpr std::uint16_t seq_add(std::uint16_t a, std::uint32_t n) {
  return static_cast<std::uint16_t>((a + n) & 0xffffu);
}
// How far `to` is ahead of `from`, modulo 65536 (0 .. 65535).
constexpr std::uint16_t seq_distance(std::uint16_t from, std::uint16_t to) {
  return static_cast<std::uint16_t>((to - from) & 0xffffu);
}
// RFC 2661 §5.8: `ns` is at or before `last` (the last received number) when it lies in
// [last - 32767, last] modulo 65536.
constexpr bool seq_at_or_before(std::uint16_t ns, std::uint16_t last) {
  return seq_distance(ns, last) <= 32767;
}

}  // namespace ts::endpoints::l2tp
