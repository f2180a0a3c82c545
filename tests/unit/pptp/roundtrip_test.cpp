// Every PPTP control message: encode -> decode identity, and every prefix decodes to
// complete=false naming a field, without diagnostics blaming zeros left by the cut.
#include <catch2/catch.hpp>

#include "dissectors/pptp/diagnostics.h"
#include "dissectors/pptp/message.h"
#include "dissectors/pptp/names.h"
#include "samples.h"

using namespace ts;
using namespace ts::pptp;

TEST_CASE("PPTP: every control message round-trips with no diagnostics") {
  for (const Body& body : test::sample_bodies()) {
    const Message m = make_message(body);
    const std::uint16_t type = m.header.control_message_type;
    INFO(message_abbrev(type));
    const Bytes wire = encode(m);
    CHECK(wire.size() == *fixed_length(type));
    CHECK(m.header.length == wire.size());
    const auto d = decode(wire);
    CHECK(d.complete);
    CHECK(d.diags.empty());
    CHECK(d.value == m);
    CHECK(encode(d.value) == wire);
    CHECK(stream_message_length(wire) == wire.size());
  }
}

TEST_CASE("PPTP: every prefix of every message is truncated, named, and not blamed") {
  for (const Body& body : test::sample_bodies()) {
    const Bytes wire = encode(make_message(body));
    INFO(summarize(make_message(body)));
    for (std::size_t n = 0; n < wire.size(); ++n) {
      INFO("prefix " << n);
      const auto d = decode(ByteView(wire).first(n));
      CHECK_FALSE(d.complete);
      CHECK_FALSE(d.truncated_field.empty());
      // A cut is not the peer's fault: only header facts that were read may be reported.
      CHECK(d.diags.empty());
    }
  }
}

TEST_CASE("PPTP: unknown control message type keeps its body and round-trips") {
  Message m;
  m.header.control_message_type = 99;
  m.body = UnknownMessage{Bytes{1, 2, 3, 4}};
  const Bytes wire = encode(m);
  CHECK(wire.size() == 16);
  const auto d = decode(wire);
  CHECK(d.complete);
  REQUIRE(d.diags.size() == 1);
  CHECK(d.diags[0].def == &diag::kUnknownType);
  CHECK(std::get<UnknownMessage>(d.value.body).data == Bytes{1, 2, 3, 4});
  CHECK(d.value.header.length == 16);
  CHECK(encode(d.value) == wire);
  CHECK(summarize(d.value) == "PPTP type=99 4 bytes");
}

TEST_CASE("PPTP: stream_message_length reads the Length field") {
  CHECK_FALSE(stream_message_length({}).has_value());
  const Bytes one{0x00};
  CHECK_FALSE(stream_message_length(one).has_value());
  const Bytes two{0x00, 0x9c};
  CHECK(stream_message_length(two) == 156u);
  const Bytes big{0xff, 0xfe, 0x00};
  CHECK(stream_message_length(big) == 0xfffeu);
  const Bytes zero{0x00, 0x00};
  CHECK(stream_message_length(zero) == 0u);  // out of sync: caller must not advance by it
}

TEST_CASE("PPTP: fixed lengths follow the RFC 2637 §2 layouts") {
  CHECK(fixed_length(1) == 156u);
  CHECK(fixed_length(2) == 156u);
  CHECK(fixed_length(3) == 16u);
  CHECK(fixed_length(4) == 16u);
  CHECK(fixed_length(5) == 16u);
  CHECK(fixed_length(6) == 20u);
  CHECK(fixed_length(7) == 168u);
  CHECK(fixed_length(8) == 32u);
  CHECK(fixed_length(9) == 220u);
  CHECK(fixed_length(10) == 24u);
  CHECK(fixed_length(11) == 28u);
  CHECK(fixed_length(12) == 16u);
  CHECK(fixed_length(13) == 148u);
  CHECK(fixed_length(14) == 40u);
  CHECK(fixed_length(15) == 24u);
  CHECK_FALSE(fixed_length(0).has_value());
  CHECK_FALSE(fixed_length(16).has_value());
}

TEST_CASE("PPTP: summary starts with the abbreviation and describe lists every body field") {
  for (const Body& body : test::sample_bodies()) {
    const Message m = make_message(body);
    const std::string abbrev = message_abbrev(m.header.control_message_type);
    INFO(abbrev);
    CHECK(summarize(m).rfind(abbrev + " ", 0) == 0);
    Field layer;
    describe(m, layer);
    CHECK(layer.find("message")->text == abbrev);
    CHECK(layer.find("length")->number == m.header.length);
    CHECK(layer.children.size() > 7);  // header (7) plus the body
  }
}
