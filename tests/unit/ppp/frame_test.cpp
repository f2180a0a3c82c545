// PPP encapsulation: RFC 1661 §2 Protocol field, §6.5 PFC, §6.6 ACFC; RFC 1662 §3.1;
// MPPE/MPPC header of compressed datagrams (RFC 3078 §3.1).
#include <catch2/catch.hpp>

#include "dissectors/ppp/mppe_header.h"
#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "test_util.h"

using namespace ts;
using namespace ts::ppp;
using ts::ppp::test::has_diag;
using ts::ppp::test::same;

TEST_CASE("frame with Address/Control and 2-octet Protocol", "[ppp][frame]") {
  const Bytes b = from_hex("ff 03 c0 21 01 01 00 04");
  const auto d = decode_ppp_frame(b);
  REQUIRE(d.complete);
  CHECK(d.diags.empty());
  CHECK(d.value.address_control_present);
  CHECK_FALSE(d.value.protocol_compressed);
  CHECK(d.value.protocol == kLcp);
  CHECK(same(d.value.info, from_hex("01 01 00 04")));
}

TEST_CASE("frame with ACFC and PFC", "[ppp][frame]") {
  const Bytes b = from_hex("21 45 00 00 14");
  const auto d = decode_ppp_frame(b);
  REQUIRE(d.complete);
  CHECK_FALSE(d.value.address_control_present);
  CHECK(d.value.protocol_compressed);
  CHECK(d.value.protocol == kIpv4);
  CHECK(d.value.info.size() == 4);
}

TEST_CASE("frame diagnostics", "[ppp][frame]") {
  SECTION("Protocol field whose low octet is even") {
    const auto d = decode_ppp_frame(from_hex("ff 03 00 20 aa"));
    CHECK(has_diag(d, "ppp.frame.bad_protocol_field"));
  }
  SECTION("Control field other than 0x03") {
    const auto d = decode_ppp_frame(from_hex("ff 13 00 21 aa"));
    CHECK(has_diag(d, "ppp.frame.bad_control_field"));
  }
  SECTION("LCP without Address/Control") {
    const auto d = decode_ppp_frame(from_hex("c0 21 01 01 00 04"));
    CHECK(has_diag(d, "ppp.frame.lcp_without_address_control"));
  }
}

TEST_CASE("frame encode/decode identity", "[ppp][frame]") {
  const Bytes info = from_hex("de ad be ef");
  for (bool ac : {false, true}) {
    for (bool pfc : {false, true}) {
      for (std::uint16_t proto : {kIpv4, kIpv6, kCompressed, kLcp, kIpcp}) {
        const Bytes enc = encode_ppp_frame(proto, info, ac, pfc);
        const auto d = decode_ppp_frame(enc);
        REQUIRE(d.complete);
        CHECK(d.value.protocol == proto);
        CHECK(d.value.address_control_present == ac);
        CHECK(d.value.protocol_compressed == (pfc && proto <= 0xff));
        CHECK(same(d.value.info, info));
      }
    }
  }
}

TEST_CASE("frame truncation", "[ppp][frame]") {
  for (const char* hex : {"", "ff", "ff 03", "ff 03 c0", "c0"}) {
    const Bytes b = from_hex(hex);
    const auto d = decode_ppp_frame(b);
    INFO(hex);
    CHECK_FALSE(d.complete);
    CHECK(!d.truncated_field.empty());
  }
}

TEST_CASE("protocol names", "[ppp][frame]") {
  CHECK(protocol_abbrev(kLcp) == "LCP");
  CHECK(protocol_abbrev(kCcp) == "CCP");
  CHECK(protocol_abbrev(0x1235) == "0x1235");
  CHECK(is_control_protocol(kIpv6cp));
  CHECK_FALSE(is_control_protocol(kChap));
}

TEST_CASE("MPPE header (RFC 3078 §3.1)", "[ppp][mppe]") {
  const Bytes b = from_hex("90 05 aa bb cc");
  const auto d = decode_mppe_header(b);
  REQUIRE(d.complete);
  CHECK(d.value.flushed);
  CHECK(d.value.encrypted);
  CHECK_FALSE(d.value.compressed);
  CHECK(d.value.coherency_count == 5);
  CHECK(d.value.data.size() == 3);
  CHECK(summarize(d.value) == "MPPE cc=5 flushed encrypted 3 bytes");
  CHECK(encode_mppe_header(d.value) == b);
  MppeHeader h;
  h.at_front = true;
  h.compressed = true;
  h.coherency_count = 4095;
  const Bytes enc = encode_mppe_header(h);
  const auto d2 = decode_mppe_header(enc);
  CHECK(d2.value.at_front);
  CHECK(d2.value.compressed);
  CHECK(d2.value.coherency_count == 4095);
  for (const char* hex : {"", "90"}) {
    const Bytes cut = from_hex(hex);
    CHECK_FALSE(decode_mppe_header(cut).complete);
  }
}
