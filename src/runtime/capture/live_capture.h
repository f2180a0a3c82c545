#pragma once
// LiveCapture: frames from a network interface through libpcap, for `tunnelscope sniff`.
//
// open() activates the interface in immediate mode (each packet is delivered as soon as it
// arrives, not when a kernel block fills) with the given ring buffer size and snapshot
// length, and installs a BPF filter. It fails with a one-line message that names the cause:
// no such interface, no permission (root or CAP_NET_RAW + CAP_NET_ADMIN), interface down, a
// filter that does not compile; the caller reports it and exits 2.
//
// The handle is non-blocking: poll() waits at most `timeout_ms` for the descriptor to become
// readable (a signal cuts the wait short) and then hands every frame that is ready, at most
// `max_frames`, to `fn`; the frame's bytes are valid only during the call. Frame numbers
// count from 1 over the capture.
//
// stats(): libpcap's counters since open (pcap_stats): packets that passed the filter,
// dropped by the kernel because the ring buffer was full, and dropped by the interface or its
// driver. They are what the kernel reports; nothing is estimated.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "src/core/result.h"
#include "src/runtime/capture/capture_frame.h"

struct pcap;

namespace ts::capture {

struct LiveCaptureOptions {
  std::string interface;
  std::string filter;                       // BPF; empty: every packet
  std::uint32_t buffer_bytes = 64u << 20;   // kernel ring buffer
  std::uint32_t snaplen = 262144;
  bool promiscuous = true;
};

struct CaptureStats {
  std::uint64_t received = 0;         // passed the filter (ps_recv)
  std::uint64_t kernel_drops = 0;     // ring buffer full (ps_drop)
  std::uint64_t interface_drops = 0;  // interface / driver (ps_ifdrop)
};

class LiveCapture {
 public:
  static Result<std::unique_ptr<LiveCapture>> open(const LiveCaptureOptions& options);
  ~LiveCapture();
  LiveCapture(const LiveCapture&) = delete;
  LiveCapture& operator=(const LiveCapture&) = delete;

  // Returns the number of frames handed to `fn` (0 after a timeout or a signal), or an
  // error message when the interface failed (e.g. it went away).
  Result<std::uint64_t> poll(int timeout_ms, std::uint64_t max_frames,
                             const std::function<void(const CaptureFrame&)>& fn);
  Result<CaptureStats> stats();
  std::uint32_t linktype() const { return linktype_; }
  std::uint32_t snaplen() const { return snaplen_; }

 private:
  LiveCapture() = default;
  pcap* handle_ = nullptr;
  int fd_ = -1;
  std::uint32_t linktype_ = 0;
  std::uint32_t snaplen_ = 0;
  bool nanosecond_ = false;
  std::uint64_t count_ = 0;
  // 32-bit pcap_stats counters extended to 64 bits across wrap-around.
  CaptureStats last_{};
  std::uint32_t raw_[3] = {0, 0, 0};
};

// The default filter of `sniff`: what the analyzer follows (PPTP control on TCP 1723, GRE,
// L2TP on UDP 1701, IPv4 fragments, PPPoE discovery and session) and nothing else.
std::string default_tunnel_filter();

}  // namespace ts::capture
