// Wire messages from real L2TP encodings, matched against script expectations.
#include <catch2/catch.hpp>

#include "conformance/engine/l2tp_wire_message.h"
#include "conformance/engine/matcher.h"
#include "conformance/engine/script_parser.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"

using namespace ts;
using namespace ts::conformance;
using l2tp::AvpType;
using l2tp::to_u16;

namespace {

Bytes sccrp(std::uint16_t assigned, std::uint16_t window, bool hide = false) {
  l2tp::Message m;
  m.header.type_control = m.header.length_present = m.header.sequence_present = true;
  m.header.tunnel_id = 77;
  m.header.ns = 0;
  m.header.nr = 1;
  m.message_type = 2;
  m.avps.push_back(l2tp::make_avp_message_type(2));
  m.avps.push_back(l2tp::make_avp_protocol_version());
  m.avps.push_back(l2tp::make_avp_string(to_u16(AvpType::host_name), "lns one", true));
  auto a = l2tp::make_avp_u16(to_u16(AvpType::assigned_tunnel_id), assigned, true);
  a.hidden = hide;
  m.avps.push_back(a);
  m.avps.push_back(l2tp::make_avp_u16(to_u16(AvpType::receive_window_size), window, true));
  m.avps.push_back(l2tp::make_avp_vendor(311, 9, Bytes{0xde, 0xad}, false));
  const Bytes rv{1, 2, 3, 4};
  return l2tp::encode(m, l2tp::EncodeOptions{"s3cret", rv});
}

Step expect(const std::string& line) {
  auto r = parse_script("check a.b.c\ndevice l2tp.lns\n" + line + "\n", "t");
  REQUIRE(r.ok());
  return r.value().steps.at(0);
}

}  // namespace

TEST_CASE("an L2TP message as a wire message: name, header and AVP fields") {
  const auto w = l2tp_wire_message(sccrp(4242, 8));
  REQUIRE(w);
  CHECK(w->name == "SCCRP");
  CHECK(w->get("tunnel_id") == "77");
  CHECK(w->get("ns") == "0");
  CHECK(w->get("nr") == "1");
  CHECK(w->get("protocol_version") == "1.0");
  CHECK(w->get("host") == "lns one");
  CHECK(w->get("assigned_tunnel") == "4242");
  CHECK(w->get("window") == "8");
  CHECK(w->get("avp_311_9") == "dead");
  CHECK_FALSE(w->get("message_type"));
  CHECK_FALSE(l2tp_wire_message(Bytes{0x01, 0x02}));
}

TEST_CASE("hidden AVPs show unhidden with the secret, as hidden:hex without") {
  const Bytes b = sccrp(4242, 8, true);
  CHECK(l2tp_wire_message(b, "s3cret")->get("assigned_tunnel") == "4242");
  CHECK(l2tp_wire_message(b)->get("assigned_tunnel")->rfind("hidden:", 0) == 0);
}

TEST_CASE("matching: names, numbers, strings, wildcards, captures and bound variables") {
  const auto w = *l2tp_wire_message(sccrp(4242, 8));
  Bindings none;
  auto m = match(expect("0 < SCCRP assigned_tunnel=$peer window=8 host=\"lns one\" vendor_missing=*"), w, none);
  CHECK_FALSE(m.ok);
  CHECK(m.why == "expected SCCRP with vendor_missing=*, but it has no vendor_missing");
  m = match(expect("0 < SCCRP assigned_tunnel=$peer window=0x8 host=\"lns one\" avp_311_9=*"), w, none);
  REQUIRE(m.ok);
  CHECK(m.captured.at("peer") == "4242");
  Bindings bound{{"peer", "4242"}};
  CHECK(match(expect("0 < SCCRP assigned_tunnel=$peer"), w, bound).ok);
  bound["peer"] = "1";
  m = match(expect("0 < SCCRP assigned_tunnel=$peer"), w, bound);
  CHECK_FALSE(m.ok);
  CHECK(m.why == "expected SCCRP with assigned_tunnel=$peer, got assigned_tunnel=4242");
  m = match(expect("0 < SCCRP window=4"), w, none);
  CHECK(m.why == "expected SCCRP with window=4, got window=8");
  m = match(expect("0 < SCCCN"), w, none);
  CHECK(m.why == "expected SCCCN, got SCCRP");
  // A variable used twice in one message must agree with itself.
  CHECK_FALSE(match(expect("0 < SCCRP assigned_tunnel=$x window=$x"), w, none).ok);
  CHECK(match(expect("0 < SCCRP ns=$x tunnel_id=77"), w, none).ok);
}

TEST_CASE("sends resolve bound variables and refuse unbound ones") {
  auto r = parse_script("check a.b.c\ndevice d\n0 > SCCCN response=$r !nr=9 host=\"x\"\n", "t");
  REQUIRE(r.ok());
  const Step& s = r.value().steps[0];
  CHECK(resolve_send(s, {}).error() == "line 3: $r is not bound yet (capture it in an expectation first)");
  auto ok = resolve_send(s, Bindings{{"r", "abcd"}});
  REQUIRE(ok.ok());
  REQUIRE(ok.value().size() == 3);
  CHECK(ok.value()[0].value == "abcd");
  CHECK(ok.value()[1].deliberate);
  CHECK(ok.value()[2].value == "x");
}
