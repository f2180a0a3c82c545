#pragma once
// PcapFileReader: reads pcap and pcapng files (or standard input, "-") through libpcap.
//
// The file is read through a 1 MiB stdio buffer instead of libpcap's default small reads.
// open() fails with a message for a missing, unreadable or non-capture file. A file that
// ends in the middle of a record is not an open() error: next() returns false and
// truncated_message() says what libpcap reported, so callers can report it as a capture
// artefact after analysing everything before it.
#include <cstdio>
#include <memory>
#include <string>

#include "src/core/result.h"
#include "src/runtime/capture/capture_file_reader.h"
#include "src/runtime/capture/capture_frame.h"

struct pcap;

namespace ts::capture {

// The libpcap-based reader, used for capture formats CaptureFileReader does not know.
class PcapFileReader : public CaptureSource {
 public:
  static Result<std::unique_ptr<PcapFileReader>> open(const std::string& path);
  ~PcapFileReader() override;
  PcapFileReader(const PcapFileReader&) = delete;
  PcapFileReader& operator=(const PcapFileReader&) = delete;

  // Fills `out` with the next frame; false at the end of the file or on a read error.
  bool next(CaptureFrame& out) override;
  std::uint32_t linktype() const override { return linktype_; }
  std::uint32_t snaplen() const { return snaplen_; }
  // Empty after a clean end of file; libpcap's message after a cut-off file.
  const std::string& truncated_message() const override { return truncated_; }
  const std::string& path() const override { return path_; }

 private:
  PcapFileReader() = default;
  pcap* handle_ = nullptr;
  std::FILE* file_ = nullptr;
  std::unique_ptr<char[]> buffer_;
  std::uint32_t linktype_ = 0;
  std::uint32_t snaplen_ = 0;
  std::uint64_t count_ = 0;
  std::string path_;
  std::string truncated_;
};

}  // namespace ts::capture
