// PAP (RFC 1334 §2.2), CHAP (RFC 1994 §4) with MS-CHAP (RFC 2433, RFC 2759), EAP (RFC 3748).
#include <catch2/catch.hpp>

#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/eap.h"
#include "dissectors/ppp/pap.h"
#include "test_util.h"

using namespace ts;
using namespace ts::ppp;
using ts::ppp::test::check_prefixes_incomplete;
using ts::ppp::test::has_diag;
using ts::ppp::test::same;

namespace {
// RFC 2759 §9.2 example values.
const Bytes kPeerChallenge = from_hex("21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E");
const Bytes kAuthChallenge = from_hex("5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28");
const Bytes kNtResponse = from_hex("82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF");

Bytes v2_response_value() {
  MsChapV2Response r;
  std::copy(kPeerChallenge.begin(), kPeerChallenge.end(), r.peer_challenge.begin());
  std::copy(kNtResponse.begin(), kNtResponse.end(), r.nt_response.begin());
  return encode_mschap_v2_response(r);
}
}  // namespace

TEST_CASE("PAP hand vectors and identity", "[ppp][pap]") {
  const Bytes req = from_hex("01 01 00 11 05 61 6c 69 63 65 06 73 65 63 72 65 74");
  const auto d = decode_pap(req);
  REQUIRE(d.complete);
  CHECK(d.diags.empty());
  CHECK(same(d.value.peer_id, as_bytes("alice")));
  CHECK(same(d.value.password, as_bytes("secret")));
  CHECK(summarize(d.value) == "PAP Authenticate-Request id=1 peer=\"alice\" password=6B");
  CHECK(encode_pap(d.value) == req);
  check_prefixes_incomplete(req, [](ByteView v) { return decode_pap(v); });

  PapPacket nak;
  nak.code = pap_code::kAuthenticateNak;
  nak.identifier = 9;
  nak.message = as_bytes("denied");
  const Bytes enc = encode_pap(nak);
  const auto dn = decode_pap(enc);
  REQUIRE(dn.complete);
  CHECK(dn.value.code == nak.code);
  CHECK(same(dn.value.message, nak.message));
  check_prefixes_incomplete(enc, [](ByteView v) { return decode_pap(v); });

  CHECK(has_diag(decode_pap(from_hex("01 01 00 08 09 61 62 63")), "ppp.pap.field_overrun"));
  CHECK(has_diag(decode_pap(from_hex("07 01 00 04")), "ppp.pap.unknown_code"));
}

TEST_CASE("CHAP MD5 challenge/response", "[ppp][chap]") {
  ChapPacket c;
  c.code = chap_code::kChallenge;
  c.identifier = 3;
  const Bytes value = from_hex("00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff");
  c.value = value;
  c.name = as_bytes("server");
  const Bytes enc = encode_chap(c);
  CHECK(enc.size() == 4 + 1 + 16 + 6);
  const auto d = decode_chap(enc, ChapAlgorithm::md5);
  REQUIRE(d.complete);
  CHECK(same(d.value.value, value));
  CHECK(same(d.value.name, as_bytes("server")));
  check_prefixes_incomplete(enc, [](ByteView v) { return decode_chap(v); });

  c.code = chap_code::kResponse;
  const Bytes r_bytes = encode_chap(c);
  const auto r = decode_chap(r_bytes);
  CHECK(r.value.algorithm == ChapAlgorithm::md5);  // 16-octet value guessed as MD5
  CHECK(has_diag(decode_chap(from_hex("01 01 00 08 09 61 62 63")), "ppp.chap.bad_value_size"));
  CHECK(has_diag(decode_chap(from_hex("01 01 00 06 00 61")), "ppp.chap.bad_value_size"));
}

TEST_CASE("CHAP MS-CHAPv2 Response (RFC 2759 §4)", "[ppp][chap][mschapv2]") {
  ChapPacket c;
  c.code = chap_code::kResponse;
  c.identifier = 7;
  const Bytes value = v2_response_value();
  c.value = value;
  c.name = as_bytes("User");
  const Bytes enc = encode_chap(c);
  CHECK(enc.size() == 58);
  for (auto hint : {ChapAlgorithm::mschap_v2, ChapAlgorithm::unknown}) {
    const auto d = decode_chap(enc, hint);
    REQUIRE(d.complete);
    CHECK(d.diags.empty());
    CHECK(d.value.algorithm == ChapAlgorithm::mschap_v2);
    REQUIRE(d.value.mschap_v2);
    CHECK(same(d.value.mschap_v2->peer_challenge, kPeerChallenge));
    CHECK(same(d.value.mschap_v2->nt_response, kNtResponse));
    CHECK(chap_summary(d.value) == "CHAP Response id=7 MS-CHAPv2 name=\"User\" peer-challenge=21402324... nt-response=82309ecd...");
  }
  check_prefixes_incomplete(enc, [](ByteView v) { return decode_chap(v, ChapAlgorithm::mschap_v2); });

  Bytes bad = value;
  bad[20] = 1;      // reserved
  bad[48] = 2;      // flags
  c.value = bad;
  const Bytes d_bytes = encode_chap(c);
  const auto d = decode_chap(d_bytes, ChapAlgorithm::mschap_v2);
  CHECK(has_diag(d, "ppp.mschapv2.nonzero_reserved"));
  CHECK(has_diag(d, "ppp.mschapv2.nonzero_flags"));
  c.value = as_bytes("short");
  CHECK(has_diag(decode_chap(encode_chap(c), ChapAlgorithm::mschap_v2), "ppp.mschap.bad_response_size"));
}

TEST_CASE("MS-CHAPv1 Response (RFC 2433 §5)", "[ppp][chap][mschapv1]") {
  MsChapV1Response r;
  r.nt_response[0] = 0x4e;
  r.use_nt = 1;
  const Bytes value = encode_mschap_v1_response(r);
  ChapPacket c;
  c.code = chap_code::kResponse;
  c.value = value;
  c.name = as_bytes("bob");
  const Bytes d_bytes = encode_chap(c);
  const auto d = decode_chap(d_bytes);
  REQUIRE(d.value.mschap_v1);
  CHECK(d.value.algorithm == ChapAlgorithm::mschap_v1);
  CHECK(d.value.mschap_v1->use_nt == 1);
  CHECK(d.value.mschap_v1->nt_response[0] == 0x4e);
}

TEST_CASE("MS-CHAPv2 Success and Failure messages (RFC 2759 §5, §6)", "[ppp][chap][mschapv2]") {
  ChapPacket s;
  s.code = chap_code::kSuccess;
  s.identifier = 7;
  const std::string ok = "S=407A5589115FD0D6209F510FE9C04566932CDA56 M=Welcome";
  s.message = as_bytes(ok);
  const Bytes ds_bytes = encode_chap(s);
  const auto ds = decode_chap(ds_bytes);
  REQUIRE(ds.complete);
  CHECK(ds.diags.empty());
  CHECK(ds.value.algorithm == ChapAlgorithm::mschap_v2);
  REQUIRE(ds.value.success);
  CHECK(ds.value.success->authenticator_response == "S=407A5589115FD0D6209F510FE9C04566932CDA56");
  CHECK(ds.value.success->message == "Welcome");
  CHECK(format_mschap_v2_success(*ds.value.success) == ok);

  ChapPacket f;
  f.code = chap_code::kFailure;
  f.identifier = 7;
  const std::string fail = "E=691 R=1 C=0123456789ABCDEF0123456789ABCDEF V=3 M=Authentication failure";
  f.message = as_bytes(fail);
  const Bytes enc = encode_chap(f);
  const auto df = decode_chap(enc);
  REQUIRE(df.complete);
  CHECK(df.diags.empty());
  REQUIRE(df.value.failure);
  CHECK(df.value.failure->error == 691u);
  CHECK(df.value.failure->retry == true);
  CHECK(to_hex(df.value.failure->challenge) == "0123456789abcdef0123456789abcdef");
  CHECK(df.value.failure->version == 3u);
  CHECK(df.value.failure->message == "Authentication failure");
  CHECK(format_mschap_failure(*df.value.failure) == fail);
  CHECK(chap_summary(df.value) ==
        "CHAP Failure id=7 MS-CHAPv2 E=691 (ERROR_AUTHENTICATION_FAILURE) R=1 \"Authentication failure\"");
  check_prefixes_incomplete(enc, [](ByteView v) { return decode_chap(v); });

  CHECK(has_diag(parse_mschap_failure("E=691 R=1 C=0123 V=3", true), "ppp.mschapv2.bad_failure_message"));
  CHECK(has_diag(parse_mschap_failure("R=1", false), "ppp.mschapv2.bad_failure_message"));
  CHECK(parse_mschap_failure("E=691 R=0 C=0011223344556677 V=2", false).diags.empty());
  CHECK(has_diag(parse_mschap_v2_success("S=12 M=x"), "ppp.mschapv2.bad_success_message"));
  CHECK(has_diag(parse_mschap_v2_success("S=407a5589115fd0d6209f510fe9c04566932cda56"), "ppp.mschapv2.bad_success_message"));
}

TEST_CASE("EAP hand vectors (RFC 3748)", "[ppp][eap]") {
  SECTION("Identity Response") {
    const Bytes b = from_hex("02 01 00 0a 01 61 6c 69 63 65");
    const auto d = decode_eap(b);
    REQUIRE(d.complete);
    CHECK(d.value.type == eap_type::kIdentity);
    CHECK(summarize(d.value) == "EAP Response id=1 Identity \"alice\"");
    CHECK(encode_eap(d.value) == b);
    check_prefixes_incomplete(b, [](ByteView v) { return decode_eap(v); });
  }
  SECTION("Legacy Nak") {
    const Bytes d_bytes = from_hex("02 04 00 07 03 19 1a");
    const auto d = decode_eap(d_bytes);
    REQUIRE(d.value.nak_types.size() == 2);
    CHECK(summarize(d.value) == "EAP Response id=4 Nak desired=PEAP,MSCHAPv2");
    CHECK(has_diag(decode_eap(from_hex("02 04 00 06 03 01")), "ppp.eap.bad_nak_type"));
  }
  SECTION("PEAP Start") {
    const Bytes d_bytes = from_hex("01 02 00 06 19 21");
    const auto d = decode_eap(d_bytes);
    REQUIRE(d.value.tls);
    CHECK(d.value.tls->start());
    CHECK(d.value.tls->version == 1);
    CHECK(summarize(d.value) == "EAP Request id=2 PEAP flags=S ver=1 data=0B");
  }
  SECTION("TLS with Message Length") {
    const Bytes b = from_hex("02 03 00 0e 0d 80 00 00 00 04 16 03 01 00");
    const auto d = decode_eap(b);
    REQUIRE(d.complete);
    REQUIRE(d.value.tls);
    CHECK(d.value.tls->message_length == 4u);
    CHECK(d.value.tls->data.size() == 4);
    check_prefixes_incomplete(b, [](ByteView v) { return decode_eap(v); });
    CHECK(encode_eap_tls_data(*d.value.tls) == Bytes(b.begin() + 5, b.end()));
  }
  SECTION("Success and malformed lengths") {
    const Bytes d_bytes = from_hex("03 06 00 04");
    const auto d = decode_eap(d_bytes);
    CHECK(d.complete);
    CHECK(d.diags.empty());
    CHECK(summarize(d.value) == "EAP Success id=6");
    CHECK(has_diag(decode_eap(from_hex("03 06 00 05 00")), "ppp.eap.length_mismatch"));
    CHECK(has_diag(decode_eap(from_hex("01 06 00 04")), "ppp.eap.length_too_short"));
    CHECK(has_diag(decode_eap(from_hex("09 06 00 04")), "ppp.eap.unknown_code"));
    CHECK(has_diag(decode_eap(from_hex("01 06 00 06 04 09")), "ppp.eap.bad_type_data"));
  }
}

TEST_CASE("EAP method data identity", "[ppp][eap]") {
  SECTION("EAP-MSCHAPv2 Challenge") {
    EapMsChapV2 m;
    m.opcode = 1;
    m.ms_chap_id = 5;
    m.value = kAuthChallenge;
    m.name = as_bytes("srv");
    const Bytes td = encode_eap_mschapv2_data(m);
    EapPacket p;
    p.code = eap_code::kRequest;
    p.identifier = 5;
    p.type = eap_type::kMsChapV2;
    p.type_data = td;
    const Bytes enc = encode_eap(p);
    const auto d = decode_eap(enc);
    REQUIRE(d.complete);
    CHECK(d.diags.empty());
    REQUIRE(d.value.mschapv2);
    CHECK(d.value.mschapv2->ms_length == enc.size() - 5);
    CHECK(same(d.value.mschapv2->value, kAuthChallenge));
    CHECK(same(d.value.mschapv2->name, as_bytes("srv")));
    CHECK(summarize(d.value) == "EAP Request id=5 MSCHAPv2 Challenge name=\"srv\"");
    check_prefixes_incomplete(enc, [](ByteView v) { return decode_eap(v); });
  }
  SECTION("EAP-MSCHAPv2 Response carries the RFC 2759 §4 value") {
    EapMsChapV2 m;
    m.opcode = 2;
    m.ms_chap_id = 5;
    const Bytes value = v2_response_value();
    m.value = value;
    m.name = as_bytes("User");
    const Bytes td = encode_eap_mschapv2_data(m);
    EapPacket p;
    p.code = eap_code::kResponse;
    p.identifier = 5;
    p.type = eap_type::kMsChapV2;
    p.type_data = td;
    const Bytes enc = encode_eap(p);
    const auto d = decode_eap(enc);
    REQUIRE(d.value.mschapv2);
    REQUIRE(d.value.mschapv2->response);
    CHECK(same(d.value.mschapv2->response->nt_response, kNtResponse));
    check_prefixes_incomplete(enc, [](ByteView v) { return decode_eap(v); });
  }
  SECTION("EAP-MSCHAPv2 peer Success acknowledgement") {
    const Bytes d_bytes = from_hex("02 07 00 06 1a 03");
    const auto d = decode_eap(d_bytes);
    REQUIRE(d.value.mschapv2);
    CHECK(d.value.mschapv2->header_only);
  }
  SECTION("MD5-Challenge") {
    EapPacket p;
    p.code = eap_code::kRequest;
    p.identifier = 1;
    p.type = eap_type::kMd5Challenge;
    const Bytes td = from_hex("04 01 02 03 04 73 72 76");
    p.type_data = td;
    const Bytes d_bytes = encode_eap(p);
    const auto d = decode_eap(d_bytes);
    REQUIRE(d.value.md5);
    CHECK(d.value.md5->value.size() == 4);
    CHECK(same(d.value.md5->name, as_bytes("srv")));
  }
}
