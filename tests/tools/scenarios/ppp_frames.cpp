#include "tests/tools/scenarios/ppp_frames.h"

#include "dissectors/net/ip_address.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/checksum.h"
#include "dissectors/ppp/pap.h"
#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/core/byte_writer.h"

namespace ts::testing {

Bytes be16v(std::uint16_t v) { return ByteWriter().be16(v).take(); }
Bytes be32v(std::uint32_t v) { return ByteWriter().be32(v).take(); }
Bytes ipv4v(const char* dotted) {
  auto a = net::IpAddress::parse(dotted);
  return Bytes(a->bytes.begin(), a->bytes.begin() + 4);
}

Bytes ppp_control(std::uint16_t protocol, std::uint8_t code, std::uint8_t id, const std::vector<Opt>& options,
                  ByteView data) {
  ppp::ControlPacket p;
  p.code = code;
  p.identifier = id;
  for (const auto& o : options) p.options.push_back(ppp::ConfigOption{o.type, 0, o.data});
  p.data = data;
  return ppp::encode_ppp_frame(protocol, ppp::encode_control(protocol, p));
}

Bytes ppp_echo(bool reply, std::uint8_t id, std::uint32_t magic) {
  ppp::ControlPacket p;
  p.code = reply ? ppp::code::kEchoReply : ppp::code::kEchoRequest;
  p.identifier = id;
  p.magic_number = magic;
  return ppp::encode_ppp_frame(ppp::kLcp, ppp::encode_control(ppp::kLcp, p));
}

Bytes ppp_chap(std::uint8_t code, std::uint8_t id, ByteView value, std::string_view name_or_message) {
  ppp::ChapPacket c;
  c.code = code;
  c.identifier = id;
  if (code == ppp::chap_code::kChallenge || code == ppp::chap_code::kResponse) {
    c.value = value;
    c.name = as_bytes(name_or_message);
  } else {
    c.message = as_bytes(name_or_message);
  }
  return ppp::encode_ppp_frame(ppp::kChap, ppp::encode_chap(c));
}

Bytes ppp_pap_request(std::uint8_t id, std::string_view user, std::string_view password) {
  ppp::PapPacket p;
  p.code = ppp::pap_code::kAuthenticateRequest;
  p.identifier = id;
  p.peer_id = as_bytes(user);
  p.password = as_bytes(password);
  return ppp::encode_ppp_frame(ppp::kPap, ppp::encode_pap(p));
}

Bytes ppp_ipv4(const char* src, const char* dst, std::size_t size) {
  net::Ipv4Header ip;
  ip.protocol = net::ip_proto::kIcmp;
  ip.src = *net::IpAddress::parse(src);
  ip.dst = *net::IpAddress::parse(dst);
  ip.identification = static_cast<std::uint16_t>(size);
  // An ICMP Echo Request (RFC 792) with `size` payload bytes and a correct checksum.
  ByteWriter icmp;
  icmp.u8(8).u8(0).be16(0).be16(0x7473).be16(static_cast<std::uint16_t>(size));
  for (std::size_t i = 0; i < size; ++i) icmp.u8(static_cast<std::uint8_t>('a' + i % 26));
  Bytes b = icmp.take();
  const std::uint16_t sum = net::internet_checksum(b);
  b[2] = static_cast<std::uint8_t>(sum >> 8);
  b[3] = static_cast<std::uint8_t>(sum);
  return ppp::encode_ppp_frame(ppp::kIpv4, net::encode_ipv4(ip, b));
}

Bytes ppp_compressed(std::size_t size, std::uint16_t coherency) {
  // RFC 3078 §3: A/B/C/D bits and a 12-bit coherency count, then encrypted data.
  ByteWriter w;
  w.be16(static_cast<std::uint16_t>(0x1000 | (coherency & 0x0fff)));
  for (std::size_t i = 0; i < size; ++i) w.u8(static_cast<std::uint8_t>(i * 37 + coherency));
  return ppp::encode_ppp_frame(ppp::kCompressed, w.data());
}

}  // namespace ts::testing
