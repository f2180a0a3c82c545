// Hand-written byte vectors laid out from the formats of RFC 2661 §3.1 and §4.4, decoded to
// the fields the RFC defines. Each vector is annotated octet group by octet group.
#include <catch2/catch.hpp>

#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/describe.h"
#include "dissectors/l2tp/message.h"
#include "dissectors/l2tp/required_avps.h"

using namespace ts;
using namespace ts::l2tp;

TEST_CASE("SCCRQ from the §3.1 header and §4.4.1/§4.4.3 AVP formats") {
  const Bytes wire = from_hex(
      "c802 0040 0000 0000 0000 0000"  // T L S Ver2, Length 64, tunnel 0, session 0, Ns 0, Nr 0
      "8008 0000 0000 0001"            // M, Len 8, Message Type = 1 (SCCRQ)
      "8008 0000 0002 0100"            // Protocol Version 1.0
      "800a 0000 0003 0000 0003"       // Framing Capabilities A|S
      "800a 0000 0007 6c61 6331"       // Host Name "lac1"
      "8008 0000 0009 000c"            // Assigned Tunnel ID 12
      "8008 0000 000a 0004");          // Receive Window Size 4
  const auto d = decode(wire);
  CHECK(d.complete);
  CHECK(d.diags.empty());
  const Message& m = d.value;
  CHECK(m.header.type_control);
  CHECK(m.header.length == 64);
  CHECK(m.message_type == std::uint16_t{1});
  REQUIRE(m.avps.size() == 6);
  CHECK(parse_protocol_version(m.find(2)->value()) == ProtocolVersion{1, 0});
  const auto caps = parse_framing(m.find(3)->value());
  REQUIRE(caps);
  CHECK((caps->async && caps->sync));
  CHECK(as_chars(m.find(7)->value()) == "lac1");
  CHECK(parse_u16(m.find(9)->value()) == std::uint16_t{12});
  CHECK(check_required_avps(m).empty());
  CHECK(summarize(m) == "SCCRQ tunnel=0 Ns=0 Nr=0 host=lac1 assigned_tunnel=12 window=4");
  CHECK(encode(m) == wire);
}

TEST_CASE("StopCCN with Result Code, Error Code and Error Message (§4.4.2)") {
  const Bytes wire = from_hex(
      "c802 0028 000c 0000 0003 0004"  // Length 40, tunnel 12, Ns 3, Nr 4
      "8008 0000 0000 0004"            // Message Type 4 (StopCCN)
      "8008 0000 0009 0022"            // Assigned Tunnel ID 34
      "800c 0000 0001 0002 0006 6f6f");  // Result 2, Error 6, message "oo"
  const auto d = decode(wire);
  CHECK(d.complete);
  CHECK(d.diags.empty());
  const auto rc = parse_result_code(d.value.find(1)->value());
  CHECK(rc == ResultCode{2, std::uint16_t{6}, "oo"});
  CHECK(summarize(d.value) ==
        "StopCCN tunnel=12 Ns=3 Nr=4 assigned_tunnel=34 result=2 (General error) error=6 msg=\"oo\"");
}

TEST_CASE("CDN with Q.931 Cause Code (§4.4.4) and a missing Assigned Session ID") {
  const Bytes wire = from_hex(
      "c802 0028 000c 0003 0001 0001"  // Length 40, tunnel 12, session 3
      "8008 0000 0000 000e"            // Message Type 14 (CDN)
      "8008 0000 0001 0003"            // Result Code 3 (administrative), no error code
      "800c 0000 000c 0010 2d 6279 65");  // Q.931 cause 16, msg 0x2d, advisory "bye"
  const auto d = decode(wire);
  CHECK(d.complete);
  CHECK(d.diags.empty());
  REQUIRE(d.value.find(12) != nullptr);
  CHECK(parse_q931_cause(d.value.find(12)->value()) == Q931Cause{16, 0x2d, "bye"});
  const auto req = check_required_avps(d.value);
  REQUIRE(req.size() == 1);
  CHECK(req[0].detail == "Assigned Session ID (RFC 2661 §6.12)");
}

TEST_CASE("WEN Call Errors and SLI ACCM (§4.4.6)") {
  const Bytes wen = from_hex(
      "c802 0034 000c 0003 0002 0001"  // Length 52
      "8008 0000 0000 000f"                                // WEN
      "8020 0000 0022 0000 0000 0001 0000 0002 0000 0003"  // Call Errors: reserved, CRC 1, ...
      "0000 0004 0000 0005 0000 0006");                     // ... buffer 4, time-out 5, align 6
  const auto dw = decode(wen);
  CHECK(dw.complete);
  CHECK(dw.diags.empty());
  REQUIRE(dw.value.find(34) != nullptr);
  CHECK(parse_call_errors(dw.value.find(34)->value()) == CallErrors{0, 1, 2, 3, 4, 5, 6});
  const Bytes sli = from_hex(
      "c802 0024 000c 0003 0003 0001"
      "8008 0000 0000 0010"                 // SLI
      "8010 0000 0023 0000 0000 0000 ffff ffff");  // ACCM send 0, receive ffffffff
  const auto ds = decode(sli);
  CHECK(ds.complete);
  CHECK(ds.diags.empty());
  REQUIRE(ds.value.find(35) != nullptr);
  CHECK(parse_accm(ds.value.find(35)->value()) == Accm{0, 0, 0xffffffff});
}

TEST_CASE("data messages from the §3.1 header") {
  // L set: Length 14, tunnel 12, session 3, PPP LCP (ff03 c021 0101 0004 truncated to 6 octets).
  const Bytes l_wire = from_hex("4002 000e 000c 0003 ff03 c021 0101");
  const auto with_l = decode(l_wire);
  CHECK(with_l.complete);
  CHECK_FALSE(with_l.value.header.type_control);
  CHECK(with_l.value.header.length == 14);
  CHECK(with_l.value.payload.size() == 6);
  // S and O set: Ns 5, Nr 0, Offset Size 2, pad aabb, then the PPP frame.
  const Bytes so_wire = from_hex("0a02 000c 0003 0005 0000 0002 aabb ff03 c021");
  const auto with_so = decode(so_wire);
  CHECK(with_so.complete);
  CHECK(with_so.diags.empty());
  CHECK(with_so.value.header.ns == 5);
  CHECK(with_so.value.header.offset_size == 2);
  CHECK(to_hex(with_so.value.header.offset_pad) == "aabb");
  CHECK(to_hex(with_so.value.payload) == "ff03c021");
  CHECK(summarize(with_so.value) == "DATA tunnel=12 session=3 Ns=5 Nr=0 PPP 4 bytes");
  // P set on a data message is fine.
  const auto prio = decode(from_hex("0102 000c 0003 ff03"));
  CHECK(prio.value.header.priority);
  CHECK(prio.diags.empty());
}
