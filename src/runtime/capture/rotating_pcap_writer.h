#pragma once
// RotatingPcapWriter: `sniff -w FILE [--rotate LIMIT]`: raw frames into classic pcap files
// (PcapFileWriter), FILE first, then FILE.1, FILE.2, ... each time the RotationPolicy says
// so. Without a limit there is only FILE. A write or open failure makes write() return
// false with error() set; the caller stops and reports it (an environment error).
#include <memory>
#include <string>

#include "src/runtime/capture/capture_frame.h"
#include "src/runtime/capture/pcap_file_writer.h"
#include "src/runtime/capture/rotation_policy.h"

namespace ts::capture {

class RotatingPcapWriter {
 public:
  static Result<std::unique_ptr<RotatingPcapWriter>> open(const std::string& path, std::uint32_t linktype,
                                                          std::uint32_t snaplen, RotationLimit limit);
  bool write(const CaptureFrame& f);
  bool close();
  const std::string& error() const { return error_; }
  std::uint64_t files() const { return index_ + 1; }

 private:
  RotatingPcapWriter(std::string path, std::uint32_t linktype, std::uint32_t snaplen, RotationLimit limit)
      : path_(std::move(path)), linktype_(linktype), snaplen_(snaplen), policy_(limit) {}
  bool start(const std::string& name);

  std::string path_;
  std::uint32_t linktype_, snaplen_;
  RotationPolicy policy_;
  std::unique_ptr<PcapFileWriter> file_;
  std::uint64_t index_ = 0;
  std::string error_;
};

}  // namespace ts::capture
