// LiveDriver on the loopback interface: UDP and TCP channels against a plain socket peer
// run on a helper thread, accepted channels, connection failures, bad addresses, deadlines,
// the time limit, SIGTERM handling, environment errors, and the pcap it records.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "src/runtime/capture/capture_file_reader.h"
#include "src/runtime/live/live_driver.h"

using namespace ts;
using namespace std::chrono_literals;
using engine::ChannelKind;

namespace {

Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }
std::string str(const Bytes& b) { return std::string(b.begin(), b.end()); }

// A scripted endpoint: "go" opens channel 1 (kind, peer); once Opened it sends "hello"; the
// first bytes received are kept and, when close_after_reply, channel 1 is closed.
// Accepted channels echo what they receive. Everything that happens is logged.
class Scripted final : public engine::Endpoint {
 public:
  Scripted(ChannelKind kind, std::string peer) : kind_(kind), peer_(std::move(peer)) {}
  engine::Actions handle(Instant now, const engine::Input& in) override {
    engine::Actions out;
    if (const auto* c = std::get_if<engine::Command>(&in)) {
      log += "cmd:" + c->name + ";";
      if (c->name == "go") engine::append_action(out, engine::OpenChannel{1, kind_, peer_});
      if (c->name == "raise") std::raise(SIGTERM);
      if (c->name == "timer") deadline = now + 50ms;
    } else if (const auto* o = std::get_if<engine::Opened>(&in)) {
      log += o->channel == 1 ? "opened;" : "accepted;";
      if (o->channel == 1) engine::append_action(out, engine::Send{1, text("hello")});
      if (o->channel >= live::LiveDriver::kAcceptedChannelBase) accepted = o->channel;
    } else if (const auto* r = std::get_if<engine::Received>(&in)) {
      if (r->channel == 1) {
        reply += str(r->data);
        if (close_after_reply) engine::append_action(out, engine::CloseChannel{1});
      } else {
        engine::append_action(out, engine::Send{r->channel, r->data});
      }
    } else if (const auto* cl = std::get_if<engine::Closed>(&in)) {
      log += "closed:" + cl->reason + ";";
      closed = true;
    }
    return out;
  }
  engine::Actions on_deadline(Instant now) override {
    fired = now;
    deadline.reset();
    engine::Actions out;
    engine::append_action(out, engine::StateChange{"timer", "armed", "fired"});
    return out;
  }
  std::optional<Instant> next_deadline() const override { return deadline; }

  std::string log, reply;
  bool closed = false, close_after_reply = true;
  engine::ChannelId accepted = 0;
  std::optional<Instant> deadline, fired;

 private:
  ChannelKind kind_;
  std::string peer_;
};

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

std::uint16_t port_of(int fd) {
  sockaddr_in a{};
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  return ntohs(a.sin_port);
}

void receive_timeout(int fd) {
  timeval tv{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

std::string temp_pcap(const char* name) { return std::string("/tmp/ts_live_unit_") + name + ".pcap"; }

// The frames of a pcap, as (IP protocol, payload length after the Ethernet and IPv4 headers).
std::vector<std::pair<int, std::size_t>> pcap_frames(const std::string& path) {
  auto r = capture::CaptureFileReader::open(path, std::fopen(path.c_str(), "rb"));
  REQUIRE(r.ok());
  REQUIRE(r.value() != nullptr);
  std::vector<std::pair<int, std::size_t>> out;
  capture::CaptureFrame f;
  while (r.value()->next(f)) {
    REQUIRE(f.data.size() >= 34);
    out.emplace_back(f.data[23], f.data.size() - 34);
  }
  return out;
}

live::LiveOptions options(const std::string& pcap = {}) {
  live::LiveOptions o;
  o.local_address = "127.0.0.1";
  o.time_limit = 5s;
  o.pcap = pcap;
  return o;
}

}  // namespace

TEST_CASE("live: UDP channel to a peer, reply received, recorded as two UDP frames") {
  live::UniqueFd peer(::socket(AF_INET, SOCK_DGRAM, 0));
  auto at = loopback(0);
  REQUIRE(::bind(peer.get(), reinterpret_cast<sockaddr*>(&at), sizeof at) == 0);
  receive_timeout(peer.get());
  std::thread echo([fd = peer.get()] {
    char buf[64];
    sockaddr_in from{};
    socklen_t len = sizeof from;
    const auto n = ::recvfrom(fd, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &len);
    if (n > 0) ::sendto(fd, "world", 5, 0, reinterpret_cast<sockaddr*>(&from), len);
  });
  Scripted ep(ChannelKind::udp, "127.0.0.1:" + std::to_string(port_of(peer.get())));
  const auto pcap = temp_pcap("udp");
  live::LiveDriver d(ep, options(pcap));
  REQUIRE(d.start().ok());
  d.schedule_command(0ms, engine::Command{"go", {}});
  const auto r = d.run([&] { return !ep.reply.empty(); });
  echo.join();
  CHECK(r.stop == live::LiveStop::finished);
  CHECK(ep.reply == "world");
  CHECK(ep.log == "cmd:go;opened;");
  CHECK(r.frames_recorded == 2);
  // UDP (17), 8 header bytes + 5 payload bytes each way.
  CHECK(pcap_frames(pcap) == std::vector<std::pair<int, std::size_t>>{{17, 13}, {17, 13}});
  std::remove(pcap.c_str());
}

std::uint16_t free_port(int type) {
  live::UniqueFd probe(::socket(AF_INET, type, 0));
  auto any = loopback(0);
  ::bind(probe.get(), reinterpret_cast<sockaddr*>(&any), sizeof any);
  return port_of(probe.get());
}

TEST_CASE("live: a UDP listener accepts an unknown remote on a new channel and answers it") {
  Scripted ep(ChannelKind::udp, "");
  live::LiveDriver d(ep, options());
  REQUIRE(d.start().ok());
  const std::uint16_t port = free_port(SOCK_DGRAM);
  REQUIRE(d.listen(ChannelKind::udp, port).ok());
  std::string answer;
  std::atomic<bool> done{false};
  std::thread client([&] {
    live::UniqueFd fd(::socket(AF_INET, SOCK_DGRAM, 0));
    receive_timeout(fd.get());
    auto to = loopback(port);
    ::sendto(fd.get(), "ping", 4, 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    char buf[16];
    const auto n = ::recv(fd.get(), buf, sizeof buf, 0);
    if (n > 0) answer.assign(buf, static_cast<std::size_t>(n));
    done = true;
  });
  const auto r = d.run([&] { return done.load(); });
  client.join();
  CHECK(r.stop == live::LiveStop::finished);
  CHECK(ep.accepted >= live::LiveDriver::kAcceptedChannelBase);
  CHECK(ep.log == "accepted;");
  CHECK(answer == "ping");
}

TEST_CASE("live: TCP connect, exchange, close; recorded with handshake, data and FIN") {
  live::UniqueFd listener(::socket(AF_INET, SOCK_STREAM, 0));
  auto at = loopback(0);
  REQUIRE(::bind(listener.get(), reinterpret_cast<sockaddr*>(&at), sizeof at) == 0);
  REQUIRE(::listen(listener.get(), 1) == 0);
  std::string got;
  std::thread server([&] {
    live::UniqueFd c(::accept(listener.get(), nullptr, nullptr));
    receive_timeout(c.get());
    char buf[16];
    const auto n = ::recv(c.get(), buf, sizeof buf, 0);
    if (n > 0) got.assign(buf, static_cast<std::size_t>(n));
    ::send(c.get(), "world", 5, 0);
    ::recv(c.get(), buf, sizeof buf, 0);  // 0: the driver closed
  });
  Scripted ep(ChannelKind::tcp, "127.0.0.1:" + std::to_string(port_of(listener.get())));
  const auto pcap = temp_pcap("tcp");
  live::LiveDriver d(ep, options(pcap));
  REQUIRE(d.start().ok());
  d.schedule_command(0ms, engine::Command{"go", {}});
  const auto r = d.run([&] { return !ep.reply.empty(); });
  server.join();
  CHECK(r.stop == live::LiveStop::finished);
  CHECK(got == "hello");
  CHECK(ep.reply == "world");
  CHECK(ep.log == "cmd:go;opened;");  // the closer gets no Closed input
  // SYN, SYN-ACK, ACK, "hello", "world", FIN, FIN, ACK: TCP (6), 20-byte headers (24 with MSS).
  const auto frames = pcap_frames(pcap);
  REQUIRE(frames.size() == 8);
  for (const auto& f : frames) CHECK(f.first == 6);
  CHECK(frames[0].second == 24);
  CHECK(frames[3].second == 25);
  CHECK(frames[4].second == 25);
  std::remove(pcap.c_str());
}

TEST_CASE("live: a TCP listener accepts; the peer's close gives Closed \"peer closed\"") {
  Scripted ep(ChannelKind::tcp, "");
  live::LiveDriver d(ep, options());
  REQUIRE(d.start().ok());
  const std::uint16_t port = free_port(SOCK_STREAM);
  REQUIRE(d.listen(ChannelKind::tcp, port).ok());
  std::string answer;
  std::thread client([&] {
    live::UniqueFd fd(::socket(AF_INET, SOCK_STREAM, 0));
    receive_timeout(fd.get());
    auto to = loopback(port);
    if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) return;
    ::send(fd.get(), "abc", 3, 0);
    char buf[16];
    const auto n = ::recv(fd.get(), buf, sizeof buf, 0);
    if (n > 0) answer.assign(buf, static_cast<std::size_t>(n));
  });
  const auto r = d.run([&] { return ep.closed; });
  client.join();
  CHECK(r.stop == live::LiveStop::finished);
  CHECK(answer == "abc");
  CHECK(ep.log == "accepted;closed:peer closed;");
}

TEST_CASE("live: a refused TCP connection and a bad peer address give Closed") {
  const std::uint16_t port = free_port(SOCK_STREAM);  // nobody listens there
  Scripted refused(ChannelKind::tcp, "127.0.0.1:" + std::to_string(port));
  live::LiveDriver d(refused, options());
  REQUIRE(d.start().ok());
  d.schedule_command(0ms, engine::Command{"go", {}});
  CHECK(d.run([&] { return refused.closed; }).stop == live::LiveStop::finished);
  CHECK(refused.log == "cmd:go;closed:Connection refused;");

  Scripted bad(ChannelKind::udp, "not-an-address:1");
  live::LiveDriver d2(bad, options());
  REQUIRE(d2.start().ok());
  d2.schedule_command(0ms, engine::Command{"go", {}});
  CHECK(d2.run([&] { return bad.closed; }).stop == live::LiveStop::finished);
  CHECK(bad.log == "cmd:go;closed:bad address;");
}

TEST_CASE("live: deadlines run on time; state changes reach the sink; the time limit ends a run") {
  Scripted ep(ChannelKind::udp, "");
  live::LiveOptions o = options();
  o.time_limit = 300ms;
  std::vector<std::string> lines;
  o.sink = [&](const live::TimelineEntry& e) { lines.push_back(e.text); };
  live::LiveDriver d(ep, o);
  REQUIRE(d.start().ok());
  d.schedule_command(0ms, engine::Command{"timer", {}});
  const auto r = d.run([] { return false; });
  CHECK(r.stop == live::LiveStop::time_limit);
  CHECK(r.elapsed >= 300ms);
  CHECK(r.elapsed < 1s);
  REQUIRE(ep.fired);
  const auto late = *ep.fired - d.started();
  CHECK(late >= 50ms);
  CHECK(late < 200ms);
  CHECK(std::find(lines.begin(), lines.end(), "timer: armed -> fired") != lines.end());
}

TEST_CASE("live: SIGTERM gives the endpoint a stop command and ends the run after the grace") {
  Scripted ep(ChannelKind::udp, "");
  live::LiveOptions o = options();
  o.stop_grace = 100ms;
  live::LiveDriver d(ep, o);
  REQUIRE(d.start().ok());
  d.schedule_command(10ms, engine::Command{"raise", {}});
  const auto r = d.run([] { return false; });
  CHECK(r.stop == live::LiveStop::signal);
  CHECK(r.elapsed < 2s);
  CHECK(ep.log == "cmd:raise;cmd:stop;");
}

TEST_CASE("live: environment errors are messages, not exceptions") {
  Scripted ep(ChannelKind::udp, "");
  live::LiveOptions o = options();
  o.local_address = "300.1.1.1";
  live::LiveDriver bad_local(ep, o);
  const auto s = bad_local.start();
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().find("300.1.1.1") != std::string::npos);

  o = options();
  o.local_address = "192.0.2.1";  // TEST-NET-1: not an address of this host
  live::LiveDriver not_ours(ep, o);
  REQUIRE(not_ours.start().ok());
  const auto l = not_ours.listen(ChannelKind::udp, 1701);
  REQUIRE_FALSE(l.ok());
  CHECK(l.error().find("cannot bind UDP socket to 192.0.2.1:1701") != std::string::npos);

  o = options("/nonexistent-dir/x.pcap");
  live::LiveDriver no_pcap(ep, o);
  CHECK_FALSE(no_pcap.start().ok());
}

TEST_CASE("live: parse_endpoint") {
  CHECK(live::parse_endpoint("10.0.0.1:1701", std::nullopt));
  CHECK(live::to_string(*live::parse_endpoint("10.0.0.1", 1723)) == "10.0.0.1:1723");
  CHECK_FALSE(live::parse_endpoint("10.0.0.1", std::nullopt));
  CHECK_FALSE(live::parse_endpoint("10.0.0.1:70000", std::nullopt));
  CHECK_FALSE(live::parse_endpoint("host:1", std::nullopt));
}

TEST_CASE("live: raw GRE channel; the received IPv4 header is stripped (needs root)") {
  live::UniqueFd peer(::socket(AF_INET, SOCK_RAW, IPPROTO_GRE));
  if (peer.get() < 0) {
    WARN("SKIP: raw GRE sockets need CAP_NET_RAW");
    return;
  }
  sockaddr_in at{};
  at.sin_family = AF_INET;
  at.sin_addr.s_addr = htonl(0x7F000002);  // 127.0.0.2
  REQUIRE(::bind(peer.get(), reinterpret_cast<sockaddr*>(&at), sizeof at) == 0);
  receive_timeout(peer.get());
  // A minimal GRE header (RFC 2784: no flags, protocol type 0x880B) and a payload.
  const Bytes packet = {0x00, 0x00, 0x88, 0x0B, 'h', 'i'};
  Bytes seen;
  std::thread echo([&] {
    Bytes buf(256);
    sockaddr_in from{};
    socklen_t len = sizeof from;
    const auto n = ::recvfrom(peer.get(), buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &len);
    if (n <= 20) return;
    seen.assign(buf.begin() + 20, buf.begin() + n);
    ::sendto(peer.get(), packet.data(), packet.size(), 0, reinterpret_cast<sockaddr*>(&from), len);
  });
  class Gre final : public engine::Endpoint {
   public:
    explicit Gre(Bytes p) : p_(std::move(p)) {}
    engine::Actions handle(Instant, const engine::Input& in) override {
      engine::Actions out;
      if (std::holds_alternative<engine::Command>(in)) engine::append_action(out, engine::OpenChannel{2, ChannelKind::gre, "127.0.0.2"});
      if (std::holds_alternative<engine::Opened>(in)) engine::append_action(out, engine::Send{2, p_});
      if (const auto* r = std::get_if<engine::Received>(&in)) got = r->data;
      return out;
    }
    engine::Actions on_deadline(Instant) override { return {}; }
    std::optional<Instant> next_deadline() const override { return std::nullopt; }
    Bytes got;

   private:
    Bytes p_;
  } ep(packet);
  const auto pcap = temp_pcap("gre");
  live::LiveDriver d(ep, options(pcap));
  REQUIRE(d.start().ok());
  REQUIRE(d.listen(ChannelKind::gre).ok());
  d.schedule_command(0ms, engine::Command{"go", {}});
  const auto r = d.run([&] { return !ep.got.empty(); });
  echo.join();
  CHECK(r.stop == live::LiveStop::finished);
  CHECK(seen == packet);
  CHECK(ep.got == packet);
  CHECK(pcap_frames(pcap) == std::vector<std::pair<int, std::size_t>>{{47, 6}, {47, 6}});
  std::remove(pcap.c_str());
}
