// libFuzzer harness for the whole analysis pipeline: the input is a sequence of frames
// (2-byte length prefix each) on one link type (first byte), fed to one Analyzer with
// --packets, secrets and passwords on, so the observers' state across frames is fuzzed too.
#include <cstddef>
#include <cstdint>

#include "src/observe/analyzer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr std::uint32_t kLinkTypes[] = {1, 0, 9, 50, 51, 101, 113, 204, 228, 229, 276};
  if (size < 1) return 0;
  const std::uint32_t linktype = kLinkTypes[data[0] % std::size(kLinkTypes)];
  ts::observe::AnalyzerOptions opt;
  opt.packets = true;
  opt.l2tp_secrets = {"fuzz"};
  opt.ppp_credentials = {{"", "fuzz"}};
  ts::observe::Analysis a;
  ts::observe::Analyzer an(opt, a);
  an.begin_input("fuzz", linktype);
  ts::observe::PacketRecord pkt;
  std::size_t off = 1;
  std::uint64_t n = 0;
  while (off + 2 <= size && n < 256) {
    const std::size_t len = std::min<std::size_t>(size - off - 2, std::size_t{data[off]} << 8 | data[off + 1]);
    const ts::ByteView frame(data + off + 2, len);
    // Odd frames are presented as cut by a snaplen, so both truncation paths run.
    const auto original = static_cast<std::uint32_t>(len + (n % 2 ? 17 : 0));
    an.on_frame(++n, ts::instant_from_ns(static_cast<std::int64_t>(n) * 250000000), linktype, frame, original, &pkt);
    off += 2 + len;
  }
  an.end_input("");
  return 0;
}
