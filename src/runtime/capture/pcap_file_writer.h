#pragma once
// PcapFileWriter: writes classic pcap files (nanosecond magic) without libpcap, so tools
// that generate captures need no capture device. Throws nothing; open() reports errors.
#include <cstdio>
#include <memory>
#include <string>

#include "src/core/bytes.h"
#include "src/core/result.h"
#include "src/core/time.h"

namespace ts::capture {

class PcapFileWriter {
 public:
  static Result<std::unique_ptr<PcapFileWriter>> open(const std::string& path, std::uint32_t linktype,
                                                      std::uint32_t snaplen = 262144);
  ~PcapFileWriter();
  PcapFileWriter(const PcapFileWriter&) = delete;
  PcapFileWriter& operator=(const PcapFileWriter&) = delete;

  // Writes one record. original_length 0 means "same as data.size()" (no snaplen cut).
  bool write(Instant ts, ByteView data, std::uint32_t original_length = 0);
  bool close();

 private:
  PcapFileWriter() = default;
  std::FILE* file_ = nullptr;
  bool failed_ = false;
};

// The bytes of a pcap file header and record, for writers that keep files in memory.
Bytes pcap_file_header(std::uint32_t linktype, std::uint32_t snaplen);
Bytes pcap_record(Instant ts, ByteView data, std::uint32_t original_length);

}  // namespace ts::capture
