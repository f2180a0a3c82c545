#pragma once
// The IPv4 packets of a recording (pcap or pcapng: what `conform --pcap-dir` wrote, or a
// capture of another implementation's conversation), for the capture harness's transport
// readers (recorded_conversation.h). Link types: Ethernet, raw IP (101) and IPv4 (228); other
// frames, non-IPv4 frames and IP fragments are skipped (our recordings hold none).
// An unreadable file is an error; a file cut short (truncated_message) keeps the packets
// before the cut, and the reader decides whether that is enough.
#include <string>
#include <vector>

#include "dissectors/net/ip_address.h"
#include "src/core/bytes.h"
#include "src/core/result.h"
#include "src/core/time.h"

namespace ts::conformance {

struct RecordedPacket {
  Instant time;
  net::IpAddress src, dst;
  std::uint8_t protocol = 0;  // IP protocol: 6 TCP, 17 UDP, 47 GRE
  Bytes payload;              // the IP payload (TCP segment, UDP datagram, GRE packet)
};

struct RecordedPackets {
  std::vector<RecordedPacket> packets;  // in capture order
  std::string truncated;                // why the file ended early; empty: it did not
};

Result<RecordedPackets> read_recorded_packets(const std::string& path);

}  // namespace ts::conformance
