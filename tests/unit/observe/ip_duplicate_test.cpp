// The IP-level duplicate check of Analyzer::on_ipv4: the same IPv4 packet captured twice at
// different points (so the link-layer bytes differ) is skipped; a packet that differs in its
// IP header (here the Identification) is a packet of its own.
#include <catch2/catch.hpp>

#include "dissectors/l2tp/avp_table.h"
#include "tests/tools/capture_frames.h"
#include "tests/tools/scenarios/l2tp_builder.h"
#include "tests/tools/scenarios/scenario.h"

using namespace ts;
using namespace ts::testing;
using l2tp::AvpType;
using l2tp::MessageType;
using l2tp::to_u16;

namespace {

constexpr std::size_t kEthernetHeader = 14;
constexpr std::size_t kIpIdentification = kEthernetHeader + 4;  // RFC 791 §3.1

// A tunnel with one ICRQ (frame 3) on an Ethernet capture.
Frames tunnel_with_icrq() {
  CaptureBuilder b{scenario_epoch()};
  L2tpLink link{b, L2tpSide{make_host("192.0.2.10", 10), 1701, 5, 0},
                L2tpSide{make_host("192.0.2.1", 1), 1701, 6, 0}};
  auto u16 = [](AvpType t, std::uint16_t v) { return l2tp::make_avp_u16(to_u16(t), v, true); };
  const auto framing = l2tp::make_avp_framing(AvpType::framing_capabilities, false, true);
  const auto host = l2tp::make_avp_string(to_u16(AvpType::host_name), "h", true);
  link.control(
      0, MessageType::sccrq,
      {l2tp::make_avp_protocol_version(), framing, host, u16(AvpType::assigned_tunnel_id, 5)});
  link.side(1).peer_tunnel_id = 5;
  link.control(
      1, MessageType::sccrp,
      {l2tp::make_avp_protocol_version(), framing, host, u16(AvpType::assigned_tunnel_id, 6)});
  link.side(0).peer_tunnel_id = 6;
  link.control(0, MessageType::scccn, {});
  link.control(0, MessageType::icrq,
               {u16(AvpType::assigned_session_id, 11),
                l2tp::make_avp_u32(to_u16(AvpType::call_serial_number), 1, true)});
  link.zlb(1);
  return frames_of(b);
}

// The capture again, with `copy` inserted 0.1 ms after frame 3.
observe::Analysis with_copy_of_icrq(const Frames& f, const Bytes& copy) {
  CaptureBuilder b{scenario_epoch()};
  for (std::size_t i = 0; i < f.data.size(); ++i) {
    b.advance(f.ts[i] - b.now());
    b.raw(f.data[i]);
    if (i == 3) {
      b.advance_ms(0.1);
      b.raw(copy);
    }
  }
  return analyze(b);
}

bool has_diag(const observe::Analysis& an, std::string_view id) {
  for (const auto& c : an.connections)
    for (const auto& d : c.diags)
      if (d.diag.def->id == id) return true;
  for (const auto& d : an.capture_diags)
    if (d.diag.def->id == id) return true;
  return false;
}

}  // namespace

TEST_CASE("the same IP packet behind another Ethernet header is skipped as a capture duplicate") {
  const auto f = tunnel_with_icrq();
  REQUIRE(f.data.size() == 5);
  Bytes copy = f.data[3];
  REQUIRE(copy.size() > kIpIdentification + 2);
  REQUIRE((copy[12] == 0x08 && copy[13] == 0x00));  // IPv4 over Ethernet
  copy[0] ^= 0x02;                                  // another destination MAC: a new frame
  const auto an = with_copy_of_icrq(f, copy);
  REQUIRE(an.connections.size() == 1);
  CHECK(an.connections.front().control[0].retransmissions == 0);
  CHECK(has_diag(an, "capture.duplicate_frames"));
}

TEST_CASE("an IP packet with another Identification is not a capture duplicate") {
  const auto f = tunnel_with_icrq();
  REQUIRE(f.data.size() == 5);
  Bytes copy = f.data[3];
  REQUIRE((copy[12] == 0x08 && copy[13] == 0x00));
  copy[kIpIdentification + 1] ^= 0x01;  // the checksum is not verified by the analyzer
  const auto an = with_copy_of_icrq(f, copy);
  REQUIRE(an.connections.size() == 1);
  CHECK(an.connections.front().control[0].retransmissions == 1);
  CHECK_FALSE(has_diag(an, "capture.duplicate_frames"));
}
