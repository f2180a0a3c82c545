// Async HDLC framing (RFC 1662 §4, FCS §C.2/§C.3).
#include <catch2/catch.hpp>

#include "dissectors/ppp/hdlc.h"
#include "test_util.h"

using namespace ts;
using namespace ts::ppp;

TEST_CASE("FCS-16 and FCS-32 check values", "[ppp][hdlc]") {
  // "123456789": the CRC-16/X.25 and CRC-32 check values of this polynomial family.
  CHECK(fcs16_of(as_bytes("123456789")) == 0x906E);
  CHECK(fcs32_of(as_bytes("123456789")) == 0xCBF43926u);
  // RFC 1662 §C.2: running the FCS over data plus its transmitted FCS gives the good residue.
  const Bytes data = from_hex("ff 03 c0 21 01 01 00 04");
  const auto fcs = fcs16_of(data);
  Bytes with = data;
  with.push_back(static_cast<std::uint8_t>(fcs & 0xff));
  with.push_back(static_cast<std::uint8_t>(fcs >> 8));
  CHECK(fcs16(kFcs16Init, with) == kFcs16Good);
  const auto f32 = fcs32_of(data);
  Bytes with32 = data;
  for (int i = 0; i < 4; ++i) with32.push_back(static_cast<std::uint8_t>(f32 >> (8 * i)));
  CHECK(fcs32(kFcs32Init, with32) == kFcs32Good);
}

TEST_CASE("hdlc_encode escapes and AsyncHdlcDeframer restores", "[ppp][hdlc]") {
  const Bytes frame = from_hex("ff 03 c0 21 01 01 00 0a 7e 7d 11 13 00 20");
  const Bytes wire = hdlc_encode(frame);
  CHECK(wire.front() == 0x7e);
  CHECK(wire.back() == 0x7e);
  // 0x7e, 0x7d and (default ACCM) every octet below 0x20 are escaped.
  CHECK(std::count(wire.begin() + 1, wire.end() - 1, std::uint8_t{0x7e}) == 0);
  CHECK(std::count(wire.begin(), wire.end(), std::uint8_t{0x11}) == 0);
  const Bytes wire0 = hdlc_encode(frame, 0);
  CHECK(std::count(wire0.begin(), wire0.end(), std::uint8_t{0x11}) == 1);

  AsyncHdlcDeframer d;
  const auto frames = d.feed(wire);
  REQUIRE(frames.size() == 1);
  CHECK(frames[0].fcs_ok);
  CHECK(frames[0].data == frame);
  CHECK(frames[0].diags.empty());
}

TEST_CASE("deframer is incremental across feed() calls", "[ppp][hdlc]") {
  const Bytes a = hdlc_encode(from_hex("ff 03 00 21 45 00 7e"));
  const Bytes b = hdlc_encode(from_hex("ff 03 00 57 60 7d"));
  Bytes stream = a;
  stream.insert(stream.end(), b.begin(), b.end());
  for (std::size_t chunk = 1; chunk <= 5; ++chunk) {
    AsyncHdlcDeframer d;
    std::vector<HdlcFrame> got;
    for (std::size_t i = 0; i < stream.size(); i += chunk) {
      const auto part = ByteView(stream).subspan(i, std::min(chunk, stream.size() - i));
      for (auto& f : d.feed(part)) got.push_back(std::move(f));
    }
    REQUIRE(got.size() == 2);
    CHECK(got[0].fcs_ok);
    CHECK(got[1].fcs_ok);
    CHECK(got[1].data == from_hex("ff 03 00 57 60 7d"));
    CHECK(d.pending() == 0);
  }
}

TEST_CASE("deframer reports bad FCS, abort, short and oversize frames", "[ppp][hdlc]") {
  AsyncHdlcDeframer d(16);
  Bytes bad = hdlc_encode(from_hex("ff 03 00 21 45"));
  bad[3] ^= 0x01;
  auto f = d.feed(bad);
  REQUIRE(f.size() == 1);
  CHECK_FALSE(f[0].fcs_ok);
  CHECK(test::diag_ids(f[0].diags) == "ppp.hdlc.bad_fcs ");

  f = d.feed(from_hex("7e ff 03 00 7d 7e"));
  REQUIRE(f.size() == 1);
  CHECK(f[0].aborted);
  CHECK(test::diag_ids(f[0].diags) == "ppp.hdlc.aborted ");

  f = d.feed(from_hex("7e 01 02 7e"));
  REQUIRE(f.size() == 1);
  CHECK(test::diag_ids(f[0].diags) == "ppp.hdlc.short_frame ");

  f = d.feed(hdlc_encode(Bytes(40, 0x41)));
  REQUIRE(f.size() == 1);
  CHECK(f[0].oversize);
  CHECK(f[0].data.size() == 16);
  CHECK(test::diag_ids(f[0].diags) == "ppp.hdlc.oversize ");

  // Back-to-back flags produce nothing; a following good frame is intact.
  f = d.feed(from_hex("7e 7e 7e"));
  CHECK(f.empty());
  f = d.feed(hdlc_encode(from_hex("ff 03 00 21")));
  REQUIRE(f.size() == 1);
  CHECK(f[0].fcs_ok);
}
