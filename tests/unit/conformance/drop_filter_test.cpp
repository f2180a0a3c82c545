// DropFilter (conformance/engine/drop_filter.h): `drop-next N KIND` on a live run loses the
// device's packets of that kind before the script peer sees them, in the order given.
#include <catch2/catch.hpp>

#include "conformance/engine/l2tp_script_peer.h"
#include "conformance/engine/drop_filter.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"

using namespace ts;
using namespace ts::conformance;

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

}  // namespace

TEST_CASE("drop-next loses only packets of its kind, as many as asked, rules in order") {
  L2tpScriptPeer peer("192.0.2.1:1701", "");
  DropFilter filter(peer);
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
