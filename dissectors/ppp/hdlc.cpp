#include "dissectors/ppp/hdlc.h"

#include <array>

#include <fmt/format.h>

#include "dissectors/ppp/ppp_diagnostics.h"
#include "src/core/byte_writer.h"

namespace ts::ppp {
namespace {

// Reflected CRC tables (RFC 1662 §C.2 polynomial 0x8408, §C.3 polynomial 0xEDB88320).
template <typename T, T Poly>
constexpr std::array<T, 256> make_table() {
  std::array<T, 256> t{};
  for (unsigned b = 0; b < 256; ++b) {
    T v = static_cast<T>(b);
    for (int i = 0; i < 8; ++i) v = static_cast<T>((v & 1) ? (v >> 1) ^ Poly : v >> 1);
    t[b] = v;
  }
  return t;
}
constexpr auto kTable16 = make_table<std::uint16_t, 0x8408>();
constexpr auto kTable32 = make_table<std::uint32_t, 0xEDB88320u>();

}  // namespace

std::uint16_t fcs16(std::uint16_t fcs, ByteView data) {
  for (auto b : data) fcs = static_cast<std::uint16_t>((fcs >> 8) ^ kTable16[(fcs ^ b) & 0xff]);
  return fcs;
}

std::uint32_t fcs32(std::uint32_t fcs, ByteView data) {
  for (auto b : data) fcs = (fcs >> 8) ^ kTable32[(fcs ^ b) & 0xff];
  return fcs;
}

std::uint16_t fcs16_of(ByteView data) { return static_cast<std::uint16_t>(~fcs16(kFcs16Init, data)); }
std::uint32_t fcs32_of(ByteView data) { return ~fcs32(kFcs32Init, data); }

Bytes hdlc_encode(ByteView frame, std::uint32_t accm) {
  const std::uint16_t fcs = fcs16_of(frame);
  ByteWriter w(frame.size() * 2 + 6);
  auto put = [&](std::uint8_t b) {
    // RFC 1662 §4.2: Flag, Control Escape and ACCM-mapped characters are escaped.
    const bool mapped = b < 0x20 && ((accm >> b) & 1) != 0;
    if (b == kHdlcFlag || b == kHdlcEscape || mapped) w.u8(kHdlcEscape).u8(b ^ 0x20);
    else w.u8(b);
  };
  w.u8(kHdlcFlag);
  for (auto b : frame) put(b);
  put(static_cast<std::uint8_t>(fcs & 0xff));  // RFC 1662 §C.2: least significant octet first
  put(static_cast<std::uint8_t>(fcs >> 8));
  w.u8(kHdlcFlag);
  return w.take();
}

void AsyncHdlcDeframer::reset() {
  buf_.clear();
  escape_ = false;
  oversize_ = false;
}

void AsyncHdlcDeframer::close_frame(std::vector<HdlcFrame>& out, bool aborted) {
  if (buf_.empty() && !aborted && !oversize_) return;  // inter-frame fill of flags
  HdlcFrame f;
  f.aborted = aborted;
  f.oversize = oversize_;
  if (aborted) {
    add_diag(f.diags, diag::kHdlcAborted, fmt::format("{} octets discarded", buf_.size()));
    f.data = std::move(buf_);
  } else if (oversize_) {
    add_diag(f.diags, diag::kHdlcOversize, fmt::format("more than {} octets", max_frame_));
    f.data = std::move(buf_);
  } else if (buf_.size() < 4) {
    // RFC 1662 §4.3: frames shorter than 4 octets (16-bit FCS) are silently discarded.
    add_diag(f.diags, diag::kHdlcShortFrame, fmt::format("{} octets", buf_.size()));
    f.data = std::move(buf_);
  } else {
    f.fcs_ok = fcs16(kFcs16Init, buf_) == kFcs16Good;
    if (!f.fcs_ok) add_diag(f.diags, diag::kHdlcBadFcs);
    buf_.resize(buf_.size() - 2);
    f.data = std::move(buf_);
  }
  out.push_back(std::move(f));
  reset();
}

std::vector<HdlcFrame> AsyncHdlcDeframer::feed(ByteView bytes) {
  std::vector<HdlcFrame> out;
  for (auto b : bytes) {
    if (b == kHdlcFlag) {
      close_frame(out, escape_);
      continue;
    }
    if (b == kHdlcEscape) {
      escape_ = true;
      continue;
    }
    const std::uint8_t v = escape_ ? static_cast<std::uint8_t>(b ^ 0x20) : b;
    escape_ = false;
    if (buf_.size() >= max_frame_) {
      oversize_ = true;  // keep the head, drop the rest until the closing flag
      continue;
    }
    buf_.push_back(v);
  }
  return out;
}

}  // namespace ts::ppp
