#include "conformance/capture/recorded_packets.h"

#include <optional>

#include "dissectors/net/ethernet.h"
#include "dissectors/net/ipv4.h"
#include "src/runtime/capture/capture_file_reader.h"

namespace ts::conformance {

namespace {

constexpr std::uint32_t kLinktypeEthernet = 1;
constexpr std::uint32_t kLinktypeRaw = 101;
constexpr std::uint32_t kLinktypeIpv4 = 228;
constexpr std::uint16_t kEthertypeIpv4 = 0x0800;

// The IPv4 packet in a frame of the link types our recordings and common captures use.
std::optional<ByteView> ipv4_of(const capture::CaptureFrame& f) {
  if (f.linktype == kLinktypeRaw || f.linktype == kLinktypeIpv4) return f.data;
  if (f.linktype != kLinktypeEthernet) return std::nullopt;
  const auto eth = net::decode_ethernet(f.data);
  if (!eth.complete || eth.value.is_length || eth.value.ethertype != kEthertypeIpv4) return std::nullopt;
  return eth.value.payload;
}

}  // namespace

Result<RecordedPackets> read_recorded_packets(const std::string& path) {
  auto source = capture::open_capture(path);
  if (!source.ok()) return Error{source.error()};
  RecordedPackets out;
  capture::CaptureFrame f;
  while (source.value()->next(f)) {
    const auto ip = ipv4_of(f);
    if (!ip) continue;
    const auto v4 = net::decode_ipv4(*ip);
    if (!v4.complete || v4.value.is_fragment()) continue;
    out.packets.push_back(RecordedPacket{f.timestamp, v4.value.src, v4.value.dst, v4.value.protocol,
                                         Bytes(v4.value.payload.begin(), v4.value.payload.end())});
  }
  out.truncated = source.value()->truncated_message();
  return out;
}

}  // namespace ts::conformance
