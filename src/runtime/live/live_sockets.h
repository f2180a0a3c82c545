#pragma once
// Socket helpers of the live runtime: IPv4 address parsing and the creation of
// non-blocking UDP, TCP and raw GRE sockets. Every failure is an environment error returned
// as a message naming what failed and why (errno text); nothing throws. Descriptors are owned
// by UniqueFd, closed on destruction.
#include <netinet/in.h>

#include <cstdint>
#include <optional>
#include <string>

#include "src/core/result.h"

namespace ts::live {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept {
    if (this != &o) {
      reset();
      fd_ = o.release();
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }
  int release() {
    const int f = fd_;
    fd_ = -1;
    return f;
  }
  void reset();

 private:
  int fd_ = -1;
};

// "a.b.c.d:port" (port required when `default_port` is nullopt) or "a.b.c.d" with the
// default; nullopt for anything else (host names are not resolved).
std::optional<sockaddr_in> parse_endpoint(const std::string& text, std::optional<std::uint16_t> default_port);
std::string to_string(const sockaddr_in& a);

// UDP socket bound to `local` (port 0: ephemeral), non-blocking.
Result<UniqueFd> udp_socket(const sockaddr_in& local);
// TCP listening socket on `local` (SO_REUSEADDR), non-blocking.
Result<UniqueFd> tcp_listener(const sockaddr_in& local);
// Non-blocking TCP connect (Nagle off) from `local` (port 0) to `remote`; the connection completes
// (or fails) later: poll for POLLOUT, then tcp_connect_result().
Result<UniqueFd> tcp_connect(const sockaddr_in& local, const sockaddr_in& remote);
// Nagle off: control messages leave at once, never behind data sent after them (a PPTP
// call's first GRE packet must not overtake the Outgoing-Call-Reply that creates it).
void set_no_delay(int fd);
// 0 when the connection is up, else the errno of the failure.
int tcp_connect_result(int fd);
// Raw IPv4 protocol 47 socket bound to `local` (needs CAP_NET_RAW), non-blocking.
Result<UniqueFd> gre_socket(const sockaddr_in& local);

}  // namespace ts::live
