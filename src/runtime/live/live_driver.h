#pragma once
// LiveDriver: runs one sans-I/O engine::Endpoint (src/engine/endpoint.h) against real peers
// through the kernel's sockets, with a poll() loop on one thread. It follows the same
// contract as the simulator (src/runtime/sim/simulator.h):
//  - time: Instants from a steady clock, offset at start so that they read as wall-clock
//    time (Unix epoch), which makes pcap timestamps real;
//  - inputs: Received / Opened / Closed / Command through handle(); on_deadline() at
//    next_deadline() (re-read after every call; a deadline in the past runs at once);
//  - actions, in order:
//      Send          UDP / GRE: one datagram (sendto); TCP: the bytes, queued when the
//                    socket is full; ppp_stream: written to stdout.
//      OpenChannel   udp "a.b.c.d:port": from the listening UDP socket when we listen on
//                    that port (L2TP 1701 <-> 1701), else from a new socket on an ephemeral
//                    port; Opened at once. tcp "a.b.c.d:port": non-blocking connect, Opened
//                    when it completes, Closed "<errno text>" when it fails. gre "a.b.c.d":
//                    the shared raw GRE socket; Opened at once. ppp_stream: stdin/stdout.
//                    A peer that is not an IPv4 address: Closed "bad address".
//      CloseChannel  UDP / GRE: forgotten. TCP: closed (no Closed input to the closer).
//      StateChange, Violation: one timeline line to the sink.
//  - UDP datagrams go to the channel of (socket, remote address, port); unknown remotes on a
//    listening socket are accepted on a new channel (driver-chosen id from
//    kAcceptedChannelBase; Opened, then Received). GRE datagrams arrive with their IPv4
//    header, which is stripped; they go to the channel of their source address or, when
//    GRE is listened to, to a new accepted channel. TCP listeners accept connections
//    (Opened); EOF gives Closed "peer closed", an error Closed "<errno text>".
// Runs are bounded: run() returns at the time limit, after SIGINT/SIGTERM (the endpoint
// first gets Command "stop" and a grace period), or as soon as `finished` (checked after
// every step; commands still scheduled are dropped) returns true. No wait exceeds 100 ms.
// Environment errors (a bind that fails, no permission for raw sockets, a bad local
// address) are returned by listen() / attach_stdio() as messages; nothing throws.
#include <chrono>
#include <csignal>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/core/result.h"
#include "src/engine/endpoint.h"
#include "src/runtime/live/live_recorder.h"
#include "src/runtime/live/live_sockets.h"

namespace ts::live {

enum class TimelineKind : std::uint8_t { state, fault, channel, command };

// One line of the run's timeline: state changes, faults (Violation), channel events.
struct TimelineEntry {
  Instant time{};
  TimelineKind kind = TimelineKind::state;
  std::string text;
  const DiagnosticDef* def = nullptr;  // faults
  bool by_us = false;                  // faults committed on purpose
};

struct LiveOptions {
  std::string local_address = "0.0.0.0";  // every socket binds to it
  Duration time_limit = std::chrono::seconds(60);
  Duration stop_grace = std::chrono::seconds(3);  // after a signal's "stop" command
  std::string pcap;                               // empty: no recording
  std::function<void(const TimelineEntry&)> sink; // null: nothing printed
};

enum class LiveStop : std::uint8_t { finished, time_limit, signal };
std::string_view to_string(LiveStop s);

struct LiveRunResult {
  LiveStop stop = LiveStop::time_limit;
  Duration elapsed{0};
  std::size_t frames_recorded = 0;
  bool recording_failed = false;
};

class LiveDriver {
 public:
  static constexpr engine::ChannelId kAcceptedChannelBase = 0x80000000U;
  static constexpr Duration kMaxWait = std::chrono::milliseconds(100);

  LiveDriver(engine::Endpoint& endpoint, LiveOptions options);
  ~LiveDriver();
  LiveDriver(const LiveDriver&) = delete;
  LiveDriver& operator=(const LiveDriver&) = delete;

  // Opens the pcap (when options.pcap is set) and checks the local address.
  Result<bool> start();
  // Accept UDP datagrams / TCP connections on `port` of the local address, or GRE from any
  // peer (port ignored). Call after start().
  Result<bool> listen(engine::ChannelKind kind, std::uint16_t port = 0);
  // Makes stdin/stdout the ppp_stream channel `channel`; it is Opened when run() starts.
  // A terminal on stdin (the pty a daemon gives pppd) is put in raw mode, as pppd does, and
  // restored by the destructor.
  Result<bool> attach_stdio(engine::ChannelId channel);
  // Delivers `command` at start + `after` (run() starts the clock).
  void schedule_command(Duration after, engine::Command command);
  // Runs until `finished()` holds, the time limit, or a signal (see above).
  LiveRunResult run(std::function<bool()> finished);

  // The same loop in pieces, for callers that act between steps (the conformance runner):
  // begin() starts the clock (as run() does); advance(until) runs the loop until `until`
  // and returns false once the run must end (time limit or signal: later calls return false
  // at once); finish() closes the recording and says why the run ended (`stop` unless the
  // time limit or a signal ended it first).
  void begin();
  bool advance(Instant until);
  LiveRunResult finish(LiveStop stop);

  Instant now() const;
  Instant started() const { return start_; }
  // Timeline entries so far (also passed to the sink as they happen).
  const std::vector<TimelineEntry>& timeline() const { return timeline_; }

 private:
  enum class SocketKind : std::uint8_t { udp, tcp_listener, gre };
  struct Socket {
    SocketKind kind = SocketKind::udp;
    UniqueFd fd;
    sockaddr_in local{};
    bool listening = false;  // UDP: unknown remotes make accepted channels; GRE: likewise
  };
  struct Channel {
    engine::ChannelKind kind = engine::ChannelKind::udp;
    sockaddr_in remote{};
    sockaddr_in local{};
    int shared_fd = -1;  // UDP / GRE: the socket in sockets_ it uses
    UniqueFd own_fd;     // TCP
    bool connected = false;
    bool client = false;           // TCP: we connected
    LiveRecorder::ConnectionId connection = 0;
    Bytes out;                     // TCP: bytes the socket did not take yet
  };

  // The poll loop: returns when `until` is reached (nullopt), or why the run must end.
  std::optional<LiveStop> loop(std::optional<Instant> until, const std::function<bool()>& finished);
  void step_inputs();
  void dispatch(const engine::Input& input);
  void execute(const engine::Actions& actions);
  void act(const engine::Send& a);
  void act(const engine::OpenChannel& a);
  void act(const engine::CloseChannel& a);
  void act(const engine::StateChange& a);
  void act(const engine::Violation& a);
  void note(TimelineKind kind, std::string text);
  void later(engine::Input input);
  void poll_once(Duration max_wait);
  void on_readable(std::size_t socket_index);
  void on_writable(engine::ChannelId id, Channel& c);
  void read_udp(Socket& s);
  void read_gre(Socket& s);
  void read_tcp(engine::ChannelId id, Channel& c);
  void read_stdin(engine::ChannelId id, Channel& c);
  void accept_tcp(Socket& s);
  void drain_streams();  // reads every connected TCP channel that has data waiting
  void flush(engine::ChannelId id, Channel& c);
  void close_channel(engine::ChannelId id, const std::string& reason, bool tell_endpoint);
  std::optional<engine::ChannelId> find_datagram_channel(int fd, const sockaddr_in& from, bool gre) const;
  engine::ChannelId accept_datagram(std::size_t socket_index, const sockaddr_in& from);
  std::optional<std::size_t> socket_of(int fd) const;
  // The socket a new UDP (GRE) channel sends from: a UDP listener on the remote's port
  // (network byte order), the GRE socket, or a new one on an ephemeral port.
  Result<Socket*> datagram_socket(bool gre, std::uint16_t remote_port_be);

  engine::Endpoint& endpoint_;
  LiveOptions options_;
  sockaddr_in local_{};
  LiveRecorder recorder_;
  std::vector<std::unique_ptr<Socket>> sockets_;  // listeners, UDP and GRE sockets
  std::map<engine::ChannelId, std::unique_ptr<Channel>> channels_;
  std::deque<engine::Input> pending_;  // inputs at the current time, after this step
  std::multimap<Duration, engine::Command> scheduled_;
  std::vector<TimelineEntry> timeline_;
  std::optional<engine::ChannelId> stdio_channel_;
  std::shared_ptr<void> tty_restore_;  // restores stdin's terminal settings when destroyed
  engine::ChannelId next_accepted_ = kAcceptedChannelBase;
  std::uint64_t next_connection_ = 1;
  std::chrono::steady_clock::time_point steady_start_{};
  Instant start_{};
  Instant limit_{};
  std::optional<Instant> stop_at_;   // after a signal: the end of the grace period
  std::optional<LiveStop> stopped_;  // why advance() ended the run
  Instant wall_start_{};
};

}  // namespace ts::live
