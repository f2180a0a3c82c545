#include "src/runtime/capture/live_capture.h"

#include <pcap/pcap.h>
#include <poll.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace ts::capture {

namespace {

// One line naming the cause of a failed pcap_activate (negative codes are errors, positive
// ones warnings that still activated the handle).
std::string activate_error(int code, const std::string& iface, const char* detail) {
  switch (code) {
    case PCAP_ERROR_NO_SUCH_DEVICE:
      return "no such interface '" + iface + "' (ip link shows the interfaces)";
    case PCAP_ERROR_PERM_DENIED:
      return "no permission to capture on '" + iface +
             "': run as root or give the program CAP_NET_RAW and CAP_NET_ADMIN "
             "(setcap cap_net_raw,cap_net_admin=eip tunnelscope)";
    case PCAP_ERROR_IFACE_NOT_UP:
      return "interface '" + iface + "' is not up";
    case PCAP_ERROR_PROMISC_PERM_DENIED:
      return "no permission to put '" + iface + "' into promiscuous mode";
    default:
      return "cannot capture on '" + iface + "': " + detail;
  }
}

// pcap_stats counters are 32 bits on Linux and wrap; extends one to 64 bits.
std::uint64_t extend(std::uint64_t total, std::uint32_t& last_raw, std::uint32_t raw) {
  total += static_cast<std::uint32_t>(raw - last_raw);
  last_raw = raw;
  return total;
}

}  // namespace

std::string default_tunnel_filter() {
  return "tcp port 1723 or ip proto 47 or ip6 proto 47 or udp port 1701 or "
         "(ip and (ip[6:2] & 0x3fff) != 0) or (ip6 and ip6[6] == 44) or pppoed or pppoes";
}

Result<std::unique_ptr<LiveCapture>> LiveCapture::open(const LiveCaptureOptions& o) {
  char err[PCAP_ERRBUF_SIZE] = {0};
  std::unique_ptr<LiveCapture> c(new LiveCapture());
  c->handle_ = pcap_create(o.interface.c_str(), err);
  if (!c->handle_) return Error{"cannot capture on '" + o.interface + "': " + err};
  pcap_set_snaplen(c->handle_, static_cast<int>(o.snaplen));
  pcap_set_promisc(c->handle_, o.promiscuous ? 1 : 0);
  pcap_set_immediate_mode(c->handle_, 1);
  pcap_set_buffer_size(c->handle_, static_cast<int>(o.buffer_bytes));
  pcap_set_timeout(c->handle_, 100);
  // Nanosecond timestamps where the platform has them; microseconds otherwise.
  const bool nano = pcap_set_tstamp_precision(c->handle_, PCAP_TSTAMP_PRECISION_NANO) == 0;
  const int rc = pcap_activate(c->handle_);
  if (rc < 0) return Error{activate_error(rc, o.interface, pcap_geterr(c->handle_))};
  if (!o.filter.empty()) {
    bpf_program prog{};
    if (pcap_compile(c->handle_, &prog, o.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
      return Error{"bad filter '" + o.filter + "': " + pcap_geterr(c->handle_)};
    const int set = pcap_setfilter(c->handle_, &prog);
    pcap_freecode(&prog);
    if (set != 0) return Error{"cannot set the filter: " + std::string(pcap_geterr(c->handle_))};
  }
  if (pcap_setnonblock(c->handle_, 1, err) != 0) return Error{"cannot capture on '" + o.interface + "': " + err};
  c->fd_ = pcap_get_selectable_fd(c->handle_);
  if (c->fd_ < 0) return Error{"interface '" + o.interface + "' cannot be polled"};
  c->linktype_ = static_cast<std::uint32_t>(pcap_datalink(c->handle_));
  c->snaplen_ = static_cast<std::uint32_t>(pcap_snapshot(c->handle_));
  c->nanosecond_ = nano;
  return c;
}

LiveCapture::~LiveCapture() {
  if (handle_) pcap_close(handle_);
}

namespace {

struct DispatchContext {
  const std::function<void(const CaptureFrame&)>* fn;
  std::uint32_t linktype;
  bool nanosecond;
  std::uint64_t* count;
};

void on_packet(u_char* user, const pcap_pkthdr* h, const u_char* bytes) {
  auto* ctx = reinterpret_cast<DispatchContext*>(user);
  CaptureFrame f;
  f.number = ++*ctx->count;
  const auto sub = ctx->nanosecond ? std::chrono::nanoseconds(h->ts.tv_usec)
                                   : std::chrono::nanoseconds(std::chrono::microseconds(h->ts.tv_usec));
  f.timestamp = Instant(std::chrono::seconds(h->ts.tv_sec) + sub);
  f.linktype = ctx->linktype;
  f.captured_length = h->caplen;
  f.original_length = h->len;
  f.data = ByteView(bytes, h->caplen);
  (*ctx->fn)(f);
}

}  // namespace

Result<std::uint64_t> LiveCapture::poll(int timeout_ms, std::uint64_t max_frames,
                                        const std::function<void(const CaptureFrame&)>& fn) {
  pollfd p{fd_, POLLIN, 0};
  const int ready = ::poll(&p, 1, timeout_ms);
  if (ready < 0 && errno != EINTR) return Error{std::string("poll: ") + std::strerror(errno)};
  if (ready <= 0) return std::uint64_t{0};
  if (p.revents & (POLLERR | POLLNVAL)) return Error{"the interface went away"};
  DispatchContext ctx{&fn, linktype_, nanosecond_, &count_};
  const std::uint64_t before = count_;
  // Bounded: one ring-buffer sweep, at most max_frames (0 < max_frames < INT_MAX here).
  const int cnt = max_frames > 1000000 ? 1000000 : static_cast<int>(max_frames);
  const int n = pcap_dispatch(handle_, cnt, on_packet, reinterpret_cast<u_char*>(&ctx));
  if (n == PCAP_ERROR) return Error{std::string("capture failed: ") + pcap_geterr(handle_)};
  return count_ - before;
}

Result<CaptureStats> LiveCapture::stats() {
  pcap_stat s{};
  if (pcap_stats(handle_, &s) != 0) return Error{std::string("pcap_stats: ") + pcap_geterr(handle_)};
  last_.received = extend(last_.received, raw_[0], s.ps_recv);
  last_.kernel_drops = extend(last_.kernel_drops, raw_[1], s.ps_drop);
  last_.interface_drops = extend(last_.interface_drops, raw_[2], s.ps_ifdrop);
  return last_;
}

}  // namespace ts::capture
