#include <catch2/catch.hpp>

#include "dissectors/net/pppoe.h"
#include "net_test_util.h"

using namespace ts;
using namespace ts::net;
using ts::net::test::check_prefixes;
using ts::net::test::has_diag;

TEST_CASE("PPPoE session round trip: payload starts at the PPP protocol field") {
  PppoeHeader h;
  h.code = pppoe_code::kSession;
  h.session_id = 0x1234;
  const Bytes ppp = from_hex("c021 0101 0004");
  const Bytes pkt = encode_pppoe(h, ppp);
  CHECK(pkt.size() == 6 + ppp.size());
  Bytes padded = pkt;
  padded.resize(46, 0);  // Ethernet minimum-size padding
  const auto d = decode_pppoe(padded);
  REQUIRE(d.complete);
  CHECK(d.diags.empty());
  CHECK(d.value.version == 1);
  CHECK(d.value.type == 1);
  CHECK(d.value.is_session());
  CHECK(d.value.session_id == 0x1234);
  CHECK(d.value.length == ppp.size());
  CHECK(Bytes(d.value.payload.begin(), d.value.payload.end()) == ppp);
  CHECK(d.value.tags.empty());
  check_prefixes(pkt, pkt.size(), [](ByteView b) { return decode_pppoe(b); });
  CHECK(summarize(d.value) == "PPPoE session session 0x1234 len 6");
}

TEST_CASE("PPPoE discovery packets with tags round trip") {
  const Bytes service = {'i', 's', 'p'};
  const Bytes ac = {'a', 'c', '1'};
  const Bytes uniq = from_hex("deadbeef");
  const Bytes cookie = from_hex("0102030405060708");
  struct Case {
    std::uint8_t code;
    std::uint16_t session;
  } cases[] = {{pppoe_code::kPadi, 0}, {pppoe_code::kPado, 0}, {pppoe_code::kPadr, 0},
               {pppoe_code::kPads, 0x0042}, {pppoe_code::kPadt, 0x0042}};
  for (const auto& c : cases) {
    INFO(int(c.code));
    PppoeHeader h;
    h.code = c.code;
    h.session_id = c.session;
    h.tags = {{pppoe_tag::kServiceName, service}, {pppoe_tag::kAcName, ac}, {pppoe_tag::kHostUniq, uniq},
              {pppoe_tag::kAcCookie, cookie}, {pppoe_tag::kEndOfList, {}}};
    const Bytes pkt = encode_pppoe(h);
    const auto d = decode_pppoe(pkt);
    REQUIRE(d.complete);
    CHECK(d.diags.empty());
    CHECK(d.value.code == c.code);
    CHECK(d.value.session_id == c.session);
    REQUIRE(d.value.tags.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) {
      CHECK(d.value.tags[i].type == h.tags[i].type);
      CHECK(Bytes(d.value.tags[i].value.begin(), d.value.tags[i].value.end()) ==
            Bytes(h.tags[i].value.begin(), h.tags[i].value.end()));
    }
    REQUIRE(d.value.find_tag(pppoe_tag::kAcName));
    CHECK(as_chars(d.value.find_tag(pppoe_tag::kAcName)->value) == "ac1");
    CHECK_FALSE(d.value.find_tag(pppoe_tag::kRelaySessionId));
    check_prefixes(pkt, 6, [](ByteView b) { return decode_pppoe(b); });
    Field f;
    describe(d.value, f);
    CHECK(f.find("tags")->children.at(1).find("value")->text == "ac1");
  }
}

TEST_CASE("PPPoE header checks") {
  CHECK(has_diag(decode_pppoe(from_hex("2100 0001 0000")).diags, "net.pppoe.bad_version"));
  CHECK(has_diag(decode_pppoe(from_hex("1200 0001 0000")).diags, "net.pppoe.bad_type"));
  CHECK(has_diag(decode_pppoe(from_hex("1133 0000 0000")).diags, "net.pppoe.unknown_code"));
  CHECK(has_diag(decode_pppoe(from_hex("1109 0001 0000")).diags, "net.pppoe.bad_session_id"));  // PADI
  CHECK(has_diag(decode_pppoe(from_hex("1100 0000 0000")).diags, "net.pppoe.bad_session_id"));  // session
  CHECK(has_diag(decode_pppoe(from_hex("11a7 0000 0000")).diags, "net.pppoe.bad_session_id"));  // PADT
  // PADS with session 0 is fine only with an error TAG.
  CHECK(has_diag(decode_pppoe(from_hex("1165 0000 0000")).diags, "net.pppoe.bad_session_id"));
  CHECK(decode_pppoe(from_hex("1165 0000 0004 0201 0000")).diags.empty());
  // A TAG whose length runs past LENGTH.
  const auto d = decode_pppoe(from_hex("1109 0000 0006 0101 0008 6162"));
  CHECK(d.complete);
  CHECK(has_diag(d.diags, "net.pppoe.tag_overrun"));
  // LENGTH past the bytes: truncation.
  const auto t = decode_pppoe(from_hex("1100 0001 0010 c021"));
  CHECK_FALSE(t.complete);
  CHECK(t.truncated_field == "pppoe.payload");
}
