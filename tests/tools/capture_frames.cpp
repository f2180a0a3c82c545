#include "tests/tools/capture_frames.h"

namespace ts::testing {

Frames frames_of(const CaptureBuilder& capture, std::uint32_t snaplen) {
  const Bytes file = capture.bytes(snaplen);
  Frames f;
  auto le32 = [&](std::size_t at) {
    return std::uint32_t{file[at]} | std::uint32_t{file[at + 1]} << 8 | std::uint32_t{file[at + 2]} << 16 |
           std::uint32_t{file[at + 3]} << 24;
  };
  std::size_t off = 24;  // pcap file header, then 16-byte record headers
  while (off + 16 <= file.size()) {
    const std::uint32_t caplen = le32(off + 8);
    f.ts.push_back(instant_from_ns(std::int64_t{le32(off)} * 1000000000 + le32(off + 4)));
    f.original.push_back(le32(off + 12));
    f.data.emplace_back(file.begin() + static_cast<std::ptrdiff_t>(off + 16),
                        file.begin() + static_cast<std::ptrdiff_t>(off + 16 + caplen));
    off += 16 + caplen;
  }
  return f;
}

observe::Analysis analyze(const CaptureBuilder& capture, const observe::AnalyzerOptions& options) {
  observe::Analysis a;
  observe::Analyzer an(options, a);
  an.begin_input("memory", 1);
  const Frames fr = frames_of(capture);
  for (std::size_t i = 0; i < fr.data.size(); ++i)
    an.on_frame(i + 1, fr.ts[i], 1, fr.data[i], fr.original[i], nullptr);
  an.end_input("");
  return a;
}

observe::Analysis analyze(const sim::PcapTap& tap, const observe::AnalyzerOptions& options) {
  observe::Analysis a;
  observe::Analyzer an(options, a);
  an.begin_input("simulation", 1);
  std::uint64_t n = 0;
  for (const auto& f : tap.frames()) {
    ++n;
    an.on_frame(n, f.time, 1, f.data, static_cast<std::uint32_t>(f.data.size()), nullptr);
  }
  an.end_input("");
  return a;
}

std::vector<std::string> diagnostic_lines(const observe::Analysis& a, Severity min) {
  std::vector<std::string> out;
  auto add = [&out, min](const observe::DiagRecord& r) {
    if (r.diag.def->severity < min) return;
    out.push_back(std::string(r.diag.def->id) + ": " + r.diag.detail + " [" + r.connection + "]");
  };
  for (const auto& r : a.capture_diags) add(r);
  for (const auto& c : a.connections)
    for (const auto& r : c.diags) add(r);
  return out;
}

}  // namespace ts::testing
