// libFuzzer harness for the pcap/pcapng reader: the input is a whole capture file.
#include <cstdio>

#include "src/runtime/capture/capture_file_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::FILE* f = fmemopen(const_cast<std::uint8_t*>(data), size, "rb");
  if (!f) return 0;
  auto r = ts::capture::CaptureFileReader::open("fuzz", f);  // owns f from here on
  if (!r.ok() || !r.value()) return 0;
  ts::capture::CaptureFrame frame;
  for (int i = 0; i < 10000 && r.value()->next(frame); ++i) {
    volatile std::uint8_t sink = frame.data.empty() ? 0 : frame.data[frame.data.size() - 1];
    (void)sink;
  }
  return 0;
}
