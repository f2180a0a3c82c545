#pragma once
// TCP header (RFC 9293 §3.1) with the common options walked: MSS (2), Window Scale (3,
// RFC 7323 §2), SACK-Permitted (4) and SACK (5) (RFC 2018), Timestamps (8, RFC 7323 §3).
//
// Contract: decode_tcp() never throws or allocates (diagnostics aside); the input is the
// IP payload and `payload` is everything after the header. Data offset < 5 ->
// net.tcp.bad_data_offset and the header is taken as 20 bytes. The option walk stops at
// End-of-Option-List, after 40 options, or at a malformed option (net.tcp.bad_option);
// unknown options are skipped by their length. Checksums are not verified (checksum.h).
#include <array>
#include <cstdint>
#include <string>

#include "dissectors/net/ip_address.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"

namespace ts::net {

namespace tcp_flag {
inline constexpr std::uint16_t kFin = 0x001;
inline constexpr std::uint16_t kSyn = 0x002;
inline constexpr std::uint16_t kRst = 0x004;
inline constexpr std::uint16_t kPsh = 0x008;
inline constexpr std::uint16_t kAck = 0x010;
inline constexpr std::uint16_t kUrg = 0x020;
inline constexpr std::uint16_t kEce = 0x040;
inline constexpr std::uint16_t kCwr = 0x080;
// 0x100..0x800: the four reserved bits of the 12-bit flags field.
}  // namespace tcp_flag

struct TcpSackBlock {
  std::uint32_t left = 0;
  std::uint32_t right = 0;
  friend bool operator==(const TcpSackBlock&, const TcpSackBlock&) = default;
};

struct TcpOptions {
  bool has_mss = false;
  std::uint16_t mss = 0;
  bool has_window_scale = false;
  std::uint8_t window_scale = 0;
  bool sack_permitted = false;
  std::uint8_t sack_count = 0;
  std::array<TcpSackBlock, 4> sack{};
  bool has_timestamps = false;
  std::uint32_t ts_val = 0;
  std::uint32_t ts_ecr = 0;
  friend bool operator==(const TcpOptions&, const TcpOptions&) = default;
};

struct TcpHeader {
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint8_t data_offset = 5;  // in 32-bit words as on the wire
  std::uint16_t flags = 0;       // 12 bits: reserved(4) CWR ECE URG ACK PSH RST SYN FIN
  std::uint16_t window = 0;
  std::uint16_t checksum = 0;
  std::uint16_t urgent_pointer = 0;
  ByteView options;  // raw option bytes
  TcpOptions opt;    // the walked options
  ByteView payload;

  bool syn() const { return flags & tcp_flag::kSyn; }
  bool ack_flag() const { return flags & tcp_flag::kAck; }
  bool fin() const { return flags & tcp_flag::kFin; }
  bool rst() const { return flags & tcp_flag::kRst; }
  bool psh() const { return flags & tcp_flag::kPsh; }
  bool urg() const { return flags & tcp_flag::kUrg; }
  bool ece() const { return flags & tcp_flag::kEce; }
  bool cwr() const { return flags & tcp_flag::kCwr; }
  std::size_t header_length() const { return data_offset < 5 ? 20 : std::size_t{data_offset} * 4; }
};

Decoded<TcpHeader> decode_tcp(ByteView segment);

// Options in opt are encoded (MSS, WS, SACK-permitted, SACK, timestamps, NOP-padded to a
// multiple of 4) unless h.options is non-empty, which is then written verbatim (padded).
// Data offset and checksum (pseudo header of src/dst) computed.
Bytes encode_tcp(const TcpHeader& h, ByteView payload, const IpAddress& src, const IpAddress& dst);

// "SYN,ACK" style list of the set flags.
std::string tcp_flags_string(std::uint16_t flags);
void describe(const TcpHeader& h, Field& layer);
std::string summarize(const TcpHeader& h);

}  // namespace ts::net
