#pragma once
// LiveRecorder: writes what a live run sent and received as a classic pcap (Ethernet,
// nanosecond timestamps), with Ethernet / IPv4 / UDP, TCP or GRE headers built by the
// project's encoders (src/runtime/sim/wire_frame.h), so `tunnelscope analyze` reads it like
// any capture. The kernel's real headers are not visible to a user-space socket, so they are
// reconstructed: MAC addresses are derived from the IPv4 addresses (02:00:5e:<ip bytes>),
// IP identifications count up per sender, and each TCP connection gets a synthetic
// handshake, data segments with consistent sequence / acknowledgement numbers (TcpSequencer)
// and a FIN when it ends. Frames are written at once (the file is complete after a crash up
// to the last frame). Without a path, every call is a no-op.
//
// Errors: open() reports a file that cannot be created; a later write failure stops the
// recording and is reported by failed().
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "dissectors/net/ip_address.h"
#include "src/core/bytes.h"
#include "src/core/result.h"
#include "src/core/time.h"
#include "src/runtime/capture/pcap_file_writer.h"
#include "src/runtime/sim/tcp_sequencer.h"
#include "src/runtime/sim/wire_frame.h"

namespace ts::live {

// One transport endpoint as seen on the wire.
struct WireAddress {
  net::IpAddress ip;
  std::uint16_t port = 0;  // 0 for GRE
};

class LiveRecorder {
 public:
  using ConnectionId = std::uint64_t;

  LiveRecorder() = default;
  // Creates (truncates) `path`; the error names the file and the reason.
  Result<bool> open(const std::string& path);
  bool active() const { return writer_ != nullptr; }
  bool failed() const { return failed_; }
  std::size_t frames() const { return frames_; }

  void udp(Instant t, const WireAddress& from, const WireAddress& to, ByteView payload);
  // `gre_packet` is the GRE header and payload (without the IPv4 header).
  void gre(Instant t, const net::IpAddress& from, const net::IpAddress& to, ByteView gre_packet);

  // A TCP connection from `client` to `server` became established: SYN, SYN-ACK, ACK.
  void tcp_open(Instant t, ConnectionId id, const WireAddress& client, const WireAddress& server);
  // Data sent by the client side (from_client) or the server side, as one or more segments.
  void tcp_data(Instant t, ConnectionId id, bool from_client, ByteView data);
  // The connection ended (a FIN from the side that closed, and the other side's FIN-ACK).
  void tcp_close(Instant t, ConnectionId id, bool by_client);

  bool close();

 private:
  struct Tcp {
    WireAddress client, server;
    sim::TcpSequencer seq{0, 0};
    bool closed = false;
  };
  sim::NodeAddress node(const net::IpAddress& ip) const;
  std::uint16_t next_ip_id(const net::IpAddress& ip) { return ++ip_ids_[ip]; }
  void tcp_segment(Instant t, Tcp& c, int side, std::uint16_t flags, ByteView payload);
  void write(Instant t, const Bytes& frame);

  std::unique_ptr<capture::PcapFileWriter> writer_;
  bool failed_ = false;
  std::size_t frames_ = 0;
  std::map<net::IpAddress, std::uint16_t> ip_ids_;
  std::map<ConnectionId, Tcp> tcp_;
};

}  // namespace ts::live
