#include "src/runtime/capture/pcap_file_reader.h"

#include <pcap/pcap.h>

#include <cerrno>
#include <cstring>

namespace ts::capture {

namespace {
constexpr std::size_t kReadBuffer = 1 << 20;
}

Result<std::unique_ptr<PcapFileReader>> PcapFileReader::open(const std::string& path) {
  std::unique_ptr<PcapFileReader> r(new PcapFileReader());
  r->path_ = path;
  if (path == "-") {
    r->file_ = stdin;
  } else {
    r->file_ = std::fopen(path.c_str(), "rb");
    if (!r->file_) return Error{path + ": " + std::strerror(errno)};
  }
  r->buffer_.reset(new char[kReadBuffer]);
  std::setvbuf(r->file_, r->buffer_.get(), _IOFBF, kReadBuffer);
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  r->handle_ = pcap_fopen_offline_with_tstamp_precision(r->file_, PCAP_TSTAMP_PRECISION_NANO, errbuf);
  if (!r->handle_) {
    if (r->file_ != stdin) std::fclose(r->file_);
    r->file_ = nullptr;
    return Error{path + ": not a readable pcap or pcapng file (" + errbuf + ")"};
  }
  r->linktype_ = static_cast<std::uint32_t>(pcap_datalink(r->handle_));
  r->snaplen_ = static_cast<std::uint32_t>(pcap_snapshot(r->handle_));
  return r;
}

PcapFileReader::~PcapFileReader() {
  // pcap_close closes the FILE* handed to pcap_fopen_offline (stdin included).
  if (handle_) pcap_close(handle_);
}

bool PcapFileReader::next(CaptureFrame& out) {
  if (!handle_) return false;
  pcap_pkthdr* hdr = nullptr;
  const u_char* data = nullptr;
  const int rc = pcap_next_ex(handle_, &hdr, &data);
  if (rc == 1) {
    out.number = ++count_;
    // With PCAP_TSTAMP_PRECISION_NANO, tv_usec carries nanoseconds.
    out.timestamp = instant_from_ns(static_cast<std::int64_t>(hdr->ts.tv_sec) * 1000000000 +
                                    static_cast<std::int64_t>(hdr->ts.tv_usec));
    out.linktype = linktype_;
    out.captured_length = hdr->caplen;
    out.original_length = hdr->len;
    out.data = ByteView(data, hdr->caplen);
    return true;
  }
  if (rc == PCAP_ERROR) truncated_ = pcap_geterr(handle_);
  return false;
}

}  // namespace ts::capture
