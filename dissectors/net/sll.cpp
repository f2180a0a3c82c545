#include "dissectors/net/sll.h"

#include <algorithm>

#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"

namespace ts::net {

namespace {
constexpr CodeName kPacketTypes[] = {
    {sll_packet_type::kHost, "host", "to us"},
    {sll_packet_type::kBroadcast, "broadcast", "broadcast by somebody else"},
    {sll_packet_type::kMulticast, "multicast", "multicast by somebody else"},
    {sll_packet_type::kOtherHost, "otherhost", "to somebody else, by somebody else"},
    {sll_packet_type::kOutgoing, "outgoing", "sent by us"},
};

void finish(Decoded<SllHeader>& d, ByteReader& r, ByteView addr) {
  if (!r.ok()) {
    d.complete = false;
    d.truncated_field = r.truncation();
    return;
  }
  std::copy(addr.begin(), addr.end(), d.value.addr.begin());
  d.value.payload = r.rest();
}
}  // namespace

std::span<const CodeName> sll_packet_type_names() { return kPacketTypes; }

Decoded<SllHeader> decode_sll(ByteView frame) {
  Decoded<SllHeader> d;
  auto& h = d.value;
  ByteReader r(frame);
  h.version = 1;
  h.packet_type = r.be16("sll.packet_type");
  h.hatype = r.be16("sll.hatype");
  // The address length may exceed the 8 address bytes kept; keep the count, clip the view.
  const std::uint16_t alen = r.be16("sll.addr_len");
  h.addr_len = static_cast<std::uint8_t>(alen > 8 ? 8 : alen);
  const ByteView addr = r.take(8, "sll.addr").first(r.ok() ? h.addr_len : 0);
  h.protocol = r.be16("sll.protocol");
  finish(d, r, addr);
  return d;
}

Decoded<SllHeader> decode_sll2(ByteView frame) {
  Decoded<SllHeader> d;
  auto& h = d.value;
  ByteReader r(frame);
  h.version = 2;
  h.protocol = r.be16("sll2.protocol");
  r.skip(2, "sll2.reserved");
  h.ifindex = r.be32("sll2.ifindex");
  h.hatype = r.be16("sll2.hatype");
  h.packet_type = r.u8("sll2.packet_type");
  const std::uint8_t alen = r.u8("sll2.addr_len");
  h.addr_len = alen > 8 ? 8 : alen;
  const ByteView addr = r.take(8, "sll2.addr").first(r.ok() ? h.addr_len : 0);
  finish(d, r, addr);
  return d;
}

Bytes encode_sll(const SllHeader& h, ByteView payload) {
  ByteWriter w(20 + payload.size());
  const std::uint8_t alen = h.addr_len > 8 ? 8 : h.addr_len;
  if (h.version == 2) {
    w.be16(h.protocol).be16(0).be32(h.ifindex).be16(h.hatype);
    w.u8(static_cast<std::uint8_t>(h.packet_type)).u8(alen);
  } else {
    w.be16(h.packet_type).be16(h.hatype).be16(alen);
  }
  for (std::size_t i = 0; i < 8; ++i) w.u8(i < alen ? h.addr[i] : 0);
  if (h.version != 2) w.be16(h.protocol);
  w.bytes(payload);
  return w.take();
}

void describe(const SllHeader& h, Field& layer) {
  if (layer.name.empty()) layer.name = h.version == 2 ? "sll2" : "sll";
  layer.add_num("packet_type", h.packet_type);
  layer.add_text("packet_type_name", code_abbrev(sll_packet_type_names(), h.packet_type));
  layer.add_num("hatype", h.hatype);
  layer.add_hex("address", ByteView(h.addr.data(), h.addr_len));
  layer.add_num("protocol", h.protocol);
  if (h.version == 2) layer.add_num("ifindex", h.ifindex);
}

}  // namespace ts::net
