#include "src/runtime/capture/rotating_pcap_writer.h"

namespace ts::capture {

namespace {
constexpr std::uint64_t kFileHeaderBytes = 24;    // classic pcap file header
constexpr std::uint64_t kRecordHeaderBytes = 16;  // per record
}  // namespace

Result<std::unique_ptr<RotatingPcapWriter>> RotatingPcapWriter::open(const std::string& path,
                                                                     std::uint32_t linktype,
                                                                     std::uint32_t snaplen, RotationLimit limit) {
  std::unique_ptr<RotatingPcapWriter> w(new RotatingPcapWriter(path, linktype, snaplen, limit));
  if (!w->start(path)) return Error{w->error_};
  return w;
}

bool RotatingPcapWriter::start(const std::string& name) {
  if (file_ && !file_->close()) {
    error_ = "writing the capture file before " + name + " failed";
    return false;
  }
  auto f = PcapFileWriter::open(name, linktype_, snaplen_);
  if (!f) {
    error_ = f.error();
    return false;
  }
  file_ = std::move(f.value());
  policy_.started(kFileHeaderBytes);
  return true;
}

bool RotatingPcapWriter::write(const CaptureFrame& f) {
  if (!file_) return false;
  const std::uint64_t bytes = kRecordHeaderBytes + f.data.size();
  if (policy_.rotate_before(bytes, f.timestamp) && !start(path_ + "." + std::to_string(++index_))) return false;
  if (!file_->write(f.timestamp, f.data, f.original_length)) {
    error_ = "writing " + (index_ ? path_ + "." + std::to_string(index_) : path_) + " failed";
    return false;
  }
  policy_.wrote(bytes, f.timestamp);
  return true;
}

bool RotatingPcapWriter::close() {
  if (!file_) return error_.empty();
  const bool ok = file_->close();
  file_.reset();
  return ok && error_.empty();
}

}  // namespace ts::capture
