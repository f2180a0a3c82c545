#include "src/runtime/sim/pcap_tap.h"

#include <algorithm>

#include "src/runtime/capture/pcap_file_writer.h"

namespace ts::sim {

Bytes PcapTap::bytes() const {
  Bytes out = capture::pcap_file_header(kLinktypeEthernet, snaplen_);
  for (const auto& f : frames_) {
    const std::size_t cut = std::min<std::size_t>(f.data.size(), snaplen_);
    const Bytes rec =
        capture::pcap_record(f.time, ByteView(f.data).first(cut), static_cast<std::uint32_t>(f.data.size()));
    out.insert(out.end(), rec.begin(), rec.end());
  }
  return out;
}

Result<std::size_t> PcapTap::write(const std::string& path) const {
  auto writer = capture::PcapFileWriter::open(path, kLinktypeEthernet, snaplen_);
  if (!writer) return Error{writer.error()};
  for (const auto& f : frames_) {
    const std::size_t cut = std::min<std::size_t>(f.data.size(), snaplen_);
    if (!(*writer)->write(f.time, ByteView(f.data).first(cut), static_cast<std::uint32_t>(f.data.size())))
      return Error{"cannot write " + path};
  }
  if (!(*writer)->close()) return Error{"cannot close " + path};
  return frames_.size();
}

}  // namespace ts::sim
