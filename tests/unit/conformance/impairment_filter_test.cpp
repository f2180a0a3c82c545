// ImpairmentFilter (conformance/engine/impairment_filter.h): drop-next, delay-next,
// duplicate-next and reorder-next act on the device's packets before the script peer's
// protocol sees them, in the order given; expectations see every packet once, at its time.
#include <catch2/catch.hpp>

#include <chrono>

#include "conformance/engine/l2tp_script_peer.h"
#include "conformance/engine/impairment_filter.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"

using namespace ts;
using namespace ts::conformance;
using namespace std::chrono_literals;

namespace {

Bytes zlb(std::uint16_t nr) {
  l2tp::Message m;
  m.header.type_control = m.header.length_present = m.header.sequence_present = true;
  m.header.tunnel_id = 1;
  m.header.ns = 0;
  m.header.nr = nr;
  return l2tp::encode(m);
}

Bytes hello(std::uint16_t ns) {
  l2tp::Message m;
  m.header.type_control = m.header.length_present = m.header.sequence_present = true;
  m.header.tunnel_id = 1;
  m.header.ns = ns;
  m.message_type = 6;
  m.avps.push_back(l2tp::make_avp_message_type(6));
  return l2tp::encode(m);
}

// A script peer that shows what reached its protocol (processed) apart from what it
// recorded for expectations. A packet is {id, kind}: kind 1 is "a", 2 is "b".
class FakePeer : public ScriptPeer {
 public:
  engine::Actions handle(Instant now, const engine::Input& in) override {
    if (const auto* rx = std::get_if<engine::Received>(&in)) {
      processed.emplace_back(rx->data.at(0), now);
      if (recording()) received_.push_back(ReceivedMessage{now, WireMessage{name(rx->data), {}}});
    }
    return {};
  }
  engine::Actions on_deadline(Instant now) override {
    timer_runs.push_back(now);
    deadline.reset();
    return {};
  }
  std::optional<Instant> next_deadline() const override { return deadline; }
  const std::vector<ReceivedMessage>& received() const override { return received_; }
  const std::vector<std::string>& errors() const override { return errors_; }
  std::vector<std::string_view> packet_kinds() const override { return {"any", "a", "b"}; }
  bool packet_is(ByteView p, std::string_view kind) const override {
    return kind == "any" || (kind == "a" && p[1] == 1) || (kind == "b" && p[1] == 2);
  }
  bool droppable(engine::ChannelId channel) const override { return channel == 1; }
  void record_impaired(Instant now, ByteView p, std::string_view mark) override {
    received_.push_back(ReceivedMessage{now, WireMessage{name(p), {{std::string(mark), "yes"}}}});
  }

  std::vector<std::pair<int, Instant>> processed;  // packet id, when
  std::vector<Instant> timer_runs;
  std::optional<Instant> deadline;

 private:
  static std::string name(ByteView p) { return "P" + std::to_string(p[0]); }
  std::vector<ReceivedMessage> received_;
  std::vector<std::string> errors_;
};

const Instant t0{};

engine::Received pkt(std::uint8_t id, std::uint8_t kind = 1, engine::ChannelId channel = 1) {
  return engine::Received{channel, Bytes{id, kind}};
}

std::vector<int> processed_ids(const FakePeer& p) {
  std::vector<int> ids;
  for (const auto& [id, at] : p.processed) ids.push_back(id);
  return ids;
}

// What expectations see: names and marks, in recording order.
std::vector<std::string> recorded(const FakePeer& p) {
  std::vector<std::string> out;
  for (const auto& r : p.received()) {
    std::string s = r.message.name;
    for (const auto& [k, v] : r.message.fields) s += " " + k;
    out.push_back(s);
  }
  return out;
}

}  // namespace

TEST_CASE("drop-next loses only packets of its kind, as many as asked, rules in order") {
  L2tpScriptPeer peer("192.0.2.1:1701", "");
  ImpairmentFilter filter(peer);
  const Instant t{};
  filter.drop_next(1, "control");
  filter.drop_next(2, "ack");
  filter.handle(t, engine::Received{1, zlb(1)});    // an ack while the control rule counts: kept
  filter.handle(t, engine::Received{1, hello(0)});  // dropped (control 1/1)
  filter.handle(t, engine::Received{1, zlb(1)});    // dropped (ack 1/2)
  filter.handle(t, engine::Received{1, zlb(1)});    // dropped (ack 2/2)
  filter.handle(t, engine::Received{1, hello(1)});  // kept: no rule left
  CHECK(filter.dropped() == 3);
  // Every packet is in received() (it was on the wire); the lost ones are marked, and only
  // the others reached the peer's protocol (its channel saw Ns 1, from the second Hello).
  REQUIRE(peer.received().size() == 5);
  const char* names[] = {"ZLB", "HELLO", "ZLB", "ZLB", "HELLO"};
  const bool lost[] = {false, true, true, true, false};
  for (std::size_t i = 0; i < 5; ++i) {
    CAPTURE(i);
    CHECK(peer.received()[i].message.name == names[i]);
    CHECK((peer.received()[i].message.get("lost") == std::optional<std::string_view>("yes")) == lost[i]);
  }
}

TEST_CASE("the L2TP script peer classifies packets for drop-next by the codec") {
  L2tpScriptPeer peer("192.0.2.1:1701", "");
  CHECK(peer.packet_is(zlb(1), "ack"));
  CHECK(peer.packet_is(zlb(1), "zlb"));
  CHECK_FALSE(peer.packet_is(zlb(1), "control"));
  CHECK(peer.packet_is(hello(0), "control"));
  CHECK_FALSE(peer.packet_is(hello(0), "data"));
  CHECK(peer.packet_is(Bytes{0x00, 0x02}, "any"));
  CHECK_FALSE(peer.packet_is(Bytes{0xc8}, "control"));  // truncated: no kind
  CHECK_FALSE(peer.packet_is(hello(0), "unknown-kind"));
}

TEST_CASE("delay-next: recorded when sent, processed late, released in due-time order") {
  FakePeer peer;
  ImpairmentFilter filter(peer);
  filter.impair_next(Impairment{ImpairmentKind::delay, 2, "a", 300ms});
  filter.handle(t0, pkt(1));              // delayed to 300 ms
  filter.handle(t0 + 100ms, pkt(2, 2));   // kind b: passes at once
  filter.handle(t0 + 100ms, pkt(3));      // delayed to 400 ms
  filter.handle(t0 + 150ms, pkt(4));      // rule used up: at once
  CHECK(filter.counts().delayed == 2);
  CHECK(filter.held() == 2);
  CHECK(processed_ids(peer) == std::vector<int>{2, 4});
  // Expectations see the wire: each packet once, at its own time, the delayed ones marked.
  CHECK(recorded(peer) == std::vector<std::string>{"P1 delayed", "P2", "P3 delayed", "P4"});
  CHECK(peer.received()[0].time == t0);
  REQUIRE(filter.next_deadline() == t0 + 300ms);
  filter.on_deadline(t0 + 300ms);
  CHECK(processed_ids(peer) == std::vector<int>{2, 4, 1});
  CHECK(filter.next_deadline() == t0 + 400ms);
  filter.on_deadline(t0 + 400ms);
  CHECK(processed_ids(peer) == std::vector<int>{2, 4, 1, 3});
  CHECK(peer.processed.back().second == t0 + 400ms);
  CHECK(filter.held() == 0);
  CHECK_FALSE(filter.next_deadline());
  CHECK(peer.received().size() == 4);  // the late deliveries are not recorded again
  CHECK(peer.timer_runs.empty());      // the peer's timers were not due
}

TEST_CASE("delay-next: the filter's deadline and the peer's are both kept, each run when due") {
  FakePeer peer;
  ImpairmentFilter filter(peer);
  peer.deadline = t0 + 200ms;
  filter.impair_next(Impairment{ImpairmentKind::delay, 1, "any", 500ms});
  filter.handle(t0, pkt(1));
  CHECK(filter.next_deadline() == t0 + 200ms);
  filter.on_deadline(t0 + 200ms);
  CHECK(peer.timer_runs.size() == 1);
  CHECK(peer.processed.empty());
  CHECK(filter.next_deadline() == t0 + 500ms);
  filter.on_deadline(t0 + 500ms);
  CHECK(peer.timer_runs.size() == 1);
  CHECK(processed_ids(peer) == std::vector<int>{1});
}

TEST_CASE("duplicate-next: processed twice at once, recorded once") {
  FakePeer peer;
  ImpairmentFilter filter(peer);
  filter.impair_next(Impairment{ImpairmentKind::duplicate, 1, "b", {}});
  filter.handle(t0, pkt(1));
  filter.handle(t0 + 10ms, pkt(2, 2));
  filter.handle(t0 + 20ms, pkt(3, 2));
  CHECK(processed_ids(peer) == std::vector<int>{1, 2, 2, 3});
  CHECK(recorded(peer) == std::vector<std::string>{"P1", "P2 duplicated", "P3"});
  CHECK(filter.counts().duplicated == 1);
  CHECK(filter.held() == 0);
}

TEST_CASE("reorder-next: held until the next packet reaches the peer, then right after it") {
  FakePeer peer;
  ImpairmentFilter filter(peer);
  filter.impair_next(Impairment{ImpairmentKind::reorder, 2, "a", {}});
  filter.handle(t0, pkt(1));             // held
  filter.handle(t0 + 10ms, pkt(2));      // held too: consecutive held packets stay together
  CHECK(peer.processed.empty());
  filter.handle(t0 + 20ms, pkt(3));      // rule used up: delivered, then 1 and 2
  CHECK(processed_ids(peer) == std::vector<int>{3, 1, 2});
  CHECK(peer.processed[1].second == t0 + 20ms);
  CHECK(recorded(peer) == std::vector<std::string>{"P1 reordered", "P2 reordered", "P3"});
  CHECK(filter.counts().reordered == 2);
  CHECK(filter.held() == 0);
}

TEST_CASE("reorder-next: a packet lost or on another channel does not overtake; the hold is bounded") {
  FakePeer peer;
  ImpairmentFilter filter(peer);
  filter.impair_next(Impairment{ImpairmentKind::reorder, 1, "any", {}});
  filter.impair_next(Impairment{ImpairmentKind::drop, 1, "any", {}});
  filter.handle(t0, pkt(1));                  // held
  filter.handle(t0 + 10ms, pkt(2));           // lost: never reaches the peer
  filter.handle(t0 + 20ms, pkt(3, 1, 7));     // another channel (never impaired): at once
  CHECK(processed_ids(peer) == std::vector<int>{3});
  REQUIRE(filter.next_deadline() == t0 + ImpairmentFilter::kReorderHoldLimit);
  filter.on_deadline(t0 + ImpairmentFilter::kReorderHoldLimit);  // nobody overtook: late
  CHECK(processed_ids(peer) == std::vector<int>{3, 1});
  CHECK(recorded(peer) == std::vector<std::string>{"P1 reordered", "P2 lost", "P3"});
  CHECK(filter.counts().dropped == 1);
}

TEST_CASE("impairments act on their kind only, never on other channels, and rules run in order") {
  FakePeer peer;
  ImpairmentFilter filter(peer);
  filter.impair_next(Impairment{ImpairmentKind::duplicate, 1, "b", {}});
  filter.impair_next(Impairment{ImpairmentKind::drop, 1, "a", {}});
  filter.impair_next(Impairment{ImpairmentKind::delay, 0, "a", 1s});  // count 0: no rule
  filter.handle(t0, pkt(1, 1));          // a, while the duplicate-b rule counts: untouched
  filter.handle(t0, pkt(2, 2, 7));       // b on a channel never impaired: untouched
  filter.handle(t0, pkt(3, 2));          // duplicated
  filter.handle(t0, pkt(4, 1));          // dropped
  filter.handle(t0, pkt(5, 1));          // no rule left
  CHECK(processed_ids(peer) == std::vector<int>{1, 2, 3, 3, 5});
  CHECK(recorded(peer) == std::vector<std::string>{"P1", "P2", "P3 duplicated", "P4 lost", "P5"});
  CHECK_FALSE(filter.next_deadline());
}

TEST_CASE("the L2TP peer processes a delayed message late: its acknowledgement waits for it") {
  L2tpScriptPeer peer("192.0.2.1:1701", "");
  ImpairmentFilter filter(peer);
  filter.impair_next(Impairment{ImpairmentKind::delay, 1, "control", 2s});
  filter.handle(t0, engine::Received{1, hello(0)});
  REQUIRE(peer.received().size() == 1);
  CHECK(peer.received()[0].message.get("delayed") == std::optional<std::string_view>("yes"));
  CHECK_FALSE(peer.next_deadline());  // nothing to acknowledge yet
  CHECK(filter.next_deadline() == t0 + 2s);
  filter.on_deadline(t0 + 2s);
  CHECK(peer.next_deadline());  // the Hello reached the channel: a ZLB ACK is due
  CHECK(peer.received().size() == 1);
}
