#pragma once
// PcapTap: records the Ethernet frames a simulation puts on its links, at simulated times, as
// a classic pcap (LINKTYPE_ETHERNET, nanosecond timestamps). Where the tap sits is the
// Simulator's TapPosition: at the sender (every transmitted frame, lost ones included, at
// the time it was sent) or at the receiver (every delivered copy, duplicates included, at the
// time it arrived). Frames are appended in event order, so timestamps never go backwards.
#include <cstdint>
#include <string>
#include <vector>

#include "src/core/bytes.h"
#include "src/core/result.h"
#include "src/core/time.h"

namespace ts::sim {

enum class TapPosition : std::uint8_t { sender, receiver };

struct TapFrame {
  Instant time{};
  Bytes data;  // the whole Ethernet frame
};

class PcapTap {
 public:
  static constexpr std::uint32_t kLinktypeEthernet = 1;
  explicit PcapTap(std::uint32_t snaplen = 262144) : snaplen_(snaplen) {}

  void record(Instant time, Bytes frame) { frames_.push_back(TapFrame{time, std::move(frame)}); }
  const std::vector<TapFrame>& frames() const { return frames_; }
  // The whole pcap file (header and records; frames longer than the snaplen are cut).
  Bytes bytes() const;
  // Writes bytes() to `path` through PcapFileWriter; the number of frames or the error.
  Result<std::size_t> write(const std::string& path) const;

 private:
  std::uint32_t snaplen_;
  std::vector<TapFrame> frames_;
};

}  // namespace ts::sim
