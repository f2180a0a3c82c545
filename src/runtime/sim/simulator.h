#pragma once
// Simulator: a deterministic discrete-event driver for sans-I/O endpoints (src/engine/endpoint.h).
// No real clock, no sockets, no threads: a virtual clock, point-to-point links with seeded
// impairments (link_impairment.h) and one ordered event queue keyed by (time, sequence
// number), so simultaneous events run in the order they were scheduled and the same seed,
// nodes, links and commands always give the same trace and the same pcap bytes.
//
// Endpoints are driven exactly through the engine contract: Received / Opened / Closed /
// Command inputs via handle(), on_deadline() at next_deadline() (re-read after every call;
// a deadline in the past runs at the current time). Actions are carried out in order:
//   Send          UDP / GRE: one datagram; TCP: segments of at most 1460 bytes (data sent
//                 before the connection is up is held and sent once it is).
//   OpenChannel   peer "a.b.c.d:port" (UDP, TCP) or "a.b.c.d" (GRE); a node name may stand
//                 for the address ("lns:1701"). UDP and GRE channels are Opened at once (an
//                 event at the current time); TCP runs SYN / SYN-ACK / ACK over the link and
//                 the client is Opened when the SYN-ACK arrives, the server gets a new
//                 channel (driver-chosen id, from kAcceptedChannelBase up) and Opened when the
//                 handshake ACK arrives. No listener: RST, and Closed "connection refused".
//                 No link to the peer: Closed "no route to host". ppp_stream: Closed
//                 "not simulated". A UDP channel's source port is the destination port when
//                 the node listens on that UDP port (L2TP's 1701 <-> 1701), else ephemeral
//                 (49152 up, per node).
//   CloseChannel  UDP / GRE: forgotten. TCP: FIN; the peer gets Closed "peer closed" and
//                 answers FIN-ACK, the closer ACKs it. The closer gets no Closed input.
//   StateChange, Violation: appended to trace() with the time and node.
// Datagrams reaching a node go to the channel matching (local port, remote address, remote
// port) (GRE: remote address), else to a listener (listen()), which accepts them on a new
// channel (Opened, then Received), else they are dropped with a trace record.
//
// TCP data reaching a side that already closed is acknowledged and discarded (trace record).
//
// Every run is bounded: by a time limit and by a maximum number of events.
// Limits: IPv4 only, one link per node pair (no routing), no IP fragmentation (a datagram
// over one IPv4 packet is refused with a trace record), no ICMP errors. NodeIds are 0, 1, ...
// in add_node() order; an unknown node or a missing link passed to the API is a bug
// (assertion or std::out_of_range), not a runtime condition. The tap: see PcapTap.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "src/engine/endpoint.h"
#include "src/runtime/sim/link_impairment.h"
#include "src/runtime/sim/pcap_tap.h"
#include "src/runtime/sim/sim_link.h"
#include "src/runtime/sim/tcp_sequencer.h"
#include "src/runtime/sim/trace_record.h"
#include "src/runtime/sim/wire_frame.h"

namespace ts::sim {

struct SimOptions {
  std::uint64_t seed = 1;
  // Virtual time of the start; endpoints and pcap timestamps see absolute instants from it.
  // Default 2026-01-01T00:00:00Z so captures open at a plausible date.
  Instant start = instant_from_ns(1767225600LL * 1000000000LL);
  TapPosition tap = TapPosition::sender;
  std::uint32_t snaplen = 262144;
};

struct NodeOptions {
  std::optional<net::IpAddress> ip;    // default 10.0.0.<n>, n = 1-based node number
  std::optional<net::MacAddress> mac;  // default 02:00:5e:00:00:<n>
};

enum class RunStop : std::uint8_t { idle, time_limit, event_limit };

struct RunResult {
  RunStop stop = RunStop::idle;
  std::uint64_t events = 0;  // events processed by this run
};

class Simulator {
 public:
  static constexpr std::uint64_t kDefaultMaxEvents = 1000000;
  static constexpr engine::ChannelId kAcceptedChannelBase = 0x80000000U;

  explicit Simulator(SimOptions options = {});
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Adds a node owning `endpoint`; its first deadline is scheduled at once.
  NodeId add_node(std::string name, std::unique_ptr<engine::Endpoint> endpoint, NodeOptions options = {});
  // A link between two nodes (at most one per pair); `b_to_a` defaults to `a_to_b`.
  void connect(NodeId a, NodeId b, const LinkImpairment& a_to_b = {},
               std::optional<LinkImpairment> b_to_a = std::nullopt);
  void set_impairment(NodeId from, NodeId to, const LinkImpairment& impairment);
  // One-shot rule on the from -> to direction (see DropRule).
  void drop_next(NodeId from, NodeId to, DropRule rule);
  // Accept UDP datagrams / TCP connections on `port`, or GRE from any peer (port ignored).
  void listen(NodeId node, engine::ChannelKind kind, std::uint16_t port = 0);
  // Delivers `command` to the node's handle() at `at` (not before now()).
  void schedule_command(NodeId node, Instant at, engine::Command command);

  // Processes every event due at or before `until`, then sets now() to `until`; stops
  // early (now() at the last event) after max_events events.
  RunResult run_until(Instant until, std::uint64_t max_events = kDefaultMaxEvents);
  // Runs until no event is left (idle), or now() + max_time, or max_events events.
  RunResult run_until_idle(Duration max_time, std::uint64_t max_events = kDefaultMaxEvents);

  Instant now() const { return now_; }
  Instant start() const { return options_.start; }
  std::uint64_t events_processed() const { return events_total_; }
  const std::vector<TraceRecord>& trace() const { return trace_; }
  const PcapTap& tap() const { return tap_; }
  const LinkStats& stats(NodeId from, NodeId to) const;
  engine::Endpoint& endpoint(NodeId node);
  const std::string& name(NodeId node) const;
  const NodeAddress& address(NodeId node) const;

 private:
  struct Channel {
    engine::ChannelKind kind = engine::ChannelKind::udp;
    NodeId remote = 0;
    std::uint16_t local_port = 0;
    std::uint16_t remote_port = 0;
    std::size_t conn = 0;    // TCP: index into conns_
    int side = 0;            // TCP: 0 client, 1 server
    bool connected = false;  // TCP: handshake done
    Bytes pending;           // TCP: data sent before the handshake finished
  };
  struct Node {
    std::string name;
    std::unique_ptr<engine::Endpoint> endpoint;
    NodeAddress addr;
    std::map<engine::ChannelId, Channel> channels;
    std::set<std::pair<engine::ChannelKind, std::uint16_t>> listeners;
    std::uint64_t deadline_generation = 0;  // older deadline events are stale
    engine::ChannelId next_accepted = kAcceptedChannelBase;
    std::uint16_t next_ephemeral = 49152;
    std::uint16_t ip_id = 1;
  };
  enum class TcpState : std::uint8_t { syn_sent, syn_received, established, closed };
  struct TcpConn {
    std::array<NodeId, 2> node{};
    std::array<std::uint16_t, 2> port{};
    std::array<std::optional<engine::ChannelId>, 2> channel;  // unset: not accepted yet, or closed
    TcpSequencer seq;
    TcpState state = TcpState::syn_sent;
    std::array<bool, 2> fin_sent{};
    std::array<bool, 2> ack_pending{};  // data received and not acknowledged yet
  };
  struct Packet {
    engine::ChannelKind kind = engine::ChannelKind::udp;
    NodeId from = 0;
    NodeId to = 0;
    std::uint16_t sport = 0;
    std::uint16_t dport = 0;
    Bytes payload;         // UDP payload, whole GRE packet, or TCP segment data
    std::size_t conn = 0;  // TCP
    int side = 0;          // TCP: the sending side
    net::TcpHeader tcp;    // TCP
    Bytes frame;           // the Ethernet frame, for the tap
  };
  enum class EventType : std::uint8_t { deliver, deadline, input };
  struct Event {
    EventType type = EventType::input;
    NodeId node = 0;
    std::uint64_t generation = 0;  // deadline
    Packet packet;                 // deliver
    engine::Input input;           // input
  };
  using EventKey = std::pair<Instant, std::uint64_t>;

  Node& node(NodeId id);
  SimLink* link_between(NodeId from, NodeId to);
  void push(Instant at, Event ev);
  RunResult run(Instant until, std::uint64_t max_events, bool until_is_hard);
  void process(Event& ev);
  void reschedule_deadline(NodeId id);
  void dispatch(NodeId id, const engine::Input& input);
  void execute(NodeId id, const engine::Actions& actions);
  void act(NodeId id, const engine::Send& a);
  void act(NodeId id, const engine::OpenChannel& a);
  void act(NodeId id, const engine::CloseChannel& a);
  void act(NodeId id, const engine::StateChange& a);
  void act(NodeId id, const engine::Violation& a);
  void note(NodeId id, TraceKind kind, std::string text);
  void later(NodeId id, engine::Input input);  // an input at the current time, after this step
  std::optional<std::pair<NodeId, std::uint16_t>> resolve(const std::string& peer) const;
  void transmit(Packet p);
  void deliver(Packet& p);
  void deliver_datagram(Packet& p);
  void deliver_tcp(Packet& p);
  void tcp_emit(std::size_t conn, int side, std::uint16_t flags, ByteView payload = {});
  void tcp_send(std::size_t conn, int side, ByteView data);
  std::string describe(const Packet& p) const;

  SimOptions options_;
  Instant now_;
  std::uint64_t next_seq_ = 0;
  std::uint64_t events_total_ = 0;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<std::unique_ptr<SimLink>> links_;
  std::map<std::pair<NodeId, NodeId>, std::size_t> link_index_;  // (low, high) -> links_
  std::vector<std::unique_ptr<TcpConn>> conns_;
  std::map<EventKey, Event> queue_;
  std::vector<TraceRecord> trace_;
  PcapTap tap_;
};

}  // namespace ts::sim
