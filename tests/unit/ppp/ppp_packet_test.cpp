// decode_ppp(): frame + body, summaries, describe, truncation of every message type.
#include <catch2/catch.hpp>

#include "dissectors/ppp/ppp_diagnostics.h"
#include "dissectors/ppp/ppp_packet.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "test_util.h"

#include <set>

using namespace ts;
using namespace ts::ppp;
using ts::ppp::test::check_prefixes_incomplete;

namespace {
// One frame of each control/authentication message family, written from the RFC formats.
const char* const kFrames[] = {
    "ff 03 c0 21 01 01 00 17 01 04 05 78 03 05 c2 23 81 05 06 1a 2b 3c 4d 07 02 08 02",  // LCP Conf-Req
    "ff 03 c0 21 09 02 00 0c 1a 2b 3c 4d de ad be ef",                                  // LCP Echo-Req
    "ff 03 c0 21 08 03 00 0a 80 57 01 01 00 04",                                        // LCP Proto-Rej
    "ff 03 c0 21 07 03 00 08 20 01 00 04",                                              // LCP Code-Rej
    "ff 03 c0 21 0c 03 00 0c 1a 2b 3c 4d 68 69 21 21",                                  // LCP Identification
    "80 21 01 01 00 0a 03 06 00 00 00 00",                                              // IPCP Conf-Req
    "80 57 01 01 00 0e 01 0a 02 11 22 ff fe 33 44 55",                                  // IPv6CP Conf-Req
    "80 fd 01 07 00 0a 12 06 01 00 00 40",                                              // CCP Conf-Req
    "80 fd 0e 08 00 04",                                                                // CCP Reset-Request
    "ff 03 c0 23 01 01 00 11 05 61 6c 69 63 65 06 73 65 63 72 65 74",                   // PAP Auth-Req
    "ff 03 c0 23 02 01 00 08 03 6f 6b 21",                                              // PAP Auth-Ack
    "ff 03 c2 23 01 05 00 18 10 5b 5d 7c 7d 7b 3f 2f 3e 3c 2c 60 21 32 26 26 28 73 72 76",  // CHAP Challenge
    "ff 03 c2 23 03 05 00 08 6f 6b 21 21",                                              // CHAP Success
    "ff 03 c2 27 02 01 00 0a 01 61 6c 69 63 65",                                        // EAP Identity
    "ff 03 c2 27 03 01 00 04",                                                          // EAP Success
};
}  // namespace

TEST_CASE("decode_ppp summaries", "[ppp][packet]") {
  const Bytes lcp_bytes = from_hex(kFrames[0]);
  const auto lcp = decode_ppp(lcp_bytes);
  REQUIRE(lcp.complete);
  CHECK(summarize(lcp.value) == "LCP Configure-Request id=1 MRU=1400 Auth=CHAP/MS-CHAPv2 Magic=0x1a2b3c4d PFC ACFC");
  REQUIRE(std::holds_alternative<ControlPacket>(lcp.value.body));

  const Bytes ip(60, 0x45);
  CHECK(summarize(decode_ppp(encode_ppp_frame(kIpv4, ip)).value) == "PPP IPv4 60 bytes");
  const Bytes enc(120, 0x90);
  CHECK(summarize(decode_ppp(encode_ppp_frame(kCompressed, enc, false, true)).value) ==
        "PPP compressed/encrypted (CCP) 120 bytes");
  CHECK(summarize(decode_ppp(encode_ppp_frame(0x4021, enc)).value) == "PPP protocol 0x4021 120 bytes");
  CHECK(summarize(decode_ppp(from_hex(kFrames[13])).value) == "EAP Response id=1 Identity \"alice\"");
  CHECK(summarize(decode_ppp(from_hex(kFrames[8])).value) == "CCP Reset-Request id=8");
}

TEST_CASE("decode_ppp passes the CHAP hint", "[ppp][packet]") {
  const Bytes d_bytes = from_hex(kFrames[11]);
  const auto d = decode_ppp(d_bytes, ChapAlgorithm::mschap_v2);
  const auto* c = std::get_if<ChapPacket>(&d.value.body);
  REQUIRE(c);
  CHECK(c->algorithm == ChapAlgorithm::mschap_v2);
  CHECK(c->value.size() == 16);
}

TEST_CASE("every frame decodes cleanly, re-encodes, and describes", "[ppp][packet]") {
  for (const char* hex : kFrames) {
    const Bytes b = from_hex(hex);
    INFO(hex);
    const auto d = decode_ppp(b);
    REQUIRE(d.complete);
    CHECK(test::diag_ids(d.diags).find("malformed") == std::string::npos);
    for (const auto& x : d.diags) CHECK(x.def->kind != DiagKind::malformed);
    Field layer;
    describe(d.value, layer);
    CHECK(layer.find("protocol") != nullptr);
    CHECK(layer.children.size() >= 6);
    check_prefixes_incomplete(b, [](ByteView v) { return decode_ppp(v); });
  }
}

TEST_CASE("arbitrary bytes never crash the decoders", "[ppp][packet]") {
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return static_cast<std::uint8_t>(seed >> 16);
  };
  for (int round = 0; round < 3000; ++round) {
    Bytes b(next() % 40);
    for (auto& x : b) x = next();
    static const std::uint16_t kProtos[] = {kLcp, kIpcp, kIpv6cp, kCcp, kPap, kChap, kEap};
    const Bytes f = encode_ppp_frame(kProtos[round % 7], b);
    const auto d = decode_ppp(f, static_cast<ChapAlgorithm>(round % 4));
    Field layer;
    describe(d.value, layer);
    (void)summarize(d.value);
  }
  // Mutations of valid frames reach the deeper paths (options, MS-CHAP, EAP methods).
  for (int round = 0; round < 20000; ++round) {
    Bytes f = from_hex(kFrames[round % std::size(kFrames)]);
    const int flips = 1 + next() % 3;
    for (int i = 0; i < flips; ++i) f[next() % f.size()] = next();
    f.resize(f.size() - next() % 4 % f.size());
    const auto d = decode_ppp(f, static_cast<ChapAlgorithm>(round % 4));
    Field layer;
    describe(d.value, layer);
    (void)summarize(d.value);
  }
  SUCCEED();
}

TEST_CASE("diagnostic table is well formed", "[ppp][diag]") {
  std::set<std::string_view> ids;
  for (const auto* def : diag::all_defs()) {
    INFO(def->id);
    CHECK(def->id.substr(0, 4) == "ppp.");
    // Every diagnostic cites its clause, except the deframer's own size limit.
    if (def->id != "ppp.hdlc.oversize") CHECK_FALSE(def->clause.empty());
    CHECK_FALSE(def->text.empty());
    CHECK(ids.insert(def->id).second);
  }
  std::size_t registered = 0;
  for (const auto* def : all_diagnostic_defs())
    if (def->id.substr(0, 4) == "ppp.") ++registered;
  CHECK(registered == ids.size());
}
