#include "src/runtime/capture/capture_file_reader.h"

#include <cerrno>
#include <cstring>

#include "src/runtime/capture/pcap_file_reader.h"

namespace ts::capture {

namespace {
constexpr std::size_t kChunk = 1 << 20;
constexpr std::size_t kMaxRecord = 256u << 20;  // larger records are malformed, not data
constexpr std::uint32_t kShb = 0x0A0D0D0A, kIdb = 1, kPb = 2, kSpb = 3, kEpb = 6;
}  // namespace

Result<std::unique_ptr<CaptureSource>> open_capture(const std::string& path) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) return Error{path + ": " + std::strerror(errno)};
  // The reader keeps its own 1 MiB buffer (kChunk): stdio's 4 KiB one would only add a
  // copy and a small read(2) before each large one.
  std::setvbuf(f, nullptr, _IONBF, 0);
  auto native = CaptureFileReader::open(path, f);
  if (!native) return Error{native.error()};
  if (native.value()) return std::unique_ptr<CaptureSource>(std::move(native.value()));
  // Not pcap/pcapng: another format libpcap may know (standard input cannot be re-read).
  if (path == "-") return Error{"-: standard input is not a pcap or pcapng capture"};
  auto legacy = PcapFileReader::open(path);
  if (!legacy) return Error{legacy.error()};
  return std::unique_ptr<CaptureSource>(std::move(legacy.value()));
}

Result<std::unique_ptr<CaptureFileReader>> CaptureFileReader::open(const std::string& path, std::FILE* f) {
  std::unique_ptr<CaptureFileReader> r(new CaptureFileReader());
  r->file_ = f;
  r->path_ = path;
  r->buf_.resize(kChunk);
  if (!r->fill(4)) {
    if (std::ferror(f)) return Error{path + ": read error: " + std::strerror(errno)};
    return Error{path + ": empty or too short to be a capture file"};
  }
  const std::uint8_t* p = r->buf_.data();
  const std::uint32_t magic_le = std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
                                 std::uint32_t{p[3]} << 24;
  switch (magic_le) {
    case 0xa1b2c3d4: break;
    case 0xd4c3b2a1: r->swapped_ = true; break;
    case 0xa1b23c4d: r->nanosecond_ = true; break;
    case 0x4d3cb2a1: r->swapped_ = r->nanosecond_ = true; break;
    case kShb: r->pcapng_ = true; break;
    default:
      if (f != stdin) std::fclose(f);
      r->file_ = nullptr;
      return std::unique_ptr<CaptureFileReader>();  // not ours
  }
  if (r->pcapng_) {
    if (!r->fill(12) || !r->read_section_header(0)) return Error{path + ": malformed pcapng section header"};
  } else {
    if (!r->fill(24)) return Error{path + ": pcap file header cut short"};
    r->snaplen_ = r->u32(p + 16);
    r->first_linktype_ = r->u32(r->buf_.data() + 20) & 0x0fffffff;  // upper bits: FCS info
    r->pos_ = 24;
  }
  return r;
}

CaptureFileReader::~CaptureFileReader() {
  if (file_ && file_ != stdin) std::fclose(file_);
}

bool CaptureFileReader::fill(std::size_t n) {
  if (end_ - pos_ >= n) return true;
  if (pos_ > 0) {  // keep the unread tail at the front
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (n > buf_.size()) buf_.resize(n + kChunk);
  while (end_ < n && !eof_) {
    const std::size_t got = std::fread(buf_.data() + end_, 1, buf_.size() - end_, file_);
    end_ += got;
    if (got == 0) eof_ = true;
  }
  return end_ - pos_ >= n;
}

bool CaptureFileReader::fail(std::string message) {
  truncated_ = std::move(message);
  pos_ = end_;
  eof_ = true;
  return false;
}

bool CaptureFileReader::next(CaptureFrame& out) {
  if (!file_ || !truncated_.empty()) return false;
  return pcapng_ ? next_pcapng(out) : next_pcap(out);
}

bool CaptureFileReader::next_pcap(CaptureFrame& out) {
  if (!fill(16)) {
    if (end_ > pos_) return fail("the file ends inside a record header");
    return false;
  }
  const std::uint8_t* h = buf_.data() + pos_;
  const std::uint32_t sec = u32(h), frac = u32(h + 4), caplen = u32(h + 8), origlen = u32(h + 12);
  if (caplen > kMaxRecord) return fail("record " + std::to_string(count_ + 1) + " claims " + std::to_string(caplen) + " bytes");
  if (!fill(16 + std::size_t{caplen})) return fail("the file ends inside record " + std::to_string(count_ + 1));
  out.number = ++count_;
  out.timestamp = instant_from_ns(std::int64_t{sec} * 1000000000 + (nanosecond_ ? frac : std::int64_t{frac} * 1000));
  out.linktype = first_linktype_;
  out.captured_length = caplen;
  out.original_length = origlen < caplen ? caplen : origlen;
  out.data = ByteView(buf_.data() + pos_ + 16, caplen);
  pos_ += 16 + caplen;
  return true;
}

bool CaptureFileReader::read_section_header(std::size_t) {
  // The byte-order magic (after type and length) says how to read everything else.
  const std::uint8_t* p = buf_.data() + pos_;
  if (!fill(12)) return false;
  p = buf_.data() + pos_;
  const std::uint32_t bom = std::uint32_t{p[8]} | std::uint32_t{p[9]} << 8 | std::uint32_t{p[10]} << 16 |
                            std::uint32_t{p[11]} << 24;
  if (bom == 0x1A2B3C4D) swapped_ = false;
  else if (bom == 0x4D3C2B1A) swapped_ = true;
  else return false;
  const std::uint32_t len = u32(p + 4);
  if (len < 28 || len % 4 || len > kMaxRecord || !fill(len)) return false;
  interfaces_.clear();  // a new section has its own interfaces
  pos_ += len;
  return true;
}

void CaptureFileReader::read_interface(const std::uint8_t* body, std::size_t len) {
  Interface i;
  i.linktype = u16(body);
  i.snaplen = u32(body + 4);
  // Options: code, length, value padded to 4 octets; if_tsresol (9), if_tsoffset (14).
  for (std::size_t off = 8; off + 4 <= len;) {
    const std::uint16_t code = u16(body + off), olen = u16(body + off + 2);
    if (code == 0 || off + 4 + olen > len) break;
    const std::uint8_t* v = body + off + 4;
    if (code == 9 && olen >= 1) {
      const std::uint8_t r = v[0];
      const unsigned exp = r & 0x7f;
      std::uint64_t tps = 1;
      for (unsigned k = 0; k < exp && tps < (1ULL << 60); ++k) tps *= (r & 0x80) ? 2 : 10;
      i.ticks_per_second = tps;
    } else if (code == 14 && olen >= 8) {
      i.offset_seconds = static_cast<std::int64_t>(std::uint64_t{u32(swapped_ ? v : v + 4)} << 32 |
                                                   u32(swapped_ ? v + 4 : v));
    }
    off += 4 + ((olen + 3u) & ~3u);
  }
  if (interfaces_.empty() && first_linktype_ == 0) first_linktype_ = i.linktype;
  interfaces_.push_back(i);
}

bool CaptureFileReader::next_pcapng(CaptureFrame& out) {
  for (;;) {
    if (!fill(12)) {
      if (end_ > pos_) return fail("the file ends inside a block header");
      return false;
    }
    const std::uint8_t* b = buf_.data() + pos_;
    const std::uint32_t type = u32(b);
    if (type == kShb) {
      if (!read_section_header(0)) return fail("malformed pcapng section header");
      continue;
    }
    const std::uint32_t len = u32(b + 4);
    if (len < 12 || len % 4 || len > kMaxRecord) return fail("malformed pcapng block length " + std::to_string(len));
    if (!fill(len)) return fail("the file ends inside block " + std::to_string(count_ + 1));
    b = buf_.data() + pos_;
    const std::uint8_t* body = b + 8;
    const std::size_t body_len = len - 12;
    std::uint32_t ifc = 0, caplen = 0, origlen = 0;
    std::uint64_t ticks = 0;
    const std::uint8_t* data = nullptr;
    if (type == kIdb && body_len >= 8) {
      read_interface(body, body_len);
      pos_ += len;
      continue;
    } else if (type == kEpb && body_len >= 20) {
      ifc = u32(body);
      ticks = std::uint64_t{u32(body + 4)} << 32 | u32(body + 8);
      caplen = u32(body + 12);
      origlen = u32(body + 16);
      data = body + 20;
      if (caplen > body_len - 20) return fail("block " + std::to_string(count_ + 1) + ": captured length beyond the block");
    } else if (type == kPb && body_len >= 20) {
      ifc = u16(body);
      ticks = std::uint64_t{u32(body + 4)} << 32 | u32(body + 8);
      caplen = u32(body + 12);
      origlen = u32(body + 16);
      data = body + 20;
      if (caplen > body_len - 20) return fail("block " + std::to_string(count_ + 1) + ": captured length beyond the block");
    } else if (type == kSpb && body_len >= 4) {
      origlen = u32(body);
      caplen = static_cast<std::uint32_t>(std::min<std::size_t>(origlen, body_len - 4));
      if (!interfaces_.empty() && interfaces_[0].snaplen) caplen = std::min(caplen, interfaces_[0].snaplen);
      data = body + 4;
    } else {
      pos_ += len;  // name resolution, statistics, decryption secrets, custom blocks
      continue;
    }
    if (ifc >= interfaces_.size()) return fail("packet for undeclared interface " + std::to_string(ifc));
    const Interface& i = interfaces_[ifc];
    const std::uint64_t tps = i.ticks_per_second ? i.ticks_per_second : 1000000;
    const std::int64_t sec = static_cast<std::int64_t>(ticks / tps) + i.offset_seconds;
    // The sub-second part in nanoseconds; long double keeps 64 bits of mantissa, enough for
    // any resolution up to 2^-60 s without overflowing.
    const auto frac_ns =
        static_cast<std::int64_t>(static_cast<long double>(ticks % tps) * 1e9L / static_cast<long double>(tps));
    out.number = ++count_;
    out.timestamp = instant_from_ns(sec * 1000000000 + frac_ns);
    out.linktype = i.linktype;
    out.captured_length = caplen;
    out.original_length = origlen < caplen ? caplen : origlen;
    out.data = ByteView(data, caplen);
    pos_ += len;
    return true;
  }
}

}  // namespace ts::capture
