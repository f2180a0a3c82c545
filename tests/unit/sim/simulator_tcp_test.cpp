// The TCP model and the pcap the tap writes: a real-looking connection, readable by the
// project's own capture reader and by tshark.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "dissectors/net/checksum.h"
#include "dissectors/net/ethernet.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/tcp.h"
#include "src/runtime/capture/capture_file_reader.h"
#include "src/runtime/sim/simulator.h"
#include "tests/unit/sim/sim_endpoints.h"

using namespace ts;
using namespace ts::sim;
using namespace ts::sim::test;
using namespace std::chrono_literals;

namespace {

// A TCP client (10.0.0.1) and an echo server (10.0.0.2) 5 ms apart; the client starts at 1 s.
struct TcpWorld {
  Simulator sim;
  TcpClient* client = nullptr;
  Echoer* server = nullptr;
  NodeId c = 0, s = 0;
  TcpWorld(std::vector<std::string> messages, std::uint16_t port, bool listening, std::uint64_t seed = 1)
      : sim([&] {
          SimOptions o;
          o.seed = seed;
          return o;
        }()) {
    auto cl = std::make_unique<TcpClient>("server:" + std::to_string(port), std::move(messages));
    auto sv = std::make_unique<Echoer>();
    client = cl.get();
    server = sv.get();
    c = sim.add_node("client", std::move(cl));
    s = sim.add_node("server", std::move(sv));
    if (listening) sim.listen(s, engine::ChannelKind::tcp, 7000);
    LinkImpairment imp;
    imp.delay = 5ms;
    imp.jitter = 1ms;
    sim.connect(c, s, imp);
    sim.schedule_command(c, sim.start() + 1s, engine::Command{"go", {}});
  }
};

struct Segment {
  bool from_client = false;
  std::uint32_t seq = 0, ack = 0;
  std::uint16_t flags = 0;
  std::size_t length = 0;
  bool has_mss = false;
};

// Decodes every tap frame as Ethernet/IPv4/TCP, checking the IPv4 and TCP checksums.
std::vector<Segment> segments(const Simulator& sim, NodeId client) {
  std::vector<Segment> out;
  for (const auto& f : sim.tap().frames()) {
    const auto eth = net::decode_ethernet(f.data);
    REQUIRE(eth.complete);
    const auto ip = net::decode_ipv4(eth.value.payload);
    REQUIRE(ip.complete);
    CHECK(ip.value.checksum_ok);
    REQUIRE(ip.value.protocol == net::ip_proto::kTcp);
    CHECK(net::transport_checksum(ip.value.src, ip.value.dst, net::ip_proto::kTcp, ip.value.payload) == 0);
    const auto tcp = net::decode_tcp(ip.value.payload);
    REQUIRE(tcp.complete);
    out.push_back(Segment{ip.value.src == sim.address(client).ip, tcp.value.seq, tcp.value.ack, tcp.value.flags,
                          tcp.value.payload.size(), tcp.value.opt.has_mss});
  }
  return out;
}

bool has(std::uint16_t flags, std::uint16_t f) { return (flags & f) == f; }

}  // namespace

TEST_CASE("TCP: handshake, ordered data in MSS-sized segments, close; sequence numbers add up") {
  const std::string big(4000, 'x');
  TcpWorld w({"hello", big, "bye"}, 7000, true);
  const RunResult r = w.sim.run_until_idle(1min);
  CHECK(r.stop == RunStop::idle);
  CHECK(w.client->opened);
  CHECK(w.client->echoed == "hello" + big + "bye");
  std::string at_server;
  for (const auto& part : w.server->received) at_server += part;
  CHECK(at_server == "hello" + big + "bye");
  CHECK(w.server->closed == std::vector<std::string>{"peer closed"});
  CHECK(w.client->closed.empty());

  const std::vector<Segment> segs = segments(w.sim, w.c);
  REQUIRE(segs.size() >= 3);
  CHECK((segs[0].from_client && segs[0].flags == net::tcp_flag::kSyn && segs[0].has_mss));
  CHECK((!segs[1].from_client && segs[1].flags == (net::tcp_flag::kSyn | net::tcp_flag::kAck)));
  CHECK(segs[1].ack == segs[0].seq + 1);
  CHECK((segs[2].from_client && segs[2].flags == net::tcp_flag::kAck && segs[2].length == 0));
  CHECK(segs[2].ack == segs[1].seq + 1);

  // Each side's sequence numbers run on without gaps; acks never go back and never pass
  // what the other side sent.
  std::uint32_t next[2] = {segs[0].seq, segs[1].seq};
  std::uint32_t last_ack[2] = {0, 0};
  int fins = 0;
  std::size_t data_bytes[2] = {0, 0};
  for (const auto& sg : segs) {
    const int me = sg.from_client ? 0 : 1;
    if (sg.flags & net::tcp_flag::kRst) FAIL("unexpected RST");
    CHECK(sg.seq == next[me]);
    next[me] += static_cast<std::uint32_t>(sg.length) + (has(sg.flags, net::tcp_flag::kSyn) ? 1 : 0) +
                (has(sg.flags, net::tcp_flag::kFin) ? 1 : 0);
    if (has(sg.flags, net::tcp_flag::kAck)) {
      CHECK(sg.ack >= last_ack[me]);
      CHECK(sg.ack <= next[1 - me]);
      last_ack[me] = sg.ack;
    }
    CHECK(sg.length <= 1460);
    if (sg.length) CHECK(has(sg.flags, net::tcp_flag::kAck | net::tcp_flag::kPsh));
    data_bytes[me] += sg.length;
    fins += has(sg.flags, net::tcp_flag::kFin);
  }
  CHECK(data_bytes[0] == 4008);
  CHECK(data_bytes[1] == 4008);
  CHECK(fins == 2);
  // Everything is acknowledged at the end: the client's last ACK covers the server's FIN.
  CHECK(last_ack[0] == next[1]);
  CHECK(last_ack[1] == next[0]);
  CHECK((segs.back().from_client && segs.back().flags == net::tcp_flag::kAck));
  // The client's 4008 bytes went as 1460 + 1460 + 1088 (queued before the connection was up).
  CHECK(segs[3].length == 1460);
  CHECK(segs[4].length == 1460);
  CHECK(segs[5].length == 1088);
}

TEST_CASE("TCP to a port nobody listens on is refused with a RST") {
  TcpWorld w({"hello"}, 7001, false);
  w.sim.run_until_idle(1min);
  CHECK_FALSE(w.client->opened);
  CHECK(w.client->closed == std::vector<std::string>{"connection refused"});
  const std::vector<Segment> segs = segments(w.sim, w.c);
  REQUIRE(segs.size() == 2);
  CHECK(segs[0].flags == net::tcp_flag::kSyn);
  CHECK(segs[1].flags == (net::tcp_flag::kRst | net::tcp_flag::kAck));
  CHECK(segs[1].ack == segs[0].seq + 1);
  const auto& tr = w.sim.trace();
  CHECK(std::any_of(tr.begin(), tr.end(), [&](const TraceRecord& t) {
    return t.node == w.s && t.kind == TraceKind::link && t.text.rfind("no listener: tcp", 0) == 0;
  }));
}

TEST_CASE("TCP runs replay identically for a seed") {
  auto run = [](std::uint64_t seed) {
    TcpWorld w({"one", "two", std::string(3000, 'z')}, 7000, true, seed);
    w.sim.run_until_idle(1min);
    return std::make_pair(w.sim.tap().bytes(), w.sim.trace());
  };
  CHECK(run(9) == run(9));
  CHECK(run(9).first != run(10).first);  // other initial sequence numbers and jitter
}

TEST_CASE("the pcap is read back by the project's reader and by tshark") {
  TcpWorld w({"hello", std::string(2000, 'y')}, 7000, true);
  w.sim.run_until_idle(1min);
  const auto& frames = w.sim.tap().frames();
  REQUIRE(frames.size() > 8);
  const std::string path =
      (std::filesystem::temp_directory_path() / ("ts_sim_test_" + std::to_string(::getpid()) + ".pcap")).string();
  const auto written = w.sim.tap().write(path);
  REQUIRE(written.ok());
  CHECK(written.value() == frames.size());

  auto src = capture::open_capture(path);
  REQUIRE(src.ok());
  CHECK((*src)->linktype() == PcapTap::kLinktypeEthernet);
  capture::CaptureFrame f;
  std::size_t n = 0;
  while ((*src)->next(f)) {
    REQUIRE(n < frames.size());
    CHECK(f.timestamp == frames[n].time);
    CHECK(Bytes(f.data.begin(), f.data.end()) == frames[n].data);
    CHECK(f.original_length == frames[n].data.size());
    ++n;
  }
  CHECK(n == frames.size());
  CHECK((*src)->truncated_message().empty());
  src.value().reset();

  if (std::system("command -v tshark >/dev/null 2>&1") != 0) {
    WARN("tshark not installed: skipped");
  } else {
    // Every frame is read, checksums verify, and no expert warning or error is raised
    // (a broken handshake or a sequence gap would be one).
    const std::string cmd = "tshark -n -r " + path +
                            " -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE"
                            " -T fields -e frame.number -e _ws.expert.severity 2>/dev/null";
    std::FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[4096];
    while (std::size_t got = std::fread(buf, 1, sizeof buf, p)) out.append(buf, got);
    const int status = ::pclose(p);
    CHECK(status == 0);
    INFO(out);
    CHECK(static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')) == frames.size());
    // Severity values: 2097152 chat, 4194304 note, 6291456 warning, 8388608 error.
    CHECK(out.find("6291456") == std::string::npos);
    CHECK(out.find("8388608") == std::string::npos);
  }
  if (!std::getenv("TS_SIM_KEEP_PCAP")) std::filesystem::remove(path);  // set it to look at the file
}
