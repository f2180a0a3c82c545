// AVP hiding (RFC 2661 §4.3) and tunnel authentication (§4.4.3, §5.1.1), checked against
// MD5 computed independently here with EVP.
#include <catch2/catch.hpp>

#include <openssl/evp.h>

#include <algorithm>

#include "dissectors/l2tp/describe.h"
#include "dissectors/l2tp/hiding.h"
#include "dissectors/l2tp/tunnel_auth.h"
#include "samples.h"

using namespace l2tp_test;

namespace {
Bytes evp_md5(const Bytes& data) {
  Bytes out(16);
  unsigned int len = 0;
  REQUIRE(EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_md5(), nullptr) == 1);
  REQUIRE(len == 16);
  return out;
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes str(std::string_view s) { return Bytes(s.begin(), s.end()); }

// The RFC's description, step by step, for reference.
Bytes reference_hide(std::uint16_t type, const Bytes& clear, std::string_view secret, const Bytes& rv) {
  Bytes sub = cat({Bytes{static_cast<std::uint8_t>(clear.size() >> 8), static_cast<std::uint8_t>(clear.size())}, clear});
  Bytes b = evp_md5(cat({Bytes{static_cast<std::uint8_t>(type >> 8), static_cast<std::uint8_t>(type)}, str(secret), rv}));
  Bytes out;
  for (std::size_t off = 0; off < sub.size(); off += 16) {
    Bytes c;
    for (std::size_t i = off; i < sub.size() && i < off + 16; ++i) c.push_back(sub[i] ^ b[i - off]);
    out.insert(out.end(), c.begin(), c.end());
    b = evp_md5(cat({str(secret), c}));
  }
  return out;
}

const Bytes kRv = seq_bytes(16, 0xa0);
}  // namespace

TEST_CASE("hide_value matches the RFC 2661 §4.3 MD5 chain, short and multi-block") {
  for (const std::size_t n : {0u, 5u, 14u, 15u, 30u, 40u, 100u}) {
    INFO("cleartext " << n << " octets");
    const Bytes clear = seq_bytes(n, 0x11);
    const Bytes hidden = hide_value(30, clear, "s3cret", kRv);
    CHECK(hidden == reference_hide(30, clear, "s3cret", kRv));
    const auto back = unhide_value(30, hidden, "s3cret", kRv);
    REQUIRE(back);
    CHECK(*back == clear);
  }
  // Padding alters the AVP length but not the recovered value.
  const Bytes clear = str("alice");
  const Bytes padded = hide_value(30, clear, "s3cret", kRv, Bytes(12, 0x55));
  CHECK(padded.size() == 2 + 5 + 12);
  CHECK(unhide_value(30, padded, "s3cret", kRv) == clear);
  CHECK_FALSE(unhide_value(30, Bytes{0x01}, "s3cret", kRv));
}

TEST_CASE("hidden AVP round trip through a message, with right, wrong and no secret") {
  Message m = sample_message(MessageType::iccn);
  Avp rv = make_avp_bytes(to_u16(AvpType::random_vector), kRv, true);
  m.avps.insert(m.avps.begin() + 2, rv);
  const Bytes password = str("correct horse battery staple");
  Avp secret_avp = make_avp_bytes(to_u16(AvpType::proxy_authen_response), password, false);
  secret_avp.hidden = true;
  m.avps.push_back(secret_avp);
  const Bytes wire = encode(m, EncodeOptions{"tunnel-secret", {}});
  // The cleartext is not on the wire.
  CHECK(std::search(wire.begin(), wire.end(), password.begin(), password.end()) == wire.end());

  const auto good = decode(wire, DecodeOptions{"tunnel-secret", true});
  INFO(diag_ids(good.diags));
  CHECK(good.diags.empty());
  const Avp& h = good.value.avps.back();
  CHECK(h.hidden);
  CHECK(h.unhidden_ok);
  CHECK(h.wire_value.size() == password.size() + 2);
  CHECK(Bytes(h.value().begin(), h.value().end()) == password);
  check_same_avps(std::vector<Avp>(good.value.avps.begin() + 1, good.value.avps.end()), m.avps);

  const auto wrong = decode(wire, DecodeOptions{"wrong-secret", true});
  const Avp& w = wrong.value.avps.back();
  const bool flagged = has_diag(wrong.diags, "l2tp.avp.hidden_bad_length") && !w.unhidden_ok;
  const bool differs = w.unhidden_ok && Bytes(w.value().begin(), w.value().end()) != password;
  CHECK((flagged || differs));

  const auto none = decode(wire);
  CHECK(has_diag(none.diags, "l2tp.avp.hidden_no_secret"));
  CHECK_FALSE(none.value.avps.back().value_known());
  CHECK(format_avp_value(none.value.avps.back()) == "<hidden>");
}

TEST_CASE("encode inserts the option random vector before the first hidden AVP") {
  Message m = sample_message(MessageType::icrq);
  m.avps[0].hidden = true;  // Assigned Session ID may be hidden (RFC 2661 §4.4.4)
  const Bytes wire = encode(m, EncodeOptions{"k", kRv});
  const auto d = decode(wire, DecodeOptions{"k", true});
  INFO(diag_ids(d.diags));
  CHECK(d.diags.empty());
  REQUIRE(d.value.avps.size() == m.avps.size() + 2);
  CHECK(d.value.avps[1].is_ietf(to_u16(AvpType::random_vector)));
  CHECK(Bytes(d.value.avps[1].value().begin(), d.value.avps[1].value().end()) == kRv);
  CHECK(d.value.avps[2].hidden);
  CHECK(parse_u16(d.value.avps[2].value()) == std::uint16_t{3});

  // Without a secret the AVP goes out in clear with H=0.
  const Bytes clear_wire = encode(m, EncodeOptions{"", kRv});
  const auto clear = decode(clear_wire);
  CHECK_FALSE(clear.value.avps[1].hidden);
  CHECK(parse_u16(clear.value.avps[1].value()) == std::uint16_t{3});
}

TEST_CASE("hidden AVP without a preceding Random Vector is flagged (RFC 2661 §4.3)") {
  // ICRP: Message Type 11, then a hidden Assigned Session ID (M=1 H=1 Length 10).
  const Bytes wire = from_hex(
      "c802 001e 000c 0003 0001 0002"
      "8008 0000 0000 000b"
      "c00a 0000 000e 1122 3344");
  const auto d = decode(wire, DecodeOptions{"k", true});
  CHECK(d.complete);
  CHECK(has_diag(d.diags, "l2tp.avp.hidden_without_random_vector"));
  CHECK_FALSE(d.value.avps[1].unhidden_ok);
}

TEST_CASE("challenge response is MD5(message type || secret || challenge) (RFC 2661 §4.4.3)") {
  const Bytes challenge = seq_bytes(16, 0x10);
  const Bytes sccrp = challenge_response(2, "s3cret", challenge);
  CHECK(sccrp == evp_md5(cat({Bytes{2}, str("s3cret"), challenge})));
  const Bytes scccn = challenge_response(3, "s3cret", challenge);
  CHECK(scccn == evp_md5(cat({Bytes{3}, str("s3cret"), challenge})));
  CHECK(sccrp != scccn);
  // Known MD5: MD5("") = d41d8cd98f00b204e9800998ecf8427e, a sanity check of the helper.
  CHECK(to_hex(md5({})) == "d41d8cd98f00b204e9800998ecf8427e");
}
