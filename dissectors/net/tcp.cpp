#include "dissectors/net/tcp.h"

#include <utility>

#include <fmt/format.h>

#include "dissectors/net/checksum.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/net_diagnostics.h"
#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"

namespace ts::net {

namespace {

constexpr std::size_t kMaxOptions = 40;  // 40 option bytes hold at most 40 options

// Returns false on a malformed option (the walk stops).
bool read_option(std::uint8_t kind, ByteView body, TcpOptions& o) {
  ByteReader r(body);
  switch (kind) {
    case 2:  // RFC 9293 §3.2: MSS, length 4.
      if (body.size() != 2) return false;
      o.has_mss = true;
      o.mss = r.be16("mss");
      return true;
    case 3:  // RFC 7323 §2.2: Window Scale, length 3.
      if (body.size() != 1) return false;
      o.has_window_scale = true;
      o.window_scale = r.u8("ws");
      return true;
    case 4:  // RFC 2018 §2: SACK-Permitted, length 2.
      if (!body.empty()) return false;
      o.sack_permitted = true;
      return true;
    case 5:  // RFC 2018 §3: SACK, length 2 + 8n.
      if (body.empty() || body.size() % 8 != 0) return false;
      o.sack_count = 0;
      while (r.remaining() >= 8 && o.sack_count < o.sack.size()) {
        const std::uint32_t left = r.be32("sack.left");
        o.sack[o.sack_count++] = TcpSackBlock{left, r.be32("sack.right")};
      }
      return true;
    case 8:  // RFC 7323 §3.2: Timestamps, length 10.
      if (body.size() != 8) return false;
      o.has_timestamps = true;
      o.ts_val = r.be32("tsval");
      o.ts_ecr = r.be32("tsecr");
      return true;
    default: return true;
  }
}

void walk_options(ByteView options, TcpOptions& o, Diagnostics& diags) {
  ByteReader r(options);
  for (std::size_t n = 0; n < kMaxOptions && !r.empty(); ++n) {
    const std::uint8_t kind = r.u8("tcp.option.kind");
    if (kind == 0) return;  // End of Option List
    if (kind == 1) continue;  // No-Operation
    const std::uint8_t len = r.u8("tcp.option.length");
    // RFC 9293 §3.2: the length counts kind and length octets.
    if (!r.ok() || len < 2 || len - 2u > r.remaining()) {
      add_diag(diags, diag::kTcpBadOption, fmt::format("option {} length {}", kind, r.ok() ? len : 0));
      return;
    }
    if (!read_option(kind, r.take(len - 2u, "tcp.option.data"), o)) {
      add_diag(diags, diag::kTcpBadOption, fmt::format("option {} length {}", kind, len));
      return;
    }
  }
}

void write_options(const TcpOptions& o, ByteWriter& w) {
  if (o.has_mss) w.u8(2).u8(4).be16(o.mss);
  if (o.has_window_scale) w.u8(3).u8(3).u8(o.window_scale);
  if (o.sack_permitted) w.u8(4).u8(2);
  if (o.sack_count > 0) {
    const std::size_t n = o.sack_count > o.sack.size() ? o.sack.size() : o.sack_count;
    w.u8(5).u8(static_cast<std::uint8_t>(2 + 8 * n));
    for (std::size_t i = 0; i < n; ++i) w.be32(o.sack[i].left).be32(o.sack[i].right);
  }
  if (o.has_timestamps) w.u8(8).u8(10).be32(o.ts_val).be32(o.ts_ecr);
}

}  // namespace

Decoded<TcpHeader> decode_tcp(ByteView segment) {
  Decoded<TcpHeader> d;
  auto& h = d.value;
  ByteReader r(segment);
  h.src_port = r.be16("tcp.src_port");
  h.dst_port = r.be16("tcp.dst_port");
  h.seq = r.be32("tcp.seq");
  h.ack = r.be32("tcp.ack");
  const std::uint16_t of = r.be16("tcp.offset_flags");
  h.data_offset = static_cast<std::uint8_t>(of >> 12);
  h.flags = of & 0x0fff;
  h.window = r.be16("tcp.window");
  h.checksum = r.be16("tcp.checksum");
  h.urgent_pointer = r.be16("tcp.urgent_pointer");
  // RFC 9293 §3.1: Data Offset is at least 5 (a 20-octet header).
  if (r.ok() && h.data_offset < 5)
    add_diag(d.diags, diag::kTcpBadDataOffset, fmt::format("data offset {}", h.data_offset));
  h.options = r.take(h.header_length() - 20, "tcp.options");
  if (!r.ok()) {
    d.complete = false;
    d.truncated_field = r.truncation();
    return d;
  }
  walk_options(h.options, h.opt, d.diags);
  h.payload = r.rest();
  return d;
}

Bytes encode_tcp(const TcpHeader& h, ByteView payload, const IpAddress& src, const IpAddress& dst) {
  ByteWriter opts(40);
  if (!h.options.empty()) {
    opts.bytes(h.options);
  } else {
    write_options(h.opt, opts);
  }
  while (opts.size() % 4 != 0) opts.u8(h.options.empty() ? 1 : 0);  // NOP / EOL padding
  const std::size_t hlen = 20 + opts.size();
  ByteWriter w(hlen + payload.size());
  w.be16(h.src_port).be16(h.dst_port).be32(h.seq).be32(h.ack);
  w.be16(static_cast<std::uint16_t>((hlen / 4) << 12 | (h.flags & 0x0fff)));
  w.be16(h.window).be16(0).be16(h.urgent_pointer);
  w.bytes(opts.data()).bytes(payload);
  w.patch_be16(16, transport_checksum(src, dst, ip_proto::kTcp, w.data()));
  return w.take();
}

std::string tcp_flags_string(std::uint16_t flags) {
  static constexpr std::pair<std::uint16_t, const char*> kNames[] = {
      {tcp_flag::kSyn, "SYN"}, {tcp_flag::kFin, "FIN"}, {tcp_flag::kRst, "RST"}, {tcp_flag::kPsh, "PSH"},
      {tcp_flag::kAck, "ACK"}, {tcp_flag::kUrg, "URG"}, {tcp_flag::kEce, "ECE"}, {tcp_flag::kCwr, "CWR"}};
  std::string s;
  for (const auto& [bit, name] : kNames) {
    if (!(flags & bit)) continue;
    if (!s.empty()) s.push_back(',');
    s += name;
  }
  return s;
}

void describe(const TcpHeader& h, Field& layer) {
  if (layer.name.empty()) layer.name = "tcp";
  layer.add_num("src_port", h.src_port);
  layer.add_num("dst_port", h.dst_port);
  layer.add_num("seq", h.seq);
  layer.add_num("ack", h.ack);
  layer.add_num("data_offset", h.data_offset);
  layer.add_num("flags", h.flags);
  layer.add_text("flags_text", tcp_flags_string(h.flags));
  layer.add_num("window", h.window);
  layer.add_num("checksum", h.checksum);
  layer.add_num("urgent_pointer", h.urgent_pointer);
  if (h.opt.has_mss) layer.add_num("mss", h.opt.mss);
  if (h.opt.has_window_scale) layer.add_num("window_scale", h.opt.window_scale);
  if (h.opt.sack_permitted) layer.add_bool("sack_permitted", true);
  if (h.opt.sack_count > 0) {
    auto& arr = layer.add_array("sack");
    for (std::size_t i = 0; i < h.opt.sack_count; ++i) {
      auto& b = arr.add_object();
      b.add_num("left", h.opt.sack[i].left);
      b.add_num("right", h.opt.sack[i].right);
    }
  }
  if (h.opt.has_timestamps) {
    layer.add_num("tsval", h.opt.ts_val);
    layer.add_num("tsecr", h.opt.ts_ecr);
  }
  layer.add_num("payload_length", h.payload.size());
}

std::string summarize(const TcpHeader& h) {
  return fmt::format("TCP {} > {} [{}] seq {} ack {} win {} len {}", h.src_port, h.dst_port,
                     tcp_flags_string(h.flags), h.seq, h.ack, h.window, h.payload.size());
}

}  // namespace ts::net
