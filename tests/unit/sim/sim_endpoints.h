#pragma once
// Small fake endpoints for the simulator tests: a UDP pinger and echoer, a TCP client and
// server exchanging a few messages, a GRE sender, and a broken endpoint that always wants to run.
#include <optional>
#include <string>
#include <vector>

#include "src/engine/endpoint.h"

namespace ts::sim::test {

using namespace std::chrono_literals;

using engine::append_action;

// Sends "ping <n>" to `peer` every `interval` (the first at start + interval), `count` times;
// counts the replies and remembers when each arrived and when on_deadline ran.
class Pinger : public engine::Endpoint {
 public:
  Pinger(Instant start, std::string peer, int count, Duration interval = 1s,
         engine::ChannelKind kind = engine::ChannelKind::udp)
      : peer_(std::move(peer)), count_(count), interval_(interval), kind_(kind), next_(start + interval) {}
  engine::Actions handle(Instant now, const engine::Input& in) override {
    if (const auto* r = std::get_if<engine::Received>(&in)) {
      replies.push_back(std::string(r->data.begin(), r->data.end()));
      reply_times.push_back(now);
    }
    return {};
  }
  engine::Actions on_deadline(Instant now) override {
    deadline_calls.push_back(now);
    engine::Actions out;
    if (!open_) {
      append_action(out, engine::OpenChannel{1, kind_, peer_});
      append_action(out, engine::StateChange{"pinger", "idle", "running"});
      open_ = true;
    }
    const std::string text = "ping " + std::to_string(sent_);
    append_action(out, engine::Send{1, Bytes(text.begin(), text.end())});
    send_times.push_back(now);
    asked.push_back(*next_);
    if (++sent_ >= count_) {
      next_.reset();
      append_action(out, engine::StateChange{"pinger", "running", "done"});
    } else {
      *next_ += interval_;
    }
    return out;
  }
  std::optional<Instant> next_deadline() const override { return next_; }

  std::vector<std::string> replies;
  std::vector<Instant> reply_times, send_times, deadline_calls, asked;

 private:
  std::string peer_;
  int count_;
  Duration interval_;
  engine::ChannelKind kind_;
  std::optional<Instant> next_;
  int sent_ = 0;
  bool open_ = false;
};

// Echoes every datagram or stream chunk on the channel it came from.
class Echoer : public engine::Endpoint {
 public:
  engine::Actions handle(Instant, const engine::Input& in) override {
    engine::Actions out;
    if (const auto* r = std::get_if<engine::Received>(&in)) {
      received.push_back(std::string(r->data.begin(), r->data.end()));
      if (received.size() == 1) append_action(out, engine::StateChange{"echo", "idle", "active"});
      append_action(out, engine::Send{r->channel, r->data});
    }
    if (const auto* c = std::get_if<engine::Closed>(&in)) closed.push_back(c->reason);
    return out;
  }
  engine::Actions on_deadline(Instant) override { return {}; }
  std::optional<Instant> next_deadline() const override { return std::nullopt; }
  std::vector<std::string> received;
  std::vector<std::string> closed;
};

// On the "go" command: opens TCP to `peer`, sends each message once connected, closes after
// as many bytes came back as it sent.
class TcpClient : public engine::Endpoint {
 public:
  TcpClient(std::string peer, std::vector<std::string> messages)
      : peer_(std::move(peer)), messages_(std::move(messages)) {}
  engine::Actions handle(Instant, const engine::Input& in) override {
    engine::Actions out;
    if (const auto* c = std::get_if<engine::Command>(&in); c && c->name == "go") {
      append_action(out, engine::OpenChannel{5, engine::ChannelKind::tcp, peer_});
      for (const auto& m : messages_) {
        append_action(out, engine::Send{5, Bytes(m.begin(), m.end())});
        expected_ += m.size();
      }
    }
    if (std::holds_alternative<engine::Opened>(in)) opened = true;
    if (const auto* c = std::get_if<engine::Closed>(&in)) closed.push_back(c->reason);
    if (const auto* r = std::get_if<engine::Received>(&in)) {
      echoed.append(r->data.begin(), r->data.end());
      if (echoed.size() == expected_) append_action(out, engine::CloseChannel{5});
    }
    return out;
  }
  engine::Actions on_deadline(Instant) override { return {}; }
  std::optional<Instant> next_deadline() const override { return std::nullopt; }
  bool opened = false;
  std::string echoed;
  std::vector<std::string> closed;

 private:
  std::string peer_;
  std::vector<std::string> messages_;
  std::size_t expected_ = 0;
};

// Wants on_deadline at the current time, forever: runs must still end.
class Spinner : public engine::Endpoint {
 public:
  explicit Spinner(Instant start) : t_(start) {}
  engine::Actions handle(Instant, const engine::Input&) override { return {}; }
  engine::Actions on_deadline(Instant) override {
    ++calls;
    return {};
  }
  std::optional<Instant> next_deadline() const override { return t_; }
  std::uint64_t calls = 0;

 private:
  Instant t_;
};

// Sends `count` numbered datagrams at once at start + 1 s; a receiver records their order.
class Burst : public engine::Endpoint {
 public:
  Burst(Instant start, std::string peer, int count) : peer_(std::move(peer)), count_(count), at_(start + 1s) {}
  engine::Actions handle(Instant, const engine::Input&) override { return {}; }
  engine::Actions on_deadline(Instant) override {
    engine::Actions out;
    append_action(out, engine::OpenChannel{1, engine::ChannelKind::udp, peer_});
    for (int i = 0; i < count_; ++i)
      append_action(out,
             engine::Send{1, Bytes{static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i), 0, 0, 0, 0, 0, 0}});
    at_.reset();
    return out;
  }
  std::optional<Instant> next_deadline() const override { return at_; }

 private:
  std::string peer_;
  int count_;
  std::optional<Instant> at_;
};

// Records the number in the first two bytes of each datagram, and when it arrived.
class Sink : public engine::Endpoint {
 public:
  engine::Actions handle(Instant now, const engine::Input& in) override {
    if (const auto* r = std::get_if<engine::Received>(&in)) {
      order.push_back(r->data.at(0) * 256 + r->data.at(1));
      times.push_back(now);
    }
    return {};
  }
  engine::Actions on_deadline(Instant) override { return {}; }
  std::optional<Instant> next_deadline() const override { return std::nullopt; }
  std::vector<int> order;
  std::vector<Instant> times;
};

}  // namespace ts::sim::test
