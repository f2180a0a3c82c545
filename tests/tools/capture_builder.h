#pragma once
// CaptureBuilder: builds pcap files frame by frame with the simulator's wire frames
// (Ethernet, IPv4, UDP, TCP with a real handshake and sequence numbers, GRE), for the
// captures the project commits and for tests. Deterministic: same calls, same bytes.
#include <string>
#include <vector>

#include "src/core/bytes.h"
#include "src/core/time.h"
#include "src/runtime/sim/wire_frame.h"

namespace ts::testing {

// A node's link and network addresses: the simulator's, so both build frames alike.
using Host = sim::NodeAddress;

// Host with a MAC derived from the last octet of its address.
Host make_host(const char* ipv4, std::uint8_t mac_tail);

class CaptureBuilder {
 public:
  explicit CaptureBuilder(Instant start) : now_(start) {}

  void advance(Duration d) { now_ += d; }
  void advance_ms(double ms) { now_ += Duration(static_cast<std::int64_t>(ms * 1e6)); }
  Instant now() const { return now_; }

  void udp(const Host& src, const Host& dst, std::uint16_t sport, std::uint16_t dport, ByteView payload);
  void gre(const Host& src, const Host& dst, ByteView gre_packet);
  // An IPv4 packet with any protocol inside Ethernet.
  void ipv4(const Host& src, const Host& dst, std::uint8_t protocol, ByteView payload);
  void raw(ByteView frame, std::uint32_t original_length = 0);

  // A TCP connection: handshake on construction, then segments either way.
  class Tcp {
   public:
    // Sends `payload` from the client (true) or server; `max_segment` splits it.
    void send(bool from_client, ByteView payload, std::size_t max_segment = 1460);
    void close(bool from_client);  // FIN + ACK from the other side
    std::uint32_t next_seq(bool from_client) const { return seq_[from_client ? 0 : 1]; }
    // A segment with explicit sequence number (retransmissions, out of order).
    void segment_at(bool from_client, std::uint32_t seq, ByteView payload);

   private:
    friend class CaptureBuilder;
    Tcp(CaptureBuilder& b, Host client, Host server, std::uint16_t cport, std::uint16_t sport);
    void emit(bool from_client, std::uint32_t seq, std::uint16_t flags, ByteView payload);
    CaptureBuilder& b_;
    Host host_[2];
    std::uint16_t port_[2];
    std::uint32_t seq_[2];
  };
  Tcp tcp(const Host& client, const Host& server, std::uint16_t client_port, std::uint16_t server_port);

  std::size_t frames() const { return frames_.size(); }
  // Writes an Ethernet pcap; false (with a message on stderr) when the file cannot be written.
  bool write(const std::string& path, std::uint32_t snaplen = 262144) const;
  // The whole file as bytes (what write() would write).
  Bytes bytes(std::uint32_t snaplen = 262144) const;

 private:
  struct Frame {
    Instant ts;
    Bytes data;
    std::uint32_t original_length;
  };
  Instant now_;
  std::uint16_t ip_id_ = 1;
  std::vector<Frame> frames_;
};

}  // namespace ts::testing
