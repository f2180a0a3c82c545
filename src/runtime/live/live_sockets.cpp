#include "src/runtime/live/live_sockets.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace ts::live {

void UniqueFd::reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::optional<sockaddr_in> parse_endpoint(const std::string& text, std::optional<std::uint16_t> default_port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  const auto colon = text.rfind(':');
  const std::string host = colon == std::string::npos ? text : text.substr(0, colon);
  std::optional<std::uint16_t> port = default_port;
  if (colon != std::string::npos) {
    const std::string p = text.substr(colon + 1);
    if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    const unsigned long v = std::stoul(p);
    if (v > 65535) return std::nullopt;
    port = static_cast<std::uint16_t>(v);
  }
  if (!port || ::inet_pton(AF_INET, host.c_str(), &a.sin_addr) != 1) return std::nullopt;
  a.sin_port = htons(*port);
  return a;
}

std::string to_string(const sockaddr_in& a) {
  char buf[INET_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET, &a.sin_addr, buf, sizeof buf);
  return fmt::format("{}:{}", buf, ntohs(a.sin_port));
}

namespace {

Error sys_error(const std::string& what, const sockaddr_in& a) {
  return Error{fmt::format("{} {}: {}", what, to_string(a), std::strerror(errno))};
}

Result<UniqueFd> make(int type, int protocol, const sockaddr_in& local, const char* what) {
  UniqueFd fd(::socket(AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol));
  if (fd.get() < 0) return sys_error(fmt::format("{} socket for", what), local);
  const int one = 1;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0)
    return sys_error(fmt::format("cannot bind {} socket to", what), local);
  return fd;
}

}  // namespace

Result<UniqueFd> udp_socket(const sockaddr_in& local) { return make(SOCK_DGRAM, 0, local, "UDP"); }

Result<UniqueFd> tcp_listener(const sockaddr_in& local) {
  auto fd = make(SOCK_STREAM, 0, local, "TCP");
  if (!fd.ok()) return fd;
  if (::listen(fd.value().get(), 16) != 0) return sys_error("cannot listen on", local);
  return fd;
}

Result<UniqueFd> tcp_connect(const sockaddr_in& local, const sockaddr_in& remote) {
  auto fd = make(SOCK_STREAM, 0, local, "TCP");
  if (!fd.ok()) return fd;
  set_no_delay(fd.value().get());
  if (::connect(fd.value().get(), reinterpret_cast<const sockaddr*>(&remote), sizeof remote) != 0 &&
      errno != EINPROGRESS)
    return sys_error("cannot connect to", remote);
  return fd;
}

void set_no_delay(int fd) {
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

int tcp_connect_result(int fd) {
  int err = 0;
  socklen_t len = sizeof err;
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) return errno;
  return err;
}

Result<UniqueFd> gre_socket(const sockaddr_in& local) {
  sockaddr_in a = local;
  a.sin_port = 0;
  return make(SOCK_RAW, IPPROTO_GRE, a, "raw GRE");
}

}  // namespace ts::live
