#include "src/runtime/sim/simulator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <charconv>

#include "dissectors/net/ipv4.h"

namespace ts::sim {

namespace {
const char* kind_name(engine::ChannelKind k) {
  switch (k) {
    case engine::ChannelKind::udp:
      return "udp";
    case engine::ChannelKind::tcp:
      return "tcp";
    case engine::ChannelKind::gre:
      return "gre";
    case engine::ChannelKind::ppp_stream:
      return "ppp_stream";
  }
  return "?";
}
}  // namespace

Simulator::Simulator(SimOptions options) : options_(options), now_(options.start), tap_(options.snaplen) {}

Simulator::~Simulator() = default;

Simulator::Node& Simulator::node(NodeId id) { return *nodes_.at(id); }

engine::Endpoint& Simulator::endpoint(NodeId id) { return *node(id).endpoint; }
const std::string& Simulator::name(NodeId id) const { return nodes_.at(id)->name; }
const NodeAddress& Simulator::address(NodeId id) const { return nodes_.at(id)->addr; }

NodeId Simulator::add_node(std::string name, std::unique_ptr<engine::Endpoint> endpoint, NodeOptions options) {
  assert(endpoint && "a node needs an endpoint");
  const auto id = static_cast<NodeId>(nodes_.size());
  const std::uint32_t n = id + 1;
  auto nd = std::make_unique<Node>();
  nd->name = std::move(name);
  nd->endpoint = std::move(endpoint);
  nd->addr.ip = options.ip.value_or(net::IpAddress::v4(0x0A000000U + n));
  nd->addr.mac = options.mac.value_or(
      net::MacAddress{0x02, 0x00, 0x5e, 0x00, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)});
  nodes_.push_back(std::move(nd));
  reschedule_deadline(id);
  return id;
}

void Simulator::connect(NodeId a, NodeId b, const LinkImpairment& a_to_b, std::optional<LinkImpairment> b_to_a) {
  assert(a != b && a < nodes_.size() && b < nodes_.size());
  const auto key = std::minmax(a, b);
  if (auto* existing = link_between(a, b)) {
    existing->set_impairment(existing->direction_from(a), a_to_b);
    existing->set_impairment(existing->direction_from(b), b_to_a.value_or(a_to_b));
    return;
  }
  link_index_[{key.first, key.second}] = links_.size();
  links_.push_back(std::make_unique<SimLink>(a, b, a_to_b, b_to_a.value_or(a_to_b), options_.seed, links_.size()));
}

SimLink* Simulator::link_between(NodeId from, NodeId to) {
  const auto key = std::minmax(from, to);
  auto it = link_index_.find({key.first, key.second});
  return it == link_index_.end() ? nullptr : links_[it->second].get();
}

void Simulator::set_impairment(NodeId from, NodeId to, const LinkImpairment& impairment) {
  SimLink* l = link_between(from, to);
  assert(l && "no link between these nodes");
  l->set_impairment(l->direction_from(from), impairment);
}

void Simulator::drop_next(NodeId from, NodeId to, DropRule rule) {
  SimLink* l = link_between(from, to);
  assert(l && "no link between these nodes");
  l->add_drop_rule(l->direction_from(from), std::move(rule));
}

const LinkStats& Simulator::stats(NodeId from, NodeId to) const {
  static const LinkStats kNone;
  const auto key = std::minmax(from, to);
  auto it = link_index_.find({key.first, key.second});
  if (it == link_index_.end()) return kNone;
  const SimLink& l = *links_[it->second];
  return l.stats(l.direction_from(from));
}

void Simulator::listen(NodeId id, engine::ChannelKind kind, std::uint16_t port) {
  node(id).listeners.insert({kind, kind == engine::ChannelKind::gre ? std::uint16_t{0} : port});
}

void Simulator::schedule_command(NodeId id, Instant at, engine::Command command) {
  Event ev;
  ev.type = EventType::input;
  ev.node = id;
  ev.input = std::move(command);
  push(std::max(at, now_), std::move(ev));
}

void Simulator::push(Instant at, Event ev) { queue_.emplace(EventKey{at, next_seq_++}, std::move(ev)); }

RunResult Simulator::run_until(Instant until, std::uint64_t max_events) { return run(until, max_events, true); }

RunResult Simulator::run_until_idle(Duration max_time, std::uint64_t max_events) {
  return run(now_ + max_time, max_events, false);
}

RunResult Simulator::run(Instant until, std::uint64_t max_events, bool until_is_hard) {
  RunResult r;
  while (true) {
    if (queue_.empty()) {
      if (until_is_hard) now_ = std::max(now_, until);
      r.stop = RunStop::idle;
      return r;
    }
    auto it = queue_.begin();
    if (it->second.type == EventType::deadline && it->second.generation != node(it->second.node).deadline_generation) {
      queue_.erase(it);  // superseded by a later next_deadline() answer
      continue;
    }
    if (it->first.first > until) {
      now_ = std::max(now_, until);
      r.stop = RunStop::time_limit;
      return r;
    }
    if (r.events >= max_events) {
      r.stop = RunStop::event_limit;
      return r;
    }
    now_ = it->first.first;
    Event ev = std::move(it->second);
    queue_.erase(it);
    ++r.events;
    ++events_total_;
    process(ev);
  }
}

void Simulator::process(Event& ev) {
  switch (ev.type) {
    case EventType::deliver:
      deliver(ev.packet);
      break;
    case EventType::deadline:
      execute(ev.node, node(ev.node).endpoint->on_deadline(now_));
      reschedule_deadline(ev.node);
      break;
    case EventType::input:
      dispatch(ev.node, ev.input);
      break;
  }
}

void Simulator::reschedule_deadline(NodeId id) {
  Node& n = node(id);
  const std::uint64_t gen = ++n.deadline_generation;
  if (auto d = n.endpoint->next_deadline()) {
    Event ev;
    ev.type = EventType::deadline;
    ev.node = id;
    ev.generation = gen;
    push(std::max(*d, now_), std::move(ev));
  }
}

void Simulator::dispatch(NodeId id, const engine::Input& input) {
  if (const auto* o = std::get_if<engine::Opened>(&input))
    note(id, TraceKind::channel, fmt::format("opened {}", o->channel));
  if (const auto* c = std::get_if<engine::Closed>(&input))
    note(id, TraceKind::channel, fmt::format("closed {}: {}", c->channel, c->reason));
  execute(id, node(id).endpoint->handle(now_, input));
  reschedule_deadline(id);
}

void Simulator::later(NodeId id, engine::Input input) {
  Event ev;
  ev.type = EventType::input;
  ev.node = id;
  ev.input = std::move(input);
  push(now_, std::move(ev));
}

void Simulator::note(NodeId id, TraceKind kind, std::string text) {
  trace_.push_back(TraceRecord{now_, id, kind, std::move(text)});
}

void Simulator::execute(NodeId id, const engine::Actions& actions) {
  for (const auto& a : actions) std::visit([&](const auto& x) { act(id, x); }, a);
}

void Simulator::act(NodeId id, const engine::StateChange& a) {
  note(id, TraceKind::state, fmt::format("{}: {} -> {}", a.entity, a.from, a.to));
}

void Simulator::act(NodeId id, const engine::Violation& a) {
  const std::string_view def = a.def ? a.def->id : std::string_view("(no id)");
  note(id, TraceKind::violation, fmt::format("{}: {}{}", def, a.detail, a.by_us ? " (by us)" : ""));
}

std::optional<std::pair<NodeId, std::uint16_t>> Simulator::resolve(const std::string& peer) const {
  std::string host = peer;
  std::uint16_t port = 0;
  if (const auto colon = peer.rfind(':'); colon != std::string::npos) {
    host = peer.substr(0, colon);
    const char* b = peer.data() + colon + 1;
    const char* e = peer.data() + peer.size();
    auto [p, ec] = std::from_chars(b, e, port);
    if (ec != std::errc() || p != e) return std::nullopt;
  }
  const auto ip = net::IpAddress::parse(host);
  for (NodeId i = 0; i < nodes_.size(); ++i)
    if ((ip && nodes_[i]->addr.ip == *ip) || (!ip && nodes_[i]->name == host)) return std::make_pair(i, port);
  return std::nullopt;
}

void Simulator::act(NodeId id, const engine::OpenChannel& a) {
  Node& n = node(id);
  if (n.channels.count(a.channel)) {
    note(id, TraceKind::channel, fmt::format("open {}: channel id already in use", a.channel));
    return;
  }
  if (a.kind == engine::ChannelKind::ppp_stream) {
    later(id, engine::Closed{a.channel, "ppp_stream channels are not simulated"});
    return;
  }
  const auto peer = resolve(a.peer);
  if (!peer || peer->first == id || !link_between(id, peer->first)) {
    later(id, engine::Closed{a.channel, "no route to host"});
    return;
  }
  Channel c;
  c.kind = a.kind;
  c.remote = peer->first;
  c.remote_port = peer->second;
  if (a.kind == engine::ChannelKind::gre) {
    c.remote_port = 0;
  } else if (a.kind == engine::ChannelKind::udp && n.listeners.count({a.kind, peer->second})) {
    c.local_port = peer->second;
  } else {
    c.local_port = n.next_ephemeral;
    n.next_ephemeral =
        n.next_ephemeral == 65535 ? std::uint16_t{49152} : static_cast<std::uint16_t>(n.next_ephemeral + 1);
  }
  if (a.kind != engine::ChannelKind::tcp) {
    n.channels[a.channel] = std::move(c);
    later(id, engine::Opened{a.channel});
    return;
  }
  // Initial sequence numbers from the seed, in a stream family apart from the links' (~seed).
  const std::uint64_t k = conns_.size();
  const auto isn_c = static_cast<std::uint32_t>(SimRandom::derive(~options_.seed, 2 * k));
  const auto isn_s = static_cast<std::uint32_t>(SimRandom::derive(~options_.seed, 2 * k + 1));
  auto conn = std::make_unique<TcpConn>(TcpConn{
      {id, peer->first}, {c.local_port, peer->second}, {}, TcpSequencer(isn_c, isn_s), TcpState::syn_sent, {}, {}});
  conn->channel[0] = a.channel;
  c.conn = conns_.size();
  conns_.push_back(std::move(conn));
  n.channels[a.channel] = std::move(c);
  tcp_emit(conns_.size() - 1, 0, net::tcp_flag::kSyn);
}

void Simulator::act(NodeId id, const engine::Send& a) {
  Node& n = node(id);
  auto it = n.channels.find(a.channel);
  if (it == n.channels.end()) {
    note(id, TraceKind::channel, fmt::format("send on unknown channel {}", a.channel));
    return;
  }
  Channel& c = it->second;
  if (c.kind == engine::ChannelKind::tcp) {
    if (!c.connected)
      c.pending.insert(c.pending.end(), a.data.begin(), a.data.end());
    else
      tcp_send(c.conn, c.side, a.data);
    return;
  }
  const std::size_t l4 = a.data.size() + (c.kind == engine::ChannelKind::udp ? 8 : 0);
  if (!fits_ipv4(l4)) {
    note(id, TraceKind::link, fmt::format("send on {}: {} bytes do not fit one IPv4 packet", a.channel, a.data.size()));
    return;
  }
  Packet p;
  p.kind = c.kind;
  p.from = id;
  p.to = c.remote;
  p.sport = c.local_port;
  p.dport = c.remote_port;
  p.payload = a.data;
  transmit(std::move(p));
}

void Simulator::act(NodeId id, const engine::CloseChannel& a) {
  Node& n = node(id);
  auto it = n.channels.find(a.channel);
  if (it == n.channels.end()) {
    note(id, TraceKind::channel, fmt::format("close of unknown channel {}", a.channel));
    return;
  }
  const Channel c = std::move(it->second);
  n.channels.erase(it);
  if (c.kind != engine::ChannelKind::tcp) return;
  TcpConn& conn = *conns_[c.conn];
  conn.channel[c.side].reset();
  if (!c.connected) {  // still in the handshake: abort it
    conn.state = TcpState::closed;
    tcp_emit(c.conn, c.side, net::tcp_flag::kRst);
    return;
  }
  conn.fin_sent[c.side] = true;
  tcp_emit(c.conn, c.side, net::tcp_flag::kFin | net::tcp_flag::kAck);
}

std::string Simulator::describe(const Packet& p) const {
  const auto& s = nodes_.at(p.from)->addr.ip;
  const auto& d = nodes_.at(p.to)->addr.ip;
  if (p.kind == engine::ChannelKind::gre)
    return fmt::format("gre {} > {} len {}", s.to_string(), d.to_string(), p.payload.size());
  std::string text = fmt::format("{} {}:{} > {}:{} len {}", kind_name(p.kind), s.to_string(), p.sport, d.to_string(),
                                 p.dport, p.payload.size());
  if (p.kind == engine::ChannelKind::tcp) text += fmt::format(" [{}]", net::tcp_flags_string(p.tcp.flags));
  return text;
}

void Simulator::transmit(Packet p) {
  SimLink* link = link_between(p.from, p.to);
  if (!link) {
    note(p.from, TraceKind::link, "no route: " + describe(p));
    return;
  }
  Node& src = node(p.from);
  const NodeAddress& dst = node(p.to).addr;
  const std::uint16_t ip_id = src.ip_id++;
  switch (p.kind) {
    case engine::ChannelKind::udp:
      p.frame = udp_frame(src.addr, dst, ip_id, p.sport, p.dport, p.payload);
      break;
    case engine::ChannelKind::gre:
      p.frame = gre_frame(src.addr, dst, ip_id, p.payload);
      break;
    case engine::ChannelKind::tcp:
      p.frame = tcp_frame(src.addr, dst, ip_id, p.tcp, p.payload);
      break;
    case engine::ChannelKind::ppp_stream:
      return;
  }
  if (options_.tap == TapPosition::sender) tap_.record(now_, p.frame);
  const Transit t = link->transit(link->direction_from(p.from), now_, p.frame.size(), p.kind, p.payload);
  if (t.fate == Fate::lost) note(p.from, TraceKind::link, "lost: " + describe(p));
  if (t.fate == Fate::dropped_by_rule) note(p.from, TraceKind::link, "dropped by rule: " + describe(p));
  for (std::size_t i = 0; i < t.arrivals.size(); ++i) {
    Event ev;
    ev.type = EventType::deliver;
    ev.node = p.to;
    ev.packet = (i + 1 == t.arrivals.size()) ? std::move(p) : p;
    push(t.arrivals[i], std::move(ev));
  }
}

void Simulator::deliver(Packet& p) {
  if (options_.tap == TapPosition::receiver) tap_.record(now_, p.frame);
  if (p.kind == engine::ChannelKind::tcp)
    deliver_tcp(p);
  else
    deliver_datagram(p);
}

void Simulator::deliver_datagram(Packet& p) {
  Node& n = node(p.to);
  const bool udp = p.kind == engine::ChannelKind::udp;
  for (const auto& [cid, c] : n.channels) {
    if (c.kind != p.kind || c.remote != p.from) continue;
    if (udp && (c.local_port != p.dport || c.remote_port != p.sport)) continue;
    dispatch(p.to, engine::Received{cid, std::move(p.payload)});
    return;
  }
  if (!n.listeners.count({p.kind, udp ? p.dport : std::uint16_t{0}})) {
    note(p.to, TraceKind::link, "no listener: " + describe(p));
    return;
  }
  const engine::ChannelId cid = n.next_accepted++;
  Channel c;
  c.kind = p.kind;
  c.remote = p.from;
  c.local_port = udp ? p.dport : std::uint16_t{0};
  c.remote_port = udp ? p.sport : std::uint16_t{0};
  n.channels[cid] = std::move(c);
  dispatch(p.to, engine::Opened{cid});
  if (node(p.to).channels.count(cid)) dispatch(p.to, engine::Received{cid, std::move(p.payload)});
}

}  // namespace ts::sim
