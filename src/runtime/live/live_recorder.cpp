#include "src/runtime/live/live_recorder.h"

#include <algorithm>

#include "dissectors/net/tcp.h"
#include "src/runtime/sim/pcap_tap.h"

namespace ts::live {

Result<bool> LiveRecorder::open(const std::string& path) {
  auto w = capture::PcapFileWriter::open(path, sim::PcapTap::kLinktypeEthernet);
  if (!w.ok()) return Error{w.error()};
  writer_ = std::move(w.value());
  return true;
}

sim::NodeAddress LiveRecorder::node(const net::IpAddress& ip) const {
  sim::NodeAddress a;
  a.ip = ip;
  const ByteView v = ip.view();
  a.mac = {0x02, 0x00, 0x5e, 0, 0, 0};
  // The last three address bytes make the MAC: distinct hosts of one subnet differ.
  for (std::size_t i = 0; i < 3 && v.size() >= 3; ++i) a.mac[3 + i] = v[v.size() - 3 + i];
  return a;
}

void LiveRecorder::write(Instant t, const Bytes& frame) {
  if (!writer_ || failed_) return;
  if (!writer_->write(t, frame)) {
    failed_ = true;
    return;
  }
  ++frames_;
}

void LiveRecorder::udp(Instant t, const WireAddress& from, const WireAddress& to, ByteView payload) {
  if (!writer_ || !sim::fits_ipv4(payload.size() + 8)) return;
  write(t, sim::udp_frame(node(from.ip), node(to.ip), next_ip_id(from.ip), from.port, to.port, payload));
}

void LiveRecorder::gre(Instant t, const net::IpAddress& from, const net::IpAddress& to, ByteView gre_packet) {
  if (!writer_ || !sim::fits_ipv4(gre_packet.size())) return;
  write(t, sim::gre_frame(node(from), node(to), next_ip_id(from), gre_packet));
}

void LiveRecorder::tcp_segment(Instant t, Tcp& c, int side, std::uint16_t flags, ByteView payload) {
  const WireAddress& src = side == 0 ? c.client : c.server;
  const WireAddress& dst = side == 0 ? c.server : c.client;
  const net::TcpHeader h = c.seq.next(side, src.port, dst.port, flags, payload.size());
  // What we record was delivered: the live kernel's TCP is reliable and in order.
  c.seq.delivered(side, h, payload.size());
  write(t, sim::tcp_frame(node(src.ip), node(dst.ip), next_ip_id(src.ip), h, payload));
}

void LiveRecorder::tcp_open(Instant t, ConnectionId id, const WireAddress& client, const WireAddress& server) {
  if (!writer_) return;
  Tcp c;
  c.client = client;
  c.server = server;
  // Fixed initial sequence numbers: the real ones are not visible from user space.
  c.seq = sim::TcpSequencer(0x10000000U + static_cast<std::uint32_t>(id) * 0x1000U, 0x20000000U);
  auto& conn = tcp_[id] = c;
  using namespace net::tcp_flag;
  tcp_segment(t, conn, 0, kSyn, {});
  tcp_segment(t, conn, 1, kSyn | kAck, {});
  tcp_segment(t, conn, 0, kAck, {});
}

void LiveRecorder::tcp_data(Instant t, ConnectionId id, bool from_client, ByteView data) {
  auto it = tcp_.find(id);
  if (!writer_ || it == tcp_.end() || it->second.closed) return;
  const int side = from_client ? 0 : 1;
  for (std::size_t off = 0; off < data.size(); off += sim::TcpSequencer::kMss) {
    const std::size_t n = std::min<std::size_t>(sim::TcpSequencer::kMss, data.size() - off);
    tcp_segment(t, it->second, side, net::tcp_flag::kAck | net::tcp_flag::kPsh, data.subspan(off, n));
  }
}

void LiveRecorder::tcp_close(Instant t, ConnectionId id, bool by_client) {
  auto it = tcp_.find(id);
  if (!writer_ || it == tcp_.end() || it->second.closed) return;
  it->second.closed = true;
  const int side = by_client ? 0 : 1;
  using namespace net::tcp_flag;
  tcp_segment(t, it->second, side, kFin | kAck, {});
  tcp_segment(t, it->second, 1 - side, kFin | kAck, {});
  tcp_segment(t, it->second, side, kAck, {});
}

bool LiveRecorder::close() {
  if (!writer_) return true;
  const bool ok = writer_->close() && !failed_;
  writer_.reset();
  return ok;
}

}  // namespace ts::live
