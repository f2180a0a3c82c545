// LiveDriver: the socket side (sending, poll(), reading, accepting). See live_driver.h.
#include <arpa/inet.h>
#include <netinet/ip.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "dissectors/net/ip_address.h"
#include "src/runtime/live/live_driver.h"

namespace ts::live {

namespace {

constexpr std::size_t kReadBuffer = 65536;

WireAddress wire(const sockaddr_in& a) {
  WireAddress w;
  w.ip = net::IpAddress::v4(ntohl(a.sin_addr.s_addr));
  w.port = ntohs(a.sin_port);
  return w;
}

bool same(const sockaddr_in& a, const sockaddr_in& b) {
  return a.sin_addr.s_addr == b.sin_addr.s_addr && a.sin_port == b.sin_port;
}

}  // namespace

void LiveDriver::act(const engine::Send& a) {
  auto it = channels_.find(a.channel);
  if (it == channels_.end()) {
    note(TimelineKind::channel, fmt::format("send on unknown channel {} dropped", a.channel));
    return;
  }
  Channel& c = *it->second;
  switch (c.kind) {
    case engine::ChannelKind::udp:
    case engine::ChannelKind::gre: {
      const auto n = ::sendto(c.shared_fd, a.data.data(), a.data.size(), 0,
                              reinterpret_cast<const sockaddr*>(&c.remote), sizeof c.remote);
      if (n < 0) {
        note(TimelineKind::channel, fmt::format("channel {}: send to {} failed: {}", a.channel,
                                                to_string(c.remote), std::strerror(errno)));
        return;
      }
      if (c.kind == engine::ChannelKind::udp) {
        recorder_.udp(now(), wire(c.local), wire(c.remote), a.data);
      } else {
        recorder_.gre(now(), wire(c.local).ip, wire(c.remote).ip, a.data);
      }
      return;
    }
    case engine::ChannelKind::tcp:
      c.out.insert(c.out.end(), a.data.begin(), a.data.end());
      if (c.connected) flush(a.channel, c);
      return;
    case engine::ChannelKind::ppp_stream: {
      std::size_t off = 0;
      while (off < a.data.size()) {
        const auto n = ::write(STDOUT_FILENO, a.data.data() + off, a.data.size() - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          close_channel(a.channel, fmt::format("stdout: {}", std::strerror(errno)), true);
          return;
        }
        off += static_cast<std::size_t>(n);
      }
      return;
    }
  }
}

void LiveDriver::flush(engine::ChannelId id, Channel& c) {
  while (!c.out.empty()) {
    const auto n = ::send(c.own_fd.get(), c.out.data(), c.out.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;  // POLLOUT later
    if (n < 0) {
      close_channel(id, std::strerror(errno), true);
      return;
    }
    recorder_.tcp_data(now(), c.connection, c.client, ByteView(c.out.data(), static_cast<std::size_t>(n)));
    c.out.erase(c.out.begin(), c.out.begin() + n);
  }
}

std::optional<std::size_t> LiveDriver::socket_of(int fd) const {
  for (std::size_t i = 0; i < sockets_.size(); ++i)
    if (sockets_[i]->fd.get() == fd) return i;
  return std::nullopt;
}

void LiveDriver::poll_once(Duration max_wait) {
  std::vector<pollfd> fds;
  std::vector<std::pair<bool, std::uint64_t>> owner;  // (is socket, index or channel id)
  for (const auto& [id, c] : channels_) {
    if (c->kind == engine::ChannelKind::tcp) {
      short events = POLLIN;
      if (!c->connected || !c->out.empty()) events = static_cast<short>(events | POLLOUT);
      fds.push_back(pollfd{c->own_fd.get(), events, 0});
      owner.emplace_back(false, id);
    } else if (c->kind == engine::ChannelKind::ppp_stream) {
      fds.push_back(pollfd{STDIN_FILENO, POLLIN, 0});
      owner.emplace_back(false, id);
    }
  }
  // Streams before datagrams: when a peer sends a control message (TCP) and then the first
  // data packet (GRE) of a call, both may be ready in one round; taking them in the order
  // they were sent keeps the data from arriving "before" its call exists.
  for (std::size_t i = 0; i < sockets_.size(); ++i) {
    fds.push_back(pollfd{sockets_[i]->fd.get(), POLLIN, 0});
    owner.emplace_back(true, i);
  }
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(max_wait).count();
  const int n = ::poll(fds.data(), fds.size(), static_cast<int>(std::min<std::int64_t>(ms, 100)));
  if (n <= 0) return;  // timeout, or EINTR from a signal: the loop looks at it
  for (std::size_t i = 0; i < fds.size(); ++i) {
    if (fds[i].revents == 0) continue;
    const auto [is_socket, key] = owner[i];
    if (is_socket) {
      on_readable(static_cast<std::size_t>(key));
      continue;
    }
    const auto id = static_cast<engine::ChannelId>(key);
    auto it = channels_.find(id);
    if (it == channels_.end()) continue;  // closed by an earlier event of this round
    if (fds[i].revents & POLLOUT) {
      on_writable(id, *it->second);
      it = channels_.find(id);
      if (it == channels_.end()) continue;
    }
    if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
      if (it->second->kind == engine::ChannelKind::ppp_stream) read_stdin(id, *it->second);
      else if (it->second->connected) read_tcp(id, *it->second);
    }
    step_inputs();
  }
  step_inputs();
}

void LiveDriver::on_writable(engine::ChannelId id, Channel& c) {
  if (c.connected) {
    flush(id, c);
    return;
  }
  const int err = tcp_connect_result(c.own_fd.get());
  if (err != 0) {
    note(TimelineKind::channel, fmt::format("channel {}: connect to {} failed: {}", id, to_string(c.remote),
                                            std::strerror(err)));
    close_channel(id, std::strerror(err), true);
    return;
  }
  c.connected = true;
  socklen_t len = sizeof c.local;
  ::getsockname(c.own_fd.get(), reinterpret_cast<sockaddr*>(&c.local), &len);
  recorder_.tcp_open(now(), c.connection, wire(c.local), wire(c.remote));
  note(TimelineKind::channel, fmt::format("channel {} connected to {}", id, to_string(c.remote)));
  dispatch(engine::Opened{id});
  auto it = channels_.find(id);
  if (it != channels_.end()) flush(id, *it->second);
}

void LiveDriver::on_readable(std::size_t index) {
  Socket& s = *sockets_[index];
  switch (s.kind) {
    case SocketKind::udp: read_udp(s); break;
    case SocketKind::gre: read_gre(s); break;
    case SocketKind::tcp_listener: accept_tcp(s); break;
  }
}

std::optional<engine::ChannelId> LiveDriver::find_datagram_channel(int fd, const sockaddr_in& from,
                                                                   bool gre) const {
  for (const auto& [id, c] : channels_) {
    if (c->shared_fd != fd) continue;
    if (gre ? c->remote.sin_addr.s_addr == from.sin_addr.s_addr : same(c->remote, from)) return id;
  }
  return std::nullopt;
}

engine::ChannelId LiveDriver::accept_datagram(std::size_t index, const sockaddr_in& from) {
  const Socket& s = *sockets_[index];
  const engine::ChannelId id = next_accepted_++;
  auto c = std::make_unique<Channel>();
  c->kind = s.kind == SocketKind::gre ? engine::ChannelKind::gre : engine::ChannelKind::udp;
  c->remote = from;
  c->local = s.local;
  c->shared_fd = s.fd.get();
  c->connected = true;
  channels_[id] = std::move(c);
  note(TimelineKind::channel, fmt::format("channel {} accepted from {}", id, to_string(from)));
  dispatch(engine::Opened{id});
  return id;
}

void LiveDriver::read_udp(Socket& s) {
  Bytes buf(kReadBuffer);
  for (int round = 0; round < 64; ++round) {
    sockaddr_in from{};
    socklen_t len = sizeof from;
    const auto n = ::recvfrom(s.fd.get(), buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &len);
    if (n < 0) return;  // EAGAIN (drained) or a transient error (ICMP port unreachable)
    Bytes data(buf.begin(), buf.begin() + n);
    recorder_.udp(now(), wire(from), wire(s.local), data);
    auto id = find_datagram_channel(s.fd.get(), from, false);
    if (!id) {
      if (!s.listening) continue;  // a stranger on an ephemeral port
      const auto index = socket_of(s.fd.get());
      id = accept_datagram(*index, from);
    }
    dispatch(engine::Received{*id, std::move(data)});
    step_inputs();
  }
}

void LiveDriver::read_gre(Socket& s) {
  Bytes buf(kReadBuffer);
  for (int round = 0; round < 64; ++round) {
    sockaddr_in from{};
    socklen_t len = sizeof from;
    const auto n = ::recvfrom(s.fd.get(), buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &len);
    if (n < 0) return;
    // A raw IPv4 socket delivers the IPv4 header too: strip it (IHL words).
    const auto size = static_cast<std::size_t>(n);
    if (size < 20) continue;
    const std::size_t ihl = static_cast<std::size_t>(buf[0] & 0x0F) * 4;
    if (ihl < 20 || ihl > size) continue;
    Bytes data(buf.begin() + static_cast<std::ptrdiff_t>(ihl), buf.begin() + n);
    const net::IpAddress src = net::IpAddress::v4(ByteView(buf.data() + 12, 4));
    const net::IpAddress dst = net::IpAddress::v4(ByteView(buf.data() + 16, 4));
    // A control message sent before this packet (the call's OCRP, ICCN ...) may sit in a TCP
    // socket not read yet: take it first, so data never overtakes the call it belongs to.
    drain_streams();
    recorder_.gre(now(), src, dst, data);
    auto id = find_datagram_channel(s.fd.get(), from, true);
    if (!id) {
      if (!s.listening) continue;
      id = accept_datagram(*socket_of(s.fd.get()), from);
    }
    dispatch(engine::Received{*id, std::move(data)});
    step_inputs();
  }
}

void LiveDriver::drain_streams() {
  std::vector<engine::ChannelId> ids;
  for (const auto& [id, c] : channels_)
    if (c->kind == engine::ChannelKind::tcp && c->connected) ids.push_back(id);
  for (const auto id : ids) {
    auto it = channels_.find(id);
    if (it != channels_.end()) read_tcp(id, *it->second);  // EAGAIN when nothing is waiting
  }
  step_inputs();
}

void LiveDriver::accept_tcp(Socket& s) {
  for (int round = 0; round < 16; ++round) {
    sockaddr_in from{};
    socklen_t len = sizeof from;
    const int fd = ::accept4(s.fd.get(), reinterpret_cast<sockaddr*>(&from), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    set_no_delay(fd);
    const engine::ChannelId id = next_accepted_++;
    auto c = std::make_unique<Channel>();
    c->kind = engine::ChannelKind::tcp;
    c->own_fd = UniqueFd(fd);
    c->remote = from;
    len = sizeof c->local;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&c->local), &len);
    c->connected = true;
    c->connection = next_connection_++;
    recorder_.tcp_open(now(), c->connection, wire(from), wire(c->local));
    channels_[id] = std::move(c);
    note(TimelineKind::channel, fmt::format("channel {} accepted TCP from {}", id, to_string(from)));
    dispatch(engine::Opened{id});
    step_inputs();
  }
}

void LiveDriver::read_tcp(engine::ChannelId id, Channel& c) {
  Bytes buf(kReadBuffer);
  const auto n = ::recv(c.own_fd.get(), buf.data(), buf.size(), 0);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  if (n < 0) {
    close_channel(id, std::strerror(errno), true);
    return;
  }
  if (n == 0) {
    close_channel(id, "peer closed", true);
    return;
  }
  buf.resize(static_cast<std::size_t>(n));
  recorder_.tcp_data(now(), c.connection, !c.client, buf);
  dispatch(engine::Received{id, std::move(buf)});
}

void LiveDriver::read_stdin(engine::ChannelId id, Channel&) {
  Bytes buf(kReadBuffer);
  const auto n = ::read(STDIN_FILENO, buf.data(), buf.size());
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (n <= 0) {
    close_channel(id, n == 0 ? "peer closed" : std::strerror(errno), true);
    return;
  }
  buf.resize(static_cast<std::size_t>(n));
  dispatch(engine::Received{id, std::move(buf)});
}

}  // namespace ts::live
