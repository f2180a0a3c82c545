#include "src/runtime/live/live_driver.h"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace ts::live {

namespace {

volatile std::sig_atomic_t g_signal = 0;
extern "C" void on_signal(int sig) { g_signal = sig; }

// Installs SIGINT/SIGTERM handlers for the lifetime of a run and restores the old ones.
class SignalScope {
 public:
  SignalScope() {
    g_signal = 0;
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, &old_int_);
    ::sigaction(SIGTERM, &sa, &old_term_);
  }
  ~SignalScope() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }
  SignalScope(const SignalScope&) = delete;
  SignalScope& operator=(const SignalScope&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace

std::string_view to_string(LiveStop s) {
  switch (s) {
    case LiveStop::finished: return "finished";
    case LiveStop::time_limit: return "time limit";
    case LiveStop::signal: return "signal";
  }
  return "?";
}

LiveDriver::LiveDriver(engine::Endpoint& endpoint, LiveOptions options)
    : endpoint_(endpoint), options_(std::move(options)) {
  steady_start_ = std::chrono::steady_clock::now();
  const auto wall = std::chrono::system_clock::now().time_since_epoch();
  wall_start_ = Instant{std::chrono::duration_cast<Duration>(wall)};
  start_ = wall_start_;
}

LiveDriver::~LiveDriver() { recorder_.close(); }

Instant LiveDriver::now() const {
  return wall_start_ + std::chrono::duration_cast<Duration>(std::chrono::steady_clock::now() - steady_start_);
}

Result<bool> LiveDriver::start() {
  const auto local = parse_endpoint(options_.local_address, 0);
  if (!local) return Error{fmt::format("bad local address '{}' (an IPv4 address)", options_.local_address)};
  local_ = *local;
  local_.sin_port = 0;
  if (!options_.pcap.empty()) {
    auto opened = recorder_.open(options_.pcap);
    if (!opened.ok()) return opened;
  }
  return true;
}

Result<bool> LiveDriver::listen(engine::ChannelKind kind, std::uint16_t port) {
  sockaddr_in at = local_;
  at.sin_port = htons(port);
  Result<UniqueFd> fd = Error{"unsupported listener"};
  auto s = std::make_unique<Socket>();
  switch (kind) {
    case engine::ChannelKind::udp:
      fd = udp_socket(at);
      s->kind = SocketKind::udp;
      break;
    case engine::ChannelKind::tcp:
      fd = tcp_listener(at);
      s->kind = SocketKind::tcp_listener;
      break;
    case engine::ChannelKind::gre:
      // One raw socket receives all GRE for the address: reuse it when it exists.
      for (auto& existing : sockets_)
        if (existing->kind == SocketKind::gre) {
          existing->listening = true;
          return true;
        }
      fd = gre_socket(at);
      s->kind = SocketKind::gre;
      break;
    case engine::ChannelKind::ppp_stream: return Error{"a ppp_stream cannot listen (use attach_stdio)"};
  }
  if (!fd.ok()) return Error{fd.error()};
  s->fd = std::move(fd.value());
  s->local = at;
  s->listening = true;
  sockets_.push_back(std::move(s));
  return true;
}

Result<bool> LiveDriver::attach_stdio(engine::ChannelId channel) {
  if (channels_.count(channel)) return Error{fmt::format("channel {} already in use", channel)};
  auto c = std::make_unique<Channel>();
  c->kind = engine::ChannelKind::ppp_stream;
  c->connected = true;
  termios saved{};
  if (::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
    // 8-bit clean, no line discipline: HDLC octets pass untouched (RFC 1662 §4).
    termios raw = saved;
    ::cfmakeraw(&raw);
    if (::tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0)
      return Error{fmt::format("cannot put the terminal on stdin in raw mode: {}", std::strerror(errno))};
    tty_restore_ = std::shared_ptr<void>(nullptr, [saved](void*) { ::tcsetattr(STDIN_FILENO, TCSANOW, &saved); });
  }
  channels_[channel] = std::move(c);
  stdio_channel_ = channel;
  return true;
}

void LiveDriver::schedule_command(Duration after, engine::Command command) {
  scheduled_.emplace(after, std::move(command));
}

void LiveDriver::note(TimelineKind kind, std::string text) {
  TimelineEntry e;
  e.time = now();
  e.kind = kind;
  e.text = std::move(text);
  timeline_.push_back(e);
  if (options_.sink) options_.sink(timeline_.back());
}

void LiveDriver::later(engine::Input input) { pending_.push_back(std::move(input)); }

void LiveDriver::dispatch(const engine::Input& input) { execute(endpoint_.handle(now(), input)); }

void LiveDriver::step_inputs() {
  while (!pending_.empty()) {
    engine::Input in = std::move(pending_.front());
    pending_.pop_front();
    dispatch(in);
  }
}

void LiveDriver::execute(const engine::Actions& actions) {
  for (const auto& a : actions) std::visit([this](const auto& x) { act(x); }, a);
}

void LiveDriver::act(const engine::StateChange& a) {
  note(TimelineKind::state, fmt::format("{}: {} -> {}", a.entity, a.from, a.to));
}

void LiveDriver::act(const engine::Violation& a) {
  TimelineEntry e;
  e.time = now();
  e.kind = TimelineKind::fault;
  e.def = a.def;
  e.by_us = a.by_us;
  e.text = fmt::format("{}{}: {}", a.by_us ? "(ours) " : "", a.def ? a.def->id : "?", a.detail);
  timeline_.push_back(e);
  if (options_.sink) options_.sink(timeline_.back());
}

void LiveDriver::act(const engine::OpenChannel& a) {
  if (channels_.count(a.channel)) {
    note(TimelineKind::channel, fmt::format("channel {} already open: request ignored", a.channel));
    return;
  }
  auto c = std::make_unique<Channel>();
  c->kind = a.kind;
  if (a.kind == engine::ChannelKind::ppp_stream) {
    c->connected = true;
    channels_[a.channel] = std::move(c);
    stdio_channel_ = a.channel;
    later(engine::Opened{a.channel});
    return;
  }
  const auto remote = parse_endpoint(a.peer, a.kind == engine::ChannelKind::gre ? std::optional<std::uint16_t>(0)
                                                                                : std::nullopt);
  if (!remote) {
    note(TimelineKind::channel, fmt::format("channel {}: bad peer address '{}'", a.channel, a.peer));
    later(engine::Closed{a.channel, "bad address"});
    return;
  }
  c->remote = *remote;
  std::string error;
  if (a.kind == engine::ChannelKind::tcp) {
    auto fd = tcp_connect(local_, *remote);
    if (fd.ok()) {
      c->own_fd = std::move(fd.value());
      c->client = true;
      c->connection = next_connection_++;
    } else {
      error = fd.error();
    }
  } else {
    auto use = datagram_socket(a.kind == engine::ChannelKind::gre, remote->sin_port);
    if (use.ok()) {
      c->shared_fd = use.value()->fd.get();
      c->local = use.value()->local;
      c->connected = true;
    } else {
      error = use.error();
    }
  }
  if (!error.empty()) {
    note(TimelineKind::channel, fmt::format("channel {}: {}", a.channel, error));
    later(engine::Closed{a.channel, error});
    return;
  }
  note(TimelineKind::channel, fmt::format("channel {} {} to {}", a.channel,
                                          a.kind == engine::ChannelKind::tcp ? "connecting" : "open", a.peer));
  const bool now_open = c->connected;
  channels_[a.channel] = std::move(c);
  if (now_open) later(engine::Opened{a.channel});
}

Result<LiveDriver::Socket*> LiveDriver::datagram_socket(bool gre, std::uint16_t remote_port_be) {
  for (auto& s : sockets_) {
    if (gre && s->kind == SocketKind::gre) return s.get();
    // A UDP listener on the destination port sends too (L2TP 1701 <-> 1701).
    if (!gre && s->kind == SocketKind::udp && s->listening && s->local.sin_port == remote_port_be) return s.get();
  }
  auto fd = gre ? gre_socket(local_) : udp_socket(local_);
  if (!fd.ok()) return Error{fd.error()};
  auto s = std::make_unique<Socket>();
  s->kind = gre ? SocketKind::gre : SocketKind::udp;
  s->fd = std::move(fd.value());
  socklen_t len = sizeof s->local;
  ::getsockname(s->fd.get(), reinterpret_cast<sockaddr*>(&s->local), &len);
  sockets_.push_back(std::move(s));
  return sockets_.back().get();
}

void LiveDriver::act(const engine::CloseChannel& a) {
  auto it = channels_.find(a.channel);
  if (it == channels_.end()) return;
  if (it->second->kind == engine::ChannelKind::tcp) flush(a.channel, *it->second);
  close_channel(a.channel, "closed by us", false);
}

void LiveDriver::close_channel(engine::ChannelId id, const std::string& reason, bool tell_endpoint) {
  auto it = channels_.find(id);
  if (it == channels_.end()) return;
  Channel& c = *it->second;
  if (c.kind == engine::ChannelKind::tcp && c.connected) {
    // The side that closed sends the FIN: us (tell_endpoint false) or the peer.
    const bool by_client = tell_endpoint ? !c.client : c.client;
    recorder_.tcp_close(now(), c.connection, by_client);
  }
  if (c.kind == engine::ChannelKind::tcp || c.kind == engine::ChannelKind::ppp_stream)
    note(TimelineKind::channel, fmt::format("channel {} closed: {}", id, reason));
  if (stdio_channel_ == id) stdio_channel_.reset();
  channels_.erase(it);
  if (tell_endpoint) later(engine::Closed{id, reason});
}

LiveRunResult LiveDriver::run(std::function<bool()> finished) {
  begin();
  return finish(loop(std::nullopt, finished).value_or(LiveStop::time_limit));
}

void LiveDriver::begin() {
  start_ = now();
  limit_ = start_ + options_.time_limit;
  if (stdio_channel_) later(engine::Opened{*stdio_channel_});
}

bool LiveDriver::advance(Instant until) {
  const auto stop = loop(until, nullptr);
  if (stop) stopped_ = stop;
  return !stop;
}

LiveRunResult LiveDriver::finish(LiveStop stop) {
  LiveRunResult result;
  result.stop = stopped_.value_or(stop);
  result.elapsed = now() - start_;
  result.frames_recorded = recorder_.frames();
  result.recording_failed = !recorder_.close();
  return result;
}

std::optional<LiveStop> LiveDriver::loop(std::optional<Instant> until, const std::function<bool()>& finished) {
  SignalScope signals;
  std::optional<LiveStop> stop;
  for (;;) {
    const Instant t = now();
    if (g_signal != 0 && !stop_at_) {
      note(TimelineKind::command, fmt::format("signal {}: stop", static_cast<int>(g_signal)));
      stop_at_ = t + options_.stop_grace;
      scheduled_.clear();
      dispatch(engine::Command{"stop", {}});
    }
    if (stop_at_ && t >= *stop_at_) return LiveStop::signal;
    if (t >= limit_) return LiveStop::time_limit;
    if (until && t >= *until) return std::nullopt;
    while (!scheduled_.empty() && start_ + scheduled_.begin()->first <= t) {
      const engine::Command cmd = scheduled_.begin()->second;
      scheduled_.erase(scheduled_.begin());
      note(TimelineKind::command, "command " + cmd.name);
      dispatch(cmd);
    }
    if (const auto d = endpoint_.next_deadline(); d && *d <= t) execute(endpoint_.on_deadline(t));
    step_inputs();
    if (finished && finished()) return stop_at_ ? LiveStop::signal : LiveStop::finished;
    Duration wait = kMaxWait;
    const Instant after = now();
    if (const auto d = endpoint_.next_deadline()) wait = std::min(wait, *d - after);
    if (!scheduled_.empty()) wait = std::min(wait, start_ + scheduled_.begin()->first - after);
    if (until) wait = std::min(wait, *until - after);
    poll_once(std::max(wait, Duration::zero()));
  }
  return stop;
}

}  // namespace ts::live
