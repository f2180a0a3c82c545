#include "dissectors/ppp/mppe_header.h"

#include <fmt/format.h>

#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"

namespace ts::ppp {

Decoded<MppeHeader> decode_mppe_header(ByteView info) {
  Decoded<MppeHeader> out;
  ByteReader r(info);
  const std::uint16_t v = r.be16("mppe_header");
  if (!r.ok()) {
    out.complete = false;
    out.truncated_field = r.truncation();
    return out;
  }
  MppeHeader& h = out.value;
  h.flushed = (v & 0x8000) != 0;
  h.at_front = (v & 0x4000) != 0;
  h.compressed = (v & 0x2000) != 0;
  h.encrypted = (v & 0x1000) != 0;
  h.coherency_count = v & 0x0FFF;
  h.data = r.rest();
  return out;
}

Bytes encode_mppe_header(const MppeHeader& h) {
  ByteWriter w(h.data.size() + 2);
  const std::uint16_t v = static_cast<std::uint16_t>((h.flushed ? 0x8000 : 0) | (h.at_front ? 0x4000 : 0) |
                                                     (h.compressed ? 0x2000 : 0) | (h.encrypted ? 0x1000 : 0) |
                                                     (h.coherency_count & 0x0FFF));
  w.be16(v).bytes(h.data);
  return w.take();
}

std::string summarize(const MppeHeader& h) {
  std::string s = fmt::format("MPPE cc={}", h.coherency_count);
  if (h.flushed) s += " flushed";
  if (h.at_front) s += " at-front";
  if (h.compressed) s += " compressed";
  if (h.encrypted) s += " encrypted";
  return s + fmt::format(" {} bytes", h.data.size());
}

void describe(const MppeHeader& h, Field& layer) {
  layer.add_bool("flushed", h.flushed);
  layer.add_bool("at_front", h.at_front);
  layer.add_bool("compressed", h.compressed);
  layer.add_bool("encrypted", h.encrypted);
  layer.add_num("coherency_count", h.coherency_count);
  layer.add_num("data_length", h.data.size());
}

}  // namespace ts::ppp
