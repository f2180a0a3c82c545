// The L2TP script side's data messages (l2tp_data_message.h) and hidden AVPs
// (l2tp_avp_hiding.h): what `> DATA ...` puts on the wire, what `< DATA ...` can match, and
// that an AVP sent with `hide=` reads back only with the secret (RFC 2661 §3.1, §4.3, §5.4).
#include <catch2/catch.hpp>

#include "conformance/engine/l2tp_avp_hiding.h"
#include "conformance/engine/l2tp_data_message.h"
#include "conformance/engine/l2tp_wire_message.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"

using namespace ts;
using namespace ts::conformance;

namespace {
ResolvedField field(std::string k, std::string v, bool deliberate = false) {
  return ResolvedField{std::move(k), std::move(v), deliberate};
}
}  // namespace

TEST_CASE("DATA: S=0 by default with an empty LCP Configure-Request on the device's session") {
  L2tpDataSender sender;
  const auto bytes = sender.build({}, 7, 9);
  REQUIRE(bytes.ok());
  const auto w = l2tp_wire_message(bytes.value());
  REQUIRE(w);
  CHECK(w->name == "DATA");
  CHECK(w->get("tunnel_id") == "7");
  CHECK(w->get("session_id") == "9");
  CHECK(w->get("sequenced") == "no");
  CHECK(!w->get("ns"));
  CHECK(w->get("payload") == "ff03c02101050004");
  CHECK(w->get("ppp") == "LCP.ConfReq");
  CHECK(w->get("ppp_id") == "5");
}

TEST_CASE("DATA: sequenced=yes counts Ns from 0, an explicit ns moves the counter") {
  L2tpDataSender sender;
  auto ns_of = [&](std::vector<ResolvedField> f) {
    const auto w = l2tp_wire_message(sender.build(f, 1, 2).value());
    REQUIRE(w);
    CHECK(w->get("sequenced") == "yes");
    CHECK(w->get("nr") == "0");  // §3.1: reserved in data messages
    return std::string(*w->get("ns"));
  };
  CHECK(ns_of({field("sequenced", "yes")}) == "0");
  CHECK(ns_of({field("sequenced", "yes")}) == "1");
  CHECK(ns_of({field("ns", "10")}) == "10");
  CHECK(ns_of({field("sequenced", "yes"), field("payload", "ff03c02109010008deadbeef")}) == "11");
}

TEST_CASE("DATA: unknown fields and bad values are script errors") {
  L2tpDataSender sender;
  CHECK(!sender.build({field("window", "4")}, 1, 2).ok());
  CHECK(!sender.build({field("sequenced", "maybe")}, 1, 2).ok());
  CHECK(!sender.build({field("payload", "xyz")}, 1, 2).ok());
  CHECK(!sender.build({field("nr", "3")}, 1, 2).ok());  // Nr without S
  CHECK(!sender.build({field("ns", "70000")}, 1, 2).ok());
}

TEST_CASE("hide= sends the AVP hidden with a Random Vector; only the secret reads it") {
  l2tp::Message m;
  m.header.type_control = m.header.length_present = m.header.sequence_present = true;
  m.header.tunnel_id = 5;
  m.message_type = 10;  // ICRQ
  m.avps.push_back(l2tp::make_avp_message_type(10));
  m.avps.push_back(l2tp::make_avp_u16(14, 4242, true));  // Assigned Session ID
  m.avps.push_back(l2tp::make_avp_u32(15, 1, true));     // Call Serial Number
  L2tpAvpHiding hiding;
  REQUIRE(hiding.take({"assigned_session"}, false).ok());
  l2tp::EncodeOptions options;
  Bytes vector;
  const std::string secret = "s3cret";  // options keeps a view of it (ASan caught a temporary)
  REQUIRE(hiding.apply(m, secret, 0, options, vector).ok());
  CHECK(vector.size() == 16);
  const Bytes bytes = l2tp::encode(m, options);
  const auto clear = l2tp_wire_message(bytes, "s3cret");
  REQUIRE(clear);
  CHECK(clear->get("assigned_session") == "4242");
  CHECK(clear->get("random_vector") == to_hex(vector));  // §4.3: the vector precedes it
  const auto blind = l2tp_wire_message(bytes);
  REQUIRE(blind);
  CHECK(blind->get("assigned_session")->rfind("hidden:", 0) == 0);
}

TEST_CASE("hide=: needs the secret, a key the message carries, and an AVP that may be hidden") {
  l2tp::Message m;
  m.avps.push_back(l2tp::make_avp_message_type(10));
  l2tp::EncodeOptions options;
  Bytes vector;
  L2tpAvpHiding no_secret;
  REQUIRE(no_secret.take({"message_type"}, true).ok());  // on purpose: allowed, but no secret
  CHECK(no_secret.apply(m, "", 0, options, vector).error().find("requires tunnel-auth") != std::string::npos);
  L2tpAvpHiding absent;
  REQUIRE(absent.take({"called"}, false).ok());
  CHECK(!absent.apply(m, "s", 0, options, vector).ok());
  L2tpAvpHiding forbidden;
  CHECK(!forbidden.take({"random_vector"}, false).ok());  // §4.3: H MUST be 0
  CHECK(!forbidden.take({"no_such_avp"}, false).ok());
}
