#include "dissectors/net/ip_address.h"

#include <cstring>

#include <fmt/format.h>

namespace ts::net {

IpAddress IpAddress::v4(ByteView four) {
  IpAddress a;
  if (four.size() != 4) return a;
  a.family = 4;
  std::memcpy(a.bytes.data(), four.data(), 4);
  return a;
}

IpAddress IpAddress::v6(ByteView sixteen) {
  IpAddress a;
  if (sixteen.size() != 16) return a;
  a.family = 6;
  std::memcpy(a.bytes.data(), sixteen.data(), 16);
  return a;
}

IpAddress IpAddress::v4(std::uint32_t host_order) {
  const std::uint8_t b[4] = {static_cast<std::uint8_t>(host_order >> 24), static_cast<std::uint8_t>(host_order >> 16),
                             static_cast<std::uint8_t>(host_order >> 8), static_cast<std::uint8_t>(host_order)};
  return v4(ByteView(b, 4));
}

std::uint32_t IpAddress::v4_value() const {
  if (family != 4) return 0;
  return std::uint32_t{bytes[0]} << 24 | std::uint32_t{bytes[1]} << 16 | std::uint32_t{bytes[2]} << 8 | bytes[3];
}

std::string IpAddress::to_string() const {
  if (family == 4) return fmt::format("{}.{}.{}.{}", bytes[0], bytes[1], bytes[2], bytes[3]);
  if (family != 6) return "unset";
  // RFC 5952 §5: IPv4-mapped addresses keep the dotted quad.
  bool mapped = bytes[10] == 0xff && bytes[11] == 0xff;
  for (int i = 0; i < 10 && mapped; ++i) mapped = bytes[i] == 0;
  if (mapped) return fmt::format("::ffff:{}.{}.{}.{}", bytes[12], bytes[13], bytes[14], bytes[15]);
  std::uint16_t g[8];
  for (int i = 0; i < 8; ++i) g[i] = static_cast<std::uint16_t>(bytes[2 * i] << 8 | bytes[2 * i + 1]);
  // RFC 5952 §4.2: compress the longest run (>= 2 groups) of zeros, the first one on ties.
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  if (best_len < 2) best = -1;
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out.push_back(':');
    out += fmt::format("{:x}", g[i]);
  }
  return out;
}

namespace {

std::optional<std::uint32_t> parse_dotted(std::string_view s) {
  std::uint32_t v = 0;
  int parts = 0;
  std::size_t i = 0;
  while (parts < 4) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
    std::uint32_t octet = 0;
    std::size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      octet = octet * 10 + static_cast<std::uint32_t>(s[i] - '0');
      if (++digits > 3 || octet > 255) return std::nullopt;
      ++i;
    }
    v = v << 8 | octet;
    ++parts;
    if (parts < 4) {
      if (i >= s.size() || s[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != s.size()) return std::nullopt;
  return v;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses colon-separated groups (possibly ending in a dotted quad) into out; returns the
// number of 16-bit groups, or -1 on error.
int parse_groups(std::string_view s, std::uint16_t* out, int max) {
  int n = 0;
  if (s.empty()) return 0;
  std::size_t i = 0;
  while (true) {
    const std::size_t end = s.find(':', i);
    const std::string_view part = s.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    if (end == std::string_view::npos && part.find('.') != std::string_view::npos) {
      const auto q = parse_dotted(part);
      if (!q || n + 2 > max) return -1;
      out[n++] = static_cast<std::uint16_t>(*q >> 16);
      out[n++] = static_cast<std::uint16_t>(*q);
      return n;
    }
    if (part.empty() || part.size() > 4 || n >= max) return -1;
    std::uint16_t v = 0;
    for (char c : part) {
      const int d = hex_digit(c);
      if (d < 0) return -1;
      v = static_cast<std::uint16_t>(v << 4 | d);
    }
    out[n++] = v;
    if (end == std::string_view::npos) return n;
    i = end + 1;
  }
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.find(':') == std::string_view::npos) {
    const auto v = parse_dotted(text);
    if (!v) return std::nullopt;
    return v4(*v);
  }
  std::uint16_t head[8], tail[8];
  int nh = 0, nt = 0;
  const std::size_t dc = text.find("::");
  if (dc == std::string_view::npos) {
    nh = parse_groups(text, head, 8);
    if (nh != 8) return std::nullopt;
  } else {
    if (text.find("::", dc + 1) != std::string_view::npos) return std::nullopt;
    nh = parse_groups(text.substr(0, dc), head, 8);
    nt = parse_groups(text.substr(dc + 2), tail, 8);
    if (nh < 0 || nt < 0 || nh + nt > 7) return std::nullopt;
  }
  IpAddress a;
  a.family = 6;
  std::uint16_t g[8] = {};
  for (int i = 0; i < nh; ++i) g[i] = head[i];
  for (int i = 0; i < nt; ++i) g[8 - nt + i] = tail[i];
  for (int i = 0; i < 8; ++i) {
    a.bytes[2 * i] = static_cast<std::uint8_t>(g[i] >> 8);
    a.bytes[2 * i + 1] = static_cast<std::uint8_t>(g[i]);
  }
  return a;
}

}  // namespace ts::net
