#pragma once
// CaptureFileReader: reads classic pcap (microsecond and nanosecond, either byte order) and
// pcapng (several sections and interfaces, each with its own link type, snapshot length and
// timestamp resolution; Enhanced, Simple and obsolete Packet Blocks) from a file or standard
// input ("-"), through a 1 MiB buffer.
//
// Why not libpcap for files: libpcap 1.10 refuses pcapng files whose interfaces differ (link
// type or snapshot length), which Wireshark writes routinely, and reads in small chunks.
// Files in another format libpcap knows are still handed to it (PcapFileReader).
//
// open() fails with a message for a missing or unreadable file and for a file that is no
// capture at all. A file that ends inside a record, or a malformed block, is not an open()
// error: next() returns false and truncated_message() says what happened, so the caller can
// report it after analysing everything before it.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "src/core/result.h"
#include "src/runtime/capture/capture_frame.h"

namespace ts::capture {

class CaptureSource {
 public:
  virtual ~CaptureSource() = default;
  virtual bool next(CaptureFrame& out) = 0;
  // Link type of the first interface (for the input summary).
  virtual std::uint32_t linktype() const = 0;
  virtual const std::string& truncated_message() const = 0;
  virtual const std::string& path() const = 0;
};

// Opens `path` with the native reader, or libpcap for formats the native reader does not know.
Result<std::unique_ptr<CaptureSource>> open_capture(const std::string& path);

class CaptureFileReader : public CaptureSource {
 public:
  // Takes ownership of `f` in every case: the reader closes it when destroyed, and open()
  // closes it itself when it fails or the file is not pcap/pcapng (standard input is never
  // closed). A null result without error: not pcap/pcapng, try another reader by path.
  static Result<std::unique_ptr<CaptureFileReader>> open(const std::string& path, std::FILE* f);

  bool next(CaptureFrame& out) override;
  std::uint32_t linktype() const override { return first_linktype_; }
  const std::string& truncated_message() const override { return truncated_; }
  const std::string& path() const override { return path_; }
  ~CaptureFileReader() override;

 private:
  struct Interface {
    std::uint32_t linktype = 0;
    std::uint32_t snaplen = 0;
    std::uint64_t ticks_per_second = 1000000;  // if_tsresol, default microseconds
    std::int64_t offset_seconds = 0;           // if_tsoffset
  };
  CaptureFileReader() = default;
  // Makes at least n bytes available at pos_; false at the end of the file.
  bool fill(std::size_t n);
  bool next_pcap(CaptureFrame& out);
  bool next_pcapng(CaptureFrame& out);
  bool read_section_header(std::size_t block_len);
  void read_interface(const std::uint8_t* body, std::size_t len);
  // Fields in the file's byte order (inline: four of them per record).
  std::uint16_t u16(const std::uint8_t* p) const {
    return swapped_ ? static_cast<std::uint16_t>(p[0] << 8 | p[1]) : static_cast<std::uint16_t>(p[1] << 8 | p[0]);
  }
  std::uint32_t u32(const std::uint8_t* p) const {
    return swapped_ ? std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3]
                    : std::uint32_t{p[3]} << 24 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[1]} << 8 | p[0];
  }
  bool fail(std::string message);

  std::FILE* file_ = nullptr;
  std::string path_;
  std::vector<std::uint8_t> buf_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  bool pcapng_ = false;
  bool swapped_ = false;  // file byte order differs from little-endian
  bool nanosecond_ = false;
  std::uint32_t snaplen_ = 0;
  std::uint32_t first_linktype_ = 0;
  std::vector<Interface> interfaces_;
  std::uint64_t count_ = 0;
  std::string truncated_;
};

}  // namespace ts::capture
