#include "tests/tools/capture_builder.h"

#include <cstdio>
#include <fstream>

#include "dissectors/net/tcp.h"
#include "src/runtime/capture/pcap_file_writer.h"

namespace ts::testing {

Host make_host(const char* ipv4, std::uint8_t mac_tail) {
  Host h;
  h.ip = *net::IpAddress::parse(ipv4);
  h.mac = {0x02, 0x00, 0x5e, 0x00, 0x00, mac_tail};  // locally administered
  return h;
}

void CaptureBuilder::raw(ByteView frame, std::uint32_t original_length) {
  frames_.push_back(Frame{now_, Bytes(frame.begin(), frame.end()), original_length});
}

void CaptureBuilder::ipv4(const Host& src, const Host& dst, std::uint8_t protocol, ByteView payload) {
  raw(sim::ipv4_frame(src, dst, ip_id_++, protocol, payload));
}

void CaptureBuilder::udp(const Host& src, const Host& dst, std::uint16_t sport, std::uint16_t dport,
                         ByteView payload) {
  raw(sim::udp_frame(src, dst, ip_id_++, sport, dport, payload));
}

void CaptureBuilder::gre(const Host& src, const Host& dst, ByteView gre_packet) {
  raw(sim::gre_frame(src, dst, ip_id_++, gre_packet));
}

CaptureBuilder::Tcp::Tcp(CaptureBuilder& b, Host client, Host server, std::uint16_t cport, std::uint16_t sport)
    : b_(b), host_{client, server}, port_{cport, sport}, seq_{1000000, 2000000} {
  emit(true, seq_[0]++, net::tcp_flag::kSyn, {});
  b_.advance_ms(0.2);
  emit(false, seq_[1]++, net::tcp_flag::kSyn | net::tcp_flag::kAck, {});
  b_.advance_ms(0.2);
  emit(true, seq_[0], net::tcp_flag::kAck, {});
}

void CaptureBuilder::Tcp::emit(bool from_client, std::uint32_t seq, std::uint16_t flags, ByteView payload) {
  const int s = from_client ? 0 : 1;
  net::TcpHeader t;
  t.src_port = port_[s];
  t.dst_port = port_[1 - s];
  t.seq = seq;
  t.ack = (flags & net::tcp_flag::kAck) ? seq_[1 - s] : 0;
  t.flags = flags;
  t.window = 65535;
  b_.raw(sim::tcp_frame(host_[s], host_[1 - s], b_.ip_id_++, t, payload));
}

void CaptureBuilder::Tcp::send(bool from_client, ByteView payload, std::size_t max_segment) {
  const int s = from_client ? 0 : 1;
  for (std::size_t off = 0; off < payload.size(); off += max_segment) {
    const ByteView part = payload.subspan(off, std::min(max_segment, payload.size() - off));
    emit(from_client, seq_[s], net::tcp_flag::kAck | net::tcp_flag::kPsh, part);
    seq_[s] += static_cast<std::uint32_t>(part.size());
    b_.advance_ms(0.05);
  }
}

void CaptureBuilder::Tcp::segment_at(bool from_client, std::uint32_t seq, ByteView payload) {
  emit(from_client, seq, net::tcp_flag::kAck | net::tcp_flag::kPsh, payload);
}

void CaptureBuilder::Tcp::close(bool from_client) {
  const int s = from_client ? 0 : 1;
  emit(from_client, seq_[s]++, net::tcp_flag::kFin | net::tcp_flag::kAck, {});
  b_.advance_ms(0.2);
  emit(!from_client, seq_[1 - s]++, net::tcp_flag::kFin | net::tcp_flag::kAck, {});
  b_.advance_ms(0.2);
  emit(from_client, seq_[s], net::tcp_flag::kAck, {});
}

CaptureBuilder::Tcp CaptureBuilder::tcp(const Host& client, const Host& server, std::uint16_t client_port,
                                        std::uint16_t server_port) {
  return Tcp(*this, client, server, client_port, server_port);
}

Bytes CaptureBuilder::bytes(std::uint32_t snaplen) const {
  Bytes out = capture::pcap_file_header(1, snaplen);
  for (const auto& f : frames_) {
    const std::uint32_t orig = f.original_length ? f.original_length : static_cast<std::uint32_t>(f.data.size());
    const std::size_t cut = std::min<std::size_t>(f.data.size(), snaplen);
    const Bytes rec = capture::pcap_record(f.ts, ByteView(f.data).first(cut), orig);
    out.insert(out.end(), rec.begin(), rec.end());
  }
  return out;
}

bool CaptureBuilder::write(const std::string& path, std::uint32_t snaplen) const {
  const Bytes b = bytes(snaplen);
  std::ofstream o(path, std::ios::binary);
  o.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  if (!o) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

}  // namespace ts::testing
