#include "src/runtime/capture/pcap_file_writer.h"

#include <cerrno>
#include <cstring>

#include "src/core/byte_writer.h"

namespace ts::capture {

namespace {
// Nanosecond-resolution pcap magic, written little-endian like most writers.
constexpr std::uint32_t kMagicNano = 0xa1b23c4d;
}  // namespace

Bytes pcap_file_header(std::uint32_t linktype, std::uint32_t snaplen) {
  ByteWriter w(24);
  w.le32(kMagicNano).le16(2).le16(4).le32(0).le32(0).le32(snaplen).le32(linktype);
  return w.take();
}

Bytes pcap_record(Instant ts, ByteView data, std::uint32_t original_length) {
  const std::int64_t ns = to_ns(ts);
  ByteWriter w(16 + data.size());
  w.le32(static_cast<std::uint32_t>(ns / 1000000000)).le32(static_cast<std::uint32_t>(ns % 1000000000));
  w.le32(static_cast<std::uint32_t>(data.size()));
  w.le32(original_length ? original_length : static_cast<std::uint32_t>(data.size()));
  w.bytes(data);
  return w.take();
}

Result<std::unique_ptr<PcapFileWriter>> PcapFileWriter::open(const std::string& path, std::uint32_t linktype,
                                                             std::uint32_t snaplen) {
  std::unique_ptr<PcapFileWriter> w(new PcapFileWriter());
  w->file_ = std::fopen(path.c_str(), "wb");
  if (!w->file_) return Error{path + ": " + std::strerror(errno)};
  const Bytes h = pcap_file_header(linktype, snaplen);
  if (std::fwrite(h.data(), 1, h.size(), w->file_) != h.size()) return Error{path + ": write failed"};
  return w;
}

PcapFileWriter::~PcapFileWriter() { close(); }

bool PcapFileWriter::write(Instant ts, ByteView data, std::uint32_t original_length) {
  if (!file_) return false;
  const Bytes r = pcap_record(ts, data, original_length);
  if (std::fwrite(r.data(), 1, r.size(), file_) != r.size()) failed_ = true;
  return !failed_;
}

bool PcapFileWriter::close() {
  if (!file_) return !failed_;
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  return !failed_;
}

}  // namespace ts::capture
