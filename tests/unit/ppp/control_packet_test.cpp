// RFC 1661 §5 packet format, §6 options; RFC 1570 codes; NCP option tables.
#include <catch2/catch.hpp>

#include "dissectors/ppp/ccp_options.h"
#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/ipcp_options.h"
#include "dissectors/ppp/ipv6cp_options.h"
#include "dissectors/ppp/lcp_options.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "test_util.h"

using namespace ts;
using namespace ts::ppp;
using ts::ppp::test::check_prefixes_incomplete;
using ts::ppp::test::has_diag;
using ts::ppp::test::same;

namespace {

// LCP Configure-Request written from RFC 1661 §5.1 and §6.1-§6.6 formats.
const Bytes kLcpConfReq = from_hex(
    "01 01 00 17"            // Configure-Request id=1 length=23
    "01 04 05 78"            // MRU 1400
    "03 05 c2 23 81"         // Auth CHAP, MS-CHAPv2
    "05 06 1a 2b 3c 4d"      // Magic-Number
    "07 02 08 02");          // PFC, ACFC

void check_equal(const ControlPacket& a, const ControlPacket& b) {
  CHECK(a.code == b.code);
  CHECK(a.identifier == b.identifier);
  CHECK(a.magic_number == b.magic_number);
  CHECK(a.rejected_protocol == b.rejected_protocol);
  CHECK(a.seconds_remaining == b.seconds_remaining);
  CHECK(same(a.data, b.data));
  REQUIRE(a.options.size() == b.options.size());
  for (std::size_t i = 0; i < a.options.size(); ++i) {
    CHECK(a.options[i].type == b.options[i].type);
    CHECK(same(a.options[i].data, b.options[i].data));
  }
}

}  // namespace

TEST_CASE("LCP Configure-Request hand vector", "[ppp][lcp]") {
  const auto d = decode_control(kLcp, kLcpConfReq);
  REQUIRE(d.complete);
  INFO(test::diag_ids(d.diags));
  CHECK(d.diags.size() == 1);  // MRU below 1500 is a note
  CHECK(has_diag(d, "ppp.lcp.mru_small"));
  CHECK(d.value.length == 23);
  REQUIRE(d.value.options.size() == 5);
  CHECK(lcp_mru(d.value) == 1400);
  const auto auth = lcp_auth(d.value);
  REQUIRE(auth);
  CHECK(auth->protocol == kChap);
  CHECK(auth->chap_algorithm == kChapMsV2);
  CHECK(lcp_magic(d.value) == 0x1a2b3c4du);
  CHECK(has_option(d.value, lcp_opt::kPfc));
  CHECK(has_option(d.value, lcp_opt::kAcfc));
  CHECK_FALSE(lcp_accm(d.value));
  CHECK(summarize(kLcp, d.value) == "LCP Configure-Request id=1 MRU=1400 Auth=CHAP/MS-CHAPv2 Magic=0x1a2b3c4d PFC ACFC");
  CHECK(encode_control(kLcp, d.value) == kLcpConfReq);
  Field layer;
  describe(kLcp, d.value, layer);
  REQUIRE(layer.find("options") != nullptr);
  CHECK(layer.find("options")->children.size() == 5);
  CHECK(layer.find("options")->children[1].find("text")->text == "CHAP/MS-CHAPv2");
}

TEST_CASE("LCP non-option codes hand vectors", "[ppp][lcp]") {
  SECTION("Echo-Request") {
    const Bytes d_bytes = from_hex("09 02 00 0c 1a 2b 3c 4d de ad be ef");
    const auto d = decode_control(kLcp, d_bytes);
    REQUIRE(d.complete);
    CHECK(d.value.magic_number == 0x1a2b3c4d);
    CHECK(same(d.value.data, from_hex("de ad be ef")));
    CHECK(summarize(kLcp, d.value) == "LCP Echo-Request id=2 Magic=0x1a2b3c4d data=4B");
  }
  SECTION("Protocol-Reject") {
    const Bytes d_bytes = from_hex("08 03 00 0a 80 57 01 01 00 04");
    const auto d = decode_control(kLcp, d_bytes);
    REQUIRE(d.complete);
    CHECK(d.value.rejected_protocol == kIpv6cp);
    CHECK(d.value.data.size() == 4);
  }
  SECTION("Terminate-Request with text") {
    const Bytes d_bytes = from_hex("05 04 00 08 62 79 65 21");
    const auto d = decode_control(kLcp, d_bytes);
    CHECK(summarize(kLcp, d.value) == "LCP Terminate-Request id=4 \"bye!\"");
  }
  SECTION("Time-Remaining (RFC 1570 §1.2)") {
    const Bytes d_bytes = from_hex("0d 04 00 10 00 00 00 01 00 00 0e 10 61 62 63 64");
    const auto d = decode_control(kLcp, d_bytes);
    REQUIRE(d.complete);
    CHECK(d.value.seconds_remaining == 3600);
    CHECK(same(d.value.data, as_bytes("abcd")));
  }
}

TEST_CASE("control packet encode/decode identity for every code", "[ppp][control]") {
  const Bytes payload = from_hex("01 02 03");
  const Bytes opt_data = from_hex("05 dc");
  struct Case { std::uint16_t proto; std::uint8_t code; };
  const Case cases[] = {{kLcp, 1},  {kLcp, 2},  {kLcp, 3},  {kLcp, 4},  {kLcp, 5},  {kLcp, 6},  {kLcp, 7},
                        {kLcp, 8},  {kLcp, 9},  {kLcp, 10}, {kLcp, 11}, {kLcp, 12}, {kLcp, 13}, {kIpcp, 1},
                        {kIpcp, 5}, {kIpcp, 7}, {kCcp, 14}, {kCcp, 15}, {kIpv6cp, 2}, {kEcp, 14}};
  for (const auto& c : cases) {
    ControlPacket p;
    p.code = c.code;
    p.identifier = 0x42;
    if (code_has_options(c.code)) {
      p.options.push_back({1, 4, opt_data});
    } else {
      p.data = payload;
      if (c.proto == kLcp && c.code == code::kProtocolReject) p.rejected_protocol = 0x80fd;
      if (c.proto == kLcp && c.code >= 9 && c.code <= 13) p.magic_number = 0x01020304;
      if (c.proto == kLcp && c.code == 13) p.seconds_remaining = 77;
    }
    const Bytes enc = encode_control(c.proto, p);
    INFO("proto " << c.proto << " code " << int(c.code));
    const auto d = decode_control(c.proto, enc);
    REQUIRE(d.complete);
    CHECK(d.value.length == enc.size());
    CHECK_FALSE(has_diag(d, "ppp.control.unknown_code"));
    check_equal(d.value, p);
    check_prefixes_incomplete(enc, [&](ByteView v) { return decode_control(c.proto, v); });
  }
}

TEST_CASE("control packet diagnostics", "[ppp][control]") {
  SECTION("Length below 4") {
    CHECK(has_diag(decode_control(kLcp, from_hex("01 01 00 03")), "ppp.control.length_too_short"));
  }
  SECTION("padding after Length") {
    const Bytes d_bytes = from_hex("05 01 00 04 00 00");
    const auto d = decode_control(kLcp, d_bytes);
    CHECK(d.complete);
    CHECK(has_diag(d, "ppp.control.padding"));
  }
  SECTION("unknown code (RFC 1661 §5.7)") {
    CHECK(has_diag(decode_control(kLcp, from_hex("20 01 00 04")), "ppp.control.unknown_code"));
    CHECK(has_diag(decode_control(kIpcp, from_hex("09 01 00 08 00 00 00 00")), "ppp.control.unknown_code"));
    CHECK_FALSE(has_diag(decode_control(kCcp, from_hex("0e 01 00 04")), "ppp.control.unknown_code"));
  }
  SECTION("option Length below 2") {
    const Bytes d_bytes = from_hex("01 01 00 08 01 01 05 dc");
    const auto d = decode_control(kLcp, d_bytes);
    CHECK(d.complete);
    CHECK(has_diag(d, "ppp.option.length_too_short"));
  }
  SECTION("option overruns Length") {
    const Bytes d_bytes = from_hex("01 01 00 08 05 06 00 01");
    const auto d = decode_control(kLcp, d_bytes);
    CHECK(d.complete);
    CHECK(has_diag(d, "ppp.option.truncated"));
  }
  SECTION("option of the wrong length") {
    const Bytes d_bytes = from_hex("01 01 00 09 05 05 00 01 02");
    const auto d = decode_control(kLcp, d_bytes);
    CHECK(has_diag(d, "ppp.option.bad_length"));
    CHECK_FALSE(lcp_magic(d.value));
  }
  SECTION("zero magic number (RFC 1661 §6.4)") {
    CHECK(has_diag(decode_control(kLcp, from_hex("01 01 00 0a 05 06 00 00 00 00")), "ppp.lcp.zero_magic"));
  }
  SECTION("unknown option") {
    CHECK(has_diag(decode_control(kIpcp, from_hex("01 01 00 06 63 02")), "ppp.option.unknown"));
  }
  SECTION("Echo-Request without Magic-Number") {
    const Bytes d_bytes = from_hex("09 01 00 06 00 00");
    const auto d = decode_control(kLcp, d_bytes);
    CHECK(d.complete);
    CHECK(has_diag(d, "ppp.control.body_too_short"));
  }
  SECTION("Length beyond the bytes is truncation, not a diagnostic") {
    const Bytes d_bytes = from_hex("01 01 00 20 01 04 05 dc");
    const auto d = decode_control(kLcp, d_bytes);
    CHECK_FALSE(d.complete);
    CHECK(d.diags.empty());
    CHECK(d.value.options.size() == 1);
  }
}

TEST_CASE("IPCP options (RFC 1332, RFC 1877)", "[ppp][ipcp]") {
  const Bytes b = from_hex("03 05 00 1c 03 06 c0 a8 01 02 81 06 08 08 08 08 83 06 08 08 04 04 02 06 00 2d 0f 01");
  const auto d = decode_control(kIpcp, b);
  REQUIRE(d.complete);
  CHECK(d.diags.empty());
  CHECK(ipcp_address(d.value) == 0xc0a80102u);
  CHECK(ipcp_dns(d.value, true) == 0x08080808u);
  CHECK(ipcp_dns(d.value, false) == 0x08080404u);
  CHECK_FALSE(ipcp_nbns(d.value));
  const auto c = ipcp_compression(d.value);
  REQUIRE(c);
  CHECK(c->protocol == 0x002d);
  CHECK(c->max_slot_id == 15);
  CHECK(summarize(kIpcp, d.value) ==
        "IPCP Configure-Nak id=5 IP=192.168.1.2 DNS1=8.8.8.8 DNS2=8.8.4.4 IP-Comp=VJ(slots=16,comp-slot=1)");
  CHECK(encode_control(kIpcp, d.value) == b);
}

TEST_CASE("IPv6CP Interface-Identifier (RFC 5072 §4.1)", "[ppp][ipv6cp]") {
  const Bytes b = from_hex("01 01 00 0e 01 0a 02 11 22 ff fe 33 44 55");
  const auto d = decode_control(kIpv6cp, b);
  REQUIRE(d.complete);
  CHECK(d.diags.empty());
  const auto id = ipv6cp_interface_id(d.value);
  REQUIRE(id);
  CHECK(interface_id_text(*id) == "0211:22ff:fe33:4455");
  CHECK(summarize(kIpv6cp, d.value) == "IPv6CP Configure-Request id=1 IfId=0211:22ff:fe33:4455");
  CHECK(has_diag(decode_control(kIpv6cp, from_hex("01 01 00 08 01 04 00 00")), "ppp.option.bad_length"));
}

TEST_CASE("CCP MPPE option (RFC 3078 §2)", "[ppp][ccp]") {
  const Bytes d_bytes = from_hex("01 07 00 0a 12 06 01 00 00 40");
  const auto d = decode_control(kCcp, d_bytes);
  REQUIRE(d.complete);
  CHECK(d.diags.empty());
  const auto m = ccp_mppe(d.value);
  REQUIRE(m);
  CHECK(m->bits128);
  CHECK(m->stateless);
  CHECK_FALSE(m->bits40);
  CHECK(m->text() == "MPPE-128 stateless");
  CHECK(summarize(kCcp, d.value) == "CCP Configure-Request id=7 MPPE=MPPE-128 stateless");
  CHECK(MppeBits::from_raw(0xe1).text() == "MPPE-40,56,128 MPPC");
  const Bytes bad_bytes = from_hex("01 07 00 0a 12 06 00 00 02 10");
  const auto bad = decode_control(kCcp, bad_bytes);
  CHECK(has_diag(bad, "ppp.ccp.mppe_reserved_bits"));
  CHECK(has_diag(bad, "ppp.ccp.mppe_obsolete_d"));
  const Bytes deflate_bytes = from_hex("01 01 00 08 1a 04 78 00");
  const auto deflate = decode_control(kCcp, deflate_bytes);
  CHECK(summarize(kCcp, deflate.value) == "CCP Configure-Request id=1 Deflate(window=15,method=8)");
}
