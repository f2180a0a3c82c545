#include "dissectors/net/udp.h"

#include <fmt/format.h>

#include "dissectors/net/checksum.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/net_diagnostics.h"
#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"

namespace ts::net {

Decoded<UdpHeader> decode_udp(ByteView segment) {
  Decoded<UdpHeader> d;
  auto& h = d.value;
  // The common case first: the whole datagram, Length equal to it. Same result as below.
  if (segment.size() >= 8 && segment.size() <= 0xffff &&
      ((std::size_t{segment[4]} << 8) | segment[5]) == segment.size()) {
    h.src_port = static_cast<std::uint16_t>((segment[0] << 8) | segment[1]);
    h.dst_port = static_cast<std::uint16_t>((segment[2] << 8) | segment[3]);
    h.length = static_cast<std::uint16_t>(segment.size());
    h.checksum = static_cast<std::uint16_t>((segment[6] << 8) | segment[7]);
    h.payload = segment.subspan(8);
    return d;
  }
  ByteReader r(segment);
  h.src_port = r.be16("udp.src_port");
  h.dst_port = r.be16("udp.dst_port");
  h.length = r.be16("udp.length");
  h.checksum = r.be16("udp.checksum");
  if (!r.ok()) {
    d.complete = false;
    d.truncated_field = r.truncation();
    return d;
  }
  // RFC 768: Length counts header and data, so its minimum is 8.
  if (h.length < 8) {
    add_diag(d.diags, diag::kUdpBadLength, fmt::format("length {}", h.length));
    h.payload = r.rest();
    return d;
  }
  const std::size_t want = h.length - 8u;
  if (want < r.remaining())
    add_diag(d.diags, diag::kUdpLengthMismatch,
             fmt::format("UDP length {} < {} bytes of IP payload", h.length, segment.size()));
  h.payload = r.take_up_to(want);
  if (h.payload.size() < want) {
    d.complete = false;
    d.truncated_field = "udp.payload";
  }
  return d;
}

Bytes encode_udp(const UdpHeader& h, ByteView payload, const IpAddress& src, const IpAddress& dst) {
  ByteWriter w(8 + payload.size());
  w.be16(h.src_port).be16(h.dst_port).be16(static_cast<std::uint16_t>(8 + payload.size())).be16(0);
  w.bytes(payload);
  std::uint16_t c = transport_checksum(src, dst, ip_proto::kUdp, w.data());
  if (c == 0) c = 0xffff;
  w.patch_be16(6, c);
  return w.take();
}

void describe(const UdpHeader& h, Field& layer) {
  if (layer.name.empty()) layer.name = "udp";
  layer.add_num("src_port", h.src_port);
  layer.add_num("dst_port", h.dst_port);
  layer.add_num("length", h.length);
  layer.add_num("checksum", h.checksum);
}

std::string summarize(const UdpHeader& h) {
  return fmt::format("UDP {} > {} len {}", h.src_port, h.dst_port, h.length);
}

}  // namespace ts::net
